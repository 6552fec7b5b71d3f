"""`cbt help-now`: crisis help always one command away, and the safety plan as a page."""

from pathlib import Path
from typing import Annotated, Any

import typer

from .alerts import latest_plan
from .app import app
from .state import State, state


@app.command("help-now")
def help_now(
    ctx: typer.Context,
    export: Annotated[
        Path | None,
        typer.Option(
            "--export",
            metavar="FILE",
            help="Also write your safety plan and crisis lines as one printable page "
            "(FILE.md, .html or .pdf).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """Crisis lines, and your safety plan, if you need help right now."""
    from rich.text import Text

    from ..config import display_name
    from ..journal.passphrase import opens_unasked
    from ..paths import default_journal_path
    from ..safety.helplines import load_helplines
    from ..views.safety import help_now_view
    from .alerts import location

    s = state(ctx)
    # Nothing stops to ask for a passphrase before the crisis lines are on the screen.
    locked = not opens_unasked(s.db_path or default_journal_path())
    plan = None
    if not locked:
        try:
            plan = latest_plan(s)
        except Exception:  # the crisis lines must show even if the journal cannot be read
            plan = None
    helplines, where = load_helplines(), location()
    s.console.print(help_now_view(helplines, where, plan))
    if locked:
        s.console.print(
            Text(
                "Your safety plan is in your encrypted journal, so it is not shown here without "
                "the passphrase; the lines above need none.",
                style="dim",
            )
        )
        plan = plan_with_typed_passphrase(s)  # only now, with the lines already on the screen
        if plan:
            from ..views.safety import plan_text

            s.console.print(*plan_text(plan))
    if export is not None:
        from ..export.plan import write_plan

        region = helplines.find(where.code) if where.code else None
        write_plan(export, display_name(), plan, region, force)
        s.console.print(f"Your safety plan is in {export} (readable by you alone).")


def plan_with_typed_passphrase(s: State) -> Any:
    """In a terminal, the safety plan once its owner types the passphrase (Enter skips); None
    without a terminal, when skipped, stopped, or when the passphrase does not open it: the
    crisis lines are already shown, so nothing here ends the command in an error."""
    import sys

    from ..errors import CbtError, Interrupted, Locked
    from ..journal import open_journal
    from ..paths import default_journal_path
    from ..terminal.hidden import say, typed

    if not sys.stdin.isatty():
        return None
    try:
        say("To see your safety plan as well, type the passphrase, or press Enter to skip.")
        key = typed("Passphrase: ")
        if not key:
            return None
        s.use_journal(open_journal(s.db_path or default_journal_path(), False, key))
        plan = latest_plan(s)
        if plan is None:
            say("There is no safety plan in your journal yet; `cbt do safety-plan` makes one.")
        return plan
    except Interrupted:
        return None
    except Locked:
        say("That passphrase does not open your journal; the lines above are there any time.")
    except CbtError as exc:  # a damaged journal, say: its own one sentence
        from ..terminal.safe_text import for_terminal

        say(for_terminal(str(exc)))
    return None
