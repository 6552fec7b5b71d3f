"""`cbt session` and `cbt prep`: notes after a therapy session, and a page for the next one."""

import typer

from .app import app, reading, state
from .practice import AnswersOption, run_and_report

session_app = typer.Typer(
    help="After a therapy session: what you worked on, what to remember, the homework.",
    invoke_without_command=True,
)
app.add_typer(session_app, name="session")


@session_app.callback()
def session(ctx: typer.Context, answers: AnswersOption = None) -> None:
    """Note a therapy session; its homework becomes this week's goals, as you choose."""
    if ctx.invoked_subcommand is not None:
        return
    from ..sessions import SESSION

    run_and_report(
        state(ctx), target=SESSION, answers_source=answers, resume=False, continue_id=None
    )


@session_app.command("list")
def session_list(ctx: typer.Context) -> None:
    """Your session notes, oldest first, with the homework agreed at each."""
    from ..render_sessions import sessions_lines
    from ..sessions import sessions

    s = reading(ctx)
    found = sessions(s.journal(), s.catalog())
    if not found:
        s.console.print("No session notes yet. After your next session, run `cbt session`.")
        return
    for line in sessions_lines(found):
        s.console.print(line)
