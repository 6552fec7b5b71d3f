"""`cbt do`, `cbt due` and `cbt review`: start, resume or continue an exercise."""

from typing import Annotated

import typer

from .app import app
from .running import AnswersOption, choose_and_start, run_and_report
from .state import state


@app.command("do")
def do(
    ctx: typer.Context,
    target: Annotated[
        str | None,
        typer.Argument(
            help="The exercise to do (see `cbt exercises`), or with --resume an entry id.",
            metavar="EXERCISE",
            show_default=False,
        ),
    ] = None,
    answers: AnswersOption = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Carry on a draft: the latest, or the one named.")
    ] = False,
    continue_id: Annotated[
        str | None,
        typer.Option("--continue", help="Do the next phase of an entry (see `cbt due`)."),
    ] = None,
    flag: Annotated[
        bool, typer.Option("--flag", help="Flag the finished entry to discuss with your therapist.")
    ] = False,
) -> None:
    """Do an exercise, one step at a time. Every answer is saved as you go."""
    s = state(ctx)
    if target is None and not (answers or resume or continue_id) and s.interactive:
        choose_and_start(s)  # no exercise named: offer the menu rather than an error
        return
    run_and_report(
        s,
        flag,
        target=target,
        answers_source=answers,
        resume=resume,
        continue_id=continue_id,
    )


@app.command("review")
def review(
    ctx: typer.Context,
    entry_id: Annotated[
        str, typer.Argument(metavar="ID", help="The entry to continue (see `cbt due`).")
    ],
    answers: AnswersOption = None,
) -> None:
    """Do the next phase of an entry (such as reviewing an experiment once you've done it), or
    add another day to a phase that repeats (a core-beliefs evidence log)."""
    run_and_report(
        state(ctx), target=None, answers_source=answers, resume=False, continue_id=entry_id
    )


@app.command("due")
def due(ctx: typer.Context) -> None:
    """Entries waiting for their next phase, oldest first."""
    from ..clock import now_local
    from ..guide.doing import due as waiting
    from ..terminal.console import styled
    from ..views.entries import due_table

    s = state(ctx)
    entries = waiting(s.journal())
    if not entries:
        s.console.print("Nothing is waiting for review.")
        return
    s.console.print(due_table(entries, s.catalog(), now_local(), s.console.width))
    s.console.print(styled("\nContinue one with [cyan]cbt review ID[/]."))
