"""`cbt summary`, `cbt today` and `cbt goal`: making progress visible."""

import json
from typing import Annotated

import typer

from .app import app
from .state import State, reading, state


def exercise_title(s: State, exercise_id: str) -> str:
    from ..insights.summary import title_of

    exercise = s.catalog().get_or_none(exercise_id)
    return title_of(exercise_id, exercise.title if exercise else None)


@app.command("summary")
def summary(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(help="From this day (default: 30 days ago). YYYY-MM-DD, or 7d, 12w, 6m, 1y."),
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Up to and including this day (default: today).")
    ] = None,
    exercise: Annotated[
        str | None,
        typer.Option("--exercise", "-e", help="Only this exercise ('mood' for check-ins)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Every figure as JSON.")] = False,
    plain: Annotated[
        bool, typer.Option("--plain", help="No colour, charts or boxes: tables and lines only.")
    ] = False,
) -> None:
    """Your mood and practice trends over a period (the last 30 days by default)."""
    from ..clock import now_local
    from ..dates import day_range
    from ..insights.summary import Period, summarise

    s = state(ctx)
    if plain:
        s.plain = True
    today = now_local().date()
    start, end = day_range(since, until, today, default_days=30)
    assert start is not None  # a default period always has a start
    if exercise:
        s.catalog().known(exercise)  # only to name a mistyped exercise; the summary needs no YAML
    result = summarise(s.journal(), Period(start, end or today), today, exercise)
    if as_json:
        typer.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    from ..views.summary import summary_view

    s.console.print(summary_view(result, s.console.width, s.plain_output))


@app.command("today")
def today(
    ctx: typer.Context,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="One line if you haven't practised today, else nothing (for a shell start-up file).",
        ),
    ] = False,
) -> None:
    """Today at a glance: practice, streak, last mood, what's waiting, this week's goals."""
    from ..clock import now_local
    from ..insights.summary import home_facts
    from ..journal.passphrase import opens_unasked
    from ..paths import default_journal_path

    s = state(ctx)
    ready = (
        "Whenever you're ready: `cbt do thought-record` takes about 5 minutes,"
        " `cbt mood` ten seconds."
    )
    if quiet and not opens_unasked(s.db_path or default_journal_path()):
        typer.echo(ready)  # a shell start-up never asks for a passphrase (nor runs a command)
        return
    facts = home_facts(s.journal(), now_local().date())
    if quiet:
        if not facts.practised_today:
            typer.echo(ready)
        return
    from ..views.summary import home_view

    s.console.print(home_view(facts, s.plain_output))


goal_app = typer.Typer(
    help="Weekly practice goals, for example as agreed with your therapist.", no_args_is_help=True
)
app.add_typer(goal_app, name="goal")


@goal_app.command("set")
def goal_set(
    ctx: typer.Context,
    exercise: Annotated[
        str, typer.Argument(metavar="EXERCISE", help="The exercise, or 'mood' for check-ins.")
    ],
    frequency: Annotated[str, typer.Argument(metavar="N/week", help="How often, like 3/week.")],
) -> None:
    """Set (or change) how many times a week you aim to do an exercise."""
    from ..definitions.goals import check_goal_target, parse_frequency
    from ..journal.goals import set_goal

    s = state(ctx)
    target = check_goal_target(s.catalog(), exercise)
    per_week = parse_frequency(frequency)
    set_goal(s.journal(), target, per_week)
    s.console.print(
        f"Goal set: {exercise_title(s, target)}, {per_week} time{'s' if per_week != 1 else ''} a week."
    )


@goal_app.command("list")
def goal_list(ctx: typer.Context) -> None:
    """Your goals and this week's progress."""
    from ..clock import now_local
    from ..insights.summary import goal_progress
    from ..terminal.console import styled
    from ..views.summary import goals_lines

    s = reading(ctx)
    progress = goal_progress(s.journal(), now_local().date())
    if not progress:
        s.console.print(
            styled("No goals yet. Set one with [cyan]cbt goal set thought-record 3/week[/].")
        )
        return
    for line in goals_lines(progress):
        s.console.print(line)


@goal_app.command("remove")
def goal_remove(
    ctx: typer.Context,
    exercise: Annotated[
        str, typer.Argument(metavar="EXERCISE", help="The exercise whose goal to remove.")
    ],
) -> None:
    """Remove a goal."""
    from ..errors import CbtError
    from ..journal.goals import remove_goal

    s = state(ctx)
    if not remove_goal(s.journal(), exercise):
        raise CbtError(f"There is no goal for '{exercise}'; `cbt goal list` shows your goals.")
    s.console.print(f"Removed the goal for {exercise_title(s, exercise)}.")
