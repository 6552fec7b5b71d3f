"""`cbt blueprint`: the relapse-prevention blueprint, drafted from the journal, and its
check-ins after 4 and 12 weeks."""

from typing import Annotated

import typer

from .app import app
from .running import AnswersOption, run_and_report
from .state import State, state


@app.command("blueprint")
def blueprint(
    ctx: typer.Context,
    answers: AnswersOption = None,
    new: Annotated[
        bool,
        typer.Option("--new", help="Write a fresh blueprint, even if one awaits a check-in."),
    ] = False,
) -> None:
    """Draft your relapse-prevention blueprint from your journal and make it yours; run it
    again after 4 and 12 weeks for a check-in that compares your scores."""
    from ..insights.blueprint import waiting_blueprint

    s = state(ctx)
    waiting = None if new else waiting_blueprint(s.journal())
    if waiting is not None:
        check_in(s, waiting.id, answers)
        return
    write_blueprint(s, answers)


def write_blueprint(s: State, answers: str | None) -> None:
    from datetime import timedelta

    from ..clock import now_local
    from ..insights.blueprint import BLUEPRINT, CHECK_IN_WEEKS, draft_blueprint
    from ..journal import AWAITING
    from ..terminal.console import styled

    catalog = s.catalog()
    draft = draft_blueprint(s.journal(), catalog)
    exercise = catalog.get(BLUEPRINT)
    drafted = [step for step in exercise.steps if draft.sources.get(step.id)]
    if drafted:
        s.console.print("Drafted from your journal (change anything as you go):")
        for step in drafted:
            count = len(set(draft.sources[step.id]))
            s.console.print(
                f"  • {step.short_label}: from {count} entr{'y' if count == 1 else 'ies'}"
            )
    else:
        s.console.print(
            "There's not much in your journal to draft from yet, so the blueprint starts blank."
        )
    run_and_report(
        s,
        target=BLUEPRINT,
        answers_source=answers,
        resume=False,
        continue_id=None,
        draft=draft.answers,
    )
    latest = s.journal().latest((AWAITING,), BLUEPRINT)
    if latest is not None:
        today = now_local().date()
        dates = [today + timedelta(weeks=w) for w in CHECK_IN_WEEKS.values()]
        s.console.print(
            styled(
                "Check-ins: run [cyan]cbt blueprint[/] after 4 weeks ({}) and 12 weeks ({}) "
                "to see how your scores compare.",
                dates[0].strftime("%d %b %Y"),
                dates[1].strftime("%d %b %Y"),
            )
        )


def check_in(s: State, entry_id: str, answers: str | None) -> None:
    from ..clock import now_local
    from ..insights.blueprint import check_in_due, measure_lines
    from ..terminal.console import styled

    entry = s.journal().get(entry_id)
    weeks, due = check_in_due(entry)
    if now_local().date() < due:
        s.console.print(
            styled(
                "Your blueprint's {}-week check-in is due on {}: run [cyan]cbt blueprint[/] "
                "then. [cyan]cbt blueprint --new[/] writes a fresh blueprint.",
                weeks,
                due.strftime("%d %b %Y"),
            )
        )
        return
    written = entry.started.date()
    s.console.print(f"Your {weeks}-week check-in on the blueprint you wrote on {written}.")
    lines = measure_lines(s.journal(), s.catalog(), since=written)
    if lines:
        s.console.print("Since you wrote it:")
        for line, _ in lines:
            s.console.print(f"  • {line}")
    else:
        s.console.print(
            "No questionnaire scores to compare yet: `cbt measure phq9` takes two minutes."
        )
    run_and_report(s, target=None, answers_source=answers, resume=False, continue_id=entry_id)
