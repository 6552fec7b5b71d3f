"""`cbt measure`: the standard questionnaires (PHQ-9, GAD-7), and your scores over time."""

from typing import Annotated

import typer

from .app import app
from .options import Since, Until
from .running import AnswersOption, run_and_report
from .state import reading, state

measure_app = typer.Typer(
    help="Standard questionnaires (PHQ-9 for mood, GAD-7 for anxiety) and your scores over time.",
    no_args_is_help=True,
)
app.add_typer(measure_app, name="measure")


@measure_app.command("history")
def history(
    ctx: typer.Context,
    measure: Annotated[
        str | None,
        typer.Argument(
            metavar="MEASURE", help="phq9 or gad7 (default: every measure you have done)."
        ),
    ] = None,
    since: Since = None,
    until: Until = None,
) -> None:
    """Your scores over time, their bands, and what changed, in plain words."""
    from ..clock import now_local
    from ..dates import day_range
    from ..definitions.model import measure_title
    from ..errors import CbtError
    from ..insights.measures import change_sentence, joint_summary, measures, scores
    from ..views.measures import history_view

    s = reading(ctx)
    catalog = s.catalog()
    known = measures(list(catalog.exercises.values()))
    chosen = [e for e in known if e.id == measure] if measure else known
    if measure and not chosen:
        names = ", ".join(e.id for e in known)
        raise CbtError(f"'{measure}' is not a scored questionnaire; the ones here are {names}.")
    start, end = day_range(since, until, now_local().date())
    shown = 0
    for exercise in chosen:
        found = scores(
            s.journal(),
            exercise,
            start.isoformat() if start else None,
            end.isoformat() if end else None,
        )
        if found:
            words = change_sentence(measure_title(exercise), exercise, found, s.journal())
            s.console.print(history_view(exercise, found, words, s.console.width, s.plain_output))
            shown += 1
    joint = joint_summary(s.journal(), end.isoformat() if end else None) if not measure else None
    if joint:
        s.console.print(joint[1])
    if not shown:
        which = chosen[0].id if measure else "phq9"
        s.console.print(f"No scores yet. `cbt measure {which}` takes about two minutes.")


def measure_command(exercise_id: str):
    def run(ctx: typer.Context, answers: AnswersOption = None) -> None:
        s = state(ctx)
        run_and_report(
            s, target=exercise_id, answers_source=answers, resume=False, continue_id=None
        )

    return run


for _id, _help in (
    ("phq9", "The PHQ-9: nine questions about mood over the last two weeks."),
    ("gad7", "The GAD-7: seven questions about anxiety over the last two weeks."),
):
    measure_app.command(_id, help=_help)(measure_command(_id))
