"""`cbt do`: start, resume or continue an exercise."""

from __future__ import annotations

from typing import Annotated

import typer

from .app import app, state


@app.command("do")
def do(
    ctx: typer.Context,
    target: Annotated[
        str | None,
        typer.Argument(
            help="The exercise to do (see `cbt exercises`), or with --resume an entry id.",
            show_default=False,
        ),
    ] = None,
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers", "-a", help="Take every answer from a YAML or JSON file ('-' reads stdin)."
        ),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Carry on a draft: the latest, or the one named.")
    ] = False,
    continue_id: Annotated[
        str | None,
        typer.Option("--continue", help="Do the next phase of an entry (see `cbt due`)."),
    ] = None,
) -> None:
    """Do an exercise, one step at a time. Every answer is saved as you go."""
    from ..practice import run_do

    s = state(ctx)
    outcome = run_do(
        s.journal(),
        s.catalog(),
        s.prompter,
        target=target,
        answers_source=answers,
        resume=resume,
        continue_id=continue_id,
    )
    from ..render import outcome_message

    s.console.print(outcome_message(outcome))
