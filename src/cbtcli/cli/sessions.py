"""`cbt session` and `cbt prep`: notes after a therapy session, and a page for the next one."""

from pathlib import Path
from typing import Annotated

import typer

from .app import app
from .running import AnswersOption, run_and_report
from .state import State, reading, state

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
    from ..guide.sessions import SESSION

    run_and_report(
        state(ctx), target=SESSION, answers_source=answers, resume=False, continue_id=None
    )


@session_app.command("list")
def session_list(ctx: typer.Context) -> None:
    """Your session notes, oldest first, with the homework agreed at each."""
    from ..guide.sessions import sessions
    from ..views.sessions import sessions_lines

    s = reading(ctx)
    found = sessions(s.journal(), s.catalog())
    if not found:
        s.console.print("No session notes yet. After your next session, run `cbt session`.")
        return
    for line in sessions_lines(found):
        s.console.print(line)


@app.command("prep")
def prep(
    ctx: typer.Context,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help="md, html or pdf, to bring or send (with -o)."),
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Where to write it.")
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(help="Start here instead of at your last session note (a date, or 14d)."),
    ] = None,
    talk_about: Annotated[
        str | None,
        typer.Option("--talk-about", help="What you want to talk about (asked in a terminal)."),
    ] = None,
    include_private: Annotated[
        bool, typer.Option("--include-private", help="Include entries and answers marked private.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """One page for your next therapy session: homework, scores, mood, flagged entries."""
    from ..clock import now_local
    from ..dates import period_start
    from ..errors import UsageError
    from ..export.prep import FORMATS, terminal_lines
    from ..views.prep import prep_page

    s = state(ctx)
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"'{fmt}' is not a prep format; use one of {', '.join(FORMATS)}.")
    if output is not None and fmt is None:
        raise UsageError("Say which format to write with -f (md, html or pdf).")
    today = now_local().date()
    start = period_start(since, today) if since else None
    words = talk_about if talk_about is not None else ask_talk_about(s)
    if words.strip():
        keep_talk_about(s, words)
    page = prep_page(s.journal(), s.catalog(), today, start, include_private, words)
    if fmt is None:
        for line in terminal_lines(page):
            s.console.print(line)
        return
    from ..export.output import destination
    from ..export.run import unused_name

    write, binary = FORMATS[fmt]
    default = unused_name(Path(f"cbt-prep-{today.isoformat()}.{fmt}"))
    with destination(output, default, force, binary) as (stream, where):
        write(page, stream)
    if where != "standard output":
        s.err_console.print(f"Wrote the prep page to {where}.")


def ask_talk_about(s: State) -> str:
    """Asked in a terminal only; an empty answer is fine."""
    if not s.interactive:
        return ""
    from ..definitions.model import Step
    from ..errors import Interrupted
    from ..guide.engine import Ask, ask_valid

    step = Step(
        id="talk_about",
        type="text",
        prompt="Anything you want to talk about next time? (optional)",
        help="A few words is enough. It goes at the top of the page, and is kept in your journal.",
        required=False,
    )
    try:
        answer = ask_valid(s.prompter(), Ask.question(step), {})
    except Interrupted:
        return ""
    return str(answer or "")


def keep_talk_about(s: State, words: str) -> None:
    """Kept as a journal note, so nothing written for the page is lost."""
    from ..guide.doing import from_answers
    from ..guide.prompters.scripted import ScriptedPrompter

    exercise = s.catalog().get("journal-note")
    words_given = ScriptedPrompter({"title": "To talk about next session", "body": words})
    from_answers(s.journal(), exercise, words_given)
