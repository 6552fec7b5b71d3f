"""`cbt help-now`: crisis help always one command away, and the safety plan as a page."""

from pathlib import Path
from typing import Annotated

import typer

from .alerts import latest_plan
from .app import app
from .state import state


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
    if export is not None:
        from ..export.plan import write_plan

        region = helplines.find(where.code) if where.code else None
        write_plan(export, display_name(), plan, region, force)
        s.console.print(f"Your safety plan is in {export} (readable by you alone).")
