"""`cbt ladder`: build fear ladders, practise their steps and watch distress come down."""

from typing import Annotated

import typer

from .app import app
from .running import AnswersOption, run_and_report
from .state import reading, state

ladder_app = typer.Typer(
    help="Fear ladders: build one, practise its steps, see your progress.", no_args_is_help=True
)
app.add_typer(ladder_app, name="ladder")

NameArgument = Annotated[str, typer.Argument(metavar="NAME", help="The ladder's name.")]


@ladder_app.command("list")
def list_ladders(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help="Include archived ladders.")] = False,
) -> None:
    """Your ladders, with how far up each one you are."""
    from ..journal.ladders import all_ladders
    from ..terminal.console import styled
    from ..views.entries import ladders_table

    s = reading(ctx)
    ladders = all_ladders(s.journal(), include_archived=all_)
    if not ladders:
        s.console.print(styled("No ladders yet. Build one with [cyan]cbt ladder new[/]."))
        return
    s.console.print(ladders_table(ladders, s.console.width))


@ladder_app.command("new")
def new(ctx: typer.Context, answers: AnswersOption = None) -> None:
    """Build a new fear ladder (runs the fear-ladder exercise)."""
    run_and_report(
        state(ctx), target="fear-ladder", answers_source=answers, resume=False, continue_id=None
    )


@ladder_app.command("show")
def show(ctx: typer.Context, name: NameArgument) -> None:
    """A ladder drawn step by step, with practices and the trend of peak distress."""
    from ..guide.ladders import ladder_goal, suggests_mastered
    from ..journal.ladders import find_ladder
    from ..views.entries import ladder_view

    s = reading(ctx)
    journal = s.journal()
    ladder = find_ladder(journal, name)
    suggested = {step.id for step in ladder.steps if suggests_mastered(step) and not step.mastered}
    goal = ladder_goal(journal, s.catalog(), ladder)
    s.console.print(ladder_view(ladder, goal, suggested, s.console.width, s.plain_output))


@ladder_app.command("edit")
def edit(
    ctx: typer.Context,
    name: NameArgument,
    add: Annotated[
        list[str] | None, typer.Option("--add", help="Add a step: 'TEXT=SUDS' (repeatable).")
    ] = None,
    remove: Annotated[
        list[int] | None, typer.Option("--remove", help="Remove step N (repeatable).")
    ] = None,
    rerate: Annotated[
        list[str] | None, typer.Option("--rerate", help="Re-rate a step: 'N=SUDS' (repeatable).")
    ] = None,
    rename: Annotated[
        list[str] | None, typer.Option("--rename", help="Reword a step: 'N=TEXT' (repeatable).")
    ] = None,
    new_name: Annotated[
        str | None, typer.Option("--name", help="Rename the ladder itself.")
    ] = None,
) -> None:
    """Add, remove, re-rate or reword steps; past practices are always kept."""
    from ..guide.ladders import edit_ladder
    from ..wording import counted

    s = state(ctx)
    prompter = None if (add or remove or rerate or rename or new_name) else s.prompter()
    ladder = edit_ladder(
        s.journal(),
        name,
        prompter,
        interactive=s.interactive,
        add=add or [],
        remove=remove or [],
        rerate=rerate or [],
        rename=rename or [],
        new_name=new_name,
    )
    s.console.print(f"Saved the ladder '{ladder.name}' ({counted(len(ladder.steps), 'steps')}).")
    from ..safety.risk import assess_answer

    risk = assess_answer([ladder.name, *(step.text for step in ladder.steps)])
    if risk is not None:  # a ladder's words are checked like any others
        from ..safety.watch import Notice
        from .alerts import show_alert

        reason = "Some words in this ladder can be about suicide or self-harm."
        show_alert(s, pausing=False)(Notice("text", reason, risk.urgent, True, False))


@ladder_app.command("practice")
def practice(ctx: typer.Context, name: NameArgument, answers: AnswersOption = None) -> None:
    """Practise a step of a ladder (suggests the lowest step not yet mastered)."""
    from ..guide.doing import practise_ladder
    from ..guide.offers import offer_mastery
    from ..views.entries import outcome_message

    s = state(ctx)
    journal = s.journal()
    from .alerts import show_alert
    from .running import written_answers

    outcome = practise_ladder(
        journal, s.catalog(), s.prompter, name, written_answers(answers), show_alert(s)
    )
    s.console.print(outcome_message(outcome))
    for message in offer_mastery(
        journal, outcome, s.prompter() if s.interactive and not answers else None
    ):
        s.console.print(message)


@ladder_app.command("done")
def done(
    ctx: typer.Context,
    name: NameArgument,
    step: Annotated[
        str,
        typer.Argument(metavar="STEP", help="The step's number in `cbt ladder show`, or its text."),
    ],
    undo: Annotated[
        bool, typer.Option("--undo", help="Mark it as not mastered after all.")
    ] = False,
) -> None:
    """Mark a step as mastered (or not, with --undo)."""
    from ..clock import now_local
    from ..guide.ladders import find_step
    from ..journal.ladders import find_ladder, set_mastered

    s = state(ctx)
    journal = s.journal()
    ladder = find_ladder(journal, name)
    rung = find_step(ladder, step)
    set_mastered(journal, ladder.id, rung.id, None if undo else now_local())
    if undo:
        s.console.print(f"'{rung.text}' is no longer marked as mastered.")
    else:
        s.console.print(f"Well done: '{rung.text}' is mastered.")


@ladder_app.command("archive")
def archive(
    ctx: typer.Context,
    name: NameArgument,
    undo: Annotated[bool, typer.Option("--undo", help="Bring an archived ladder back.")] = False,
) -> None:
    """Put a ladder away (it stays in your journal, with its practices)."""
    from ..journal.ladders import find_ladder, set_archived

    s = state(ctx)
    journal = s.journal()
    ladder = find_ladder(journal, name)
    set_archived(journal, ladder.id, not undo)
    s.console.print(f"{'Restored' if undo else 'Archived'} the ladder '{ladder.name}'.")
