"""Rendering `cbt summary` and the home screen, in colour or as plain text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from ..insights.summary import GoalProgress, Summary
from ..terminal.invocation import command
from ..wording import counted
from .charts import HEAT, calendar, calendar_sentence, mood_chart, trend_sentence

HEAT_STYLES = ["grey23", "green4", "green3", "green1", "bold bright_green"]


def signed(value: float | None, unit: str = "") -> str:
    if value is None:
        return ""
    return f"{value:+g}{unit}"


def pair(before: float | None, after: float | None, change: float | None, unit: str = "") -> str:
    """'83.8 % → 31.2 % (-52.5)': the change as worked out from the exact averages."""
    if before is None or after is None or change is None:
        return "not enough data yet"
    return f"{before:g}{unit} → {after:g}{unit} ({signed(change)})"


def period_text(summary: Summary) -> str:
    since, until = summary.period.since, summary.period.until
    return f"{since:%d %b %Y} to {until:%d %b %Y} ({counted(summary.period.days, 'days')})"


def section(title: str, body: Sequence[RenderableType], plain: bool) -> RenderableType:
    if plain:
        return Group(Text(title.upper()), *body, Text())
    return Panel(Group(*body), title=Text(title), title_align="left", border_style="cyan")


def timeline(summary: Summary) -> list[tuple[str, float | None]]:
    """Every day (or week) of the period, with gaps where there was no check-in."""
    assert summary.mood is not None
    known = {p["date"]: p["average"] for p in summary.mood.points}
    step = 7 if summary.mood.resolution == "week" else 1
    day = summary.period.since
    if step == 7:
        day -= timedelta(days=day.weekday())
    points = []
    while day <= summary.period.until:
        points.append((day.isoformat(), known.get(day.isoformat())))
        day += timedelta(days=step)
    return points


def mood_section(summary: Summary, width: int, plain: bool) -> RenderableType | None:
    mood = summary.mood
    if mood is None:
        return None
    line = f"Average {mood.average:g} out of 10 · lowest {mood.lowest} · highest {mood.highest} · {counted(mood.check_ins, 'check-ins')}"
    body: list[RenderableType] = [Text(line)]
    if mood.change is not None:
        body.append(
            Text(
                f"First week {mood.first_week_average:g} → last week {mood.last_week_average:g} ({signed(mood.change)})"
            )
        )
    label = "Weekly average" if mood.resolution == "week" else "Daily average"
    known = [(date.fromisoformat(p["date"]), float(p["average"])) for p in mood.points]
    body.append(Text(trend_sentence(f"Mood ({label.lower()}, 0 to 10)", known)))
    if plain:
        from rich.table import Table  # only plain output has tables; rich.table is slow to import

        table = Table(box=None, show_header=True, header_style="", pad_edge=False)
        table.add_column("Week of" if mood.resolution == "week" else "Day")
        table.add_column(label, justify="right")
        for point in mood.points:
            table.add_row(point["date"], f"{point['average']:g}")
        body += [Text(), table]
    else:
        chart = mood_chart(timeline(summary), width - 6)
        body += [Text(), Text(f"{label}, 0 to 10", style="dim")]
        body += [Text(row, style="cyan") for row in chart[:-1]] + [Text(chart[-1], style="dim")]
    return section("Mood", body, plain)


def thought_section(summary: Summary, plain: bool) -> RenderableType | None:
    records = summary.thought_records
    if records is None:
        return None
    body = [
        Text(f"{records.count} thought record{'s' if records.count != 1 else ''} done"),
        Text(
            f"Main feeling, before → after: {pair(records.main_emotion_before, records.main_emotion_after, records.main_emotion_change)}"
        ),
        Text(
            f"Belief in the hot thought: {pair(records.belief_before, records.belief_after, records.belief_change, ' %')}"
        ),
    ]
    if records.thinking_traps:
        traps = ", ".join(f"{t['label']} ({t['count']})" for t in records.thinking_traps)
        body.append(Text(f"Thinking traps you caught most: {traps}"))
    if records.feelings:
        feelings = ", ".join(f"{f['name']} ({f['count']})" for f in records.feelings)
        body.append(Text(f"Feelings that came up most: {feelings}"))
    return section("Thought records", body, plain)


def goals_lines(goals: list[GoalProgress]) -> list[Text]:
    lines = []
    for goal in goals:
        name = goal.title
        mark = "✓ " if goal.met else ""
        lines.append(
            Text(
                f"  {mark}{name}: {goal.done_this_week} of {goal.per_week} this week",
                style="green" if goal.met else "",
            )
        )
    return lines


class HeatMap:
    """The practice calendar, drawn to the width it is given: weeks as columns under their
    months, two characters a day where that fits, one where it doesn't, and in a very narrow
    space the latest weeks only."""

    def __init__(self, counts: dict[date, int], start: date, end: date) -> None:
        self.rows = calendar(counts, start, end)
        self.first_monday = start - timedelta(days=start.weekday())

    def month_labels(self, first: int, weeks: int, cell: int) -> Text:
        """Each month over the first column whose week starts in it (GitHub's convention), and
        the first column's month unless the next label would run into it."""
        labels = []
        for week in range(first, weeks):
            monday = self.first_monday + timedelta(weeks=week)
            if week == first:
                labels.append((0, f"{monday + timedelta(days=6):%b}"))
            elif monday.day <= 7:
                labels.append(((week - first) * cell, f"{monday:%b}"))
        if len(labels) > 1 and labels[1][0] <= len(labels[0][1]):
            labels.pop(0)
        text = Text("    ")
        for column, label in labels:
            if column + 4 >= len(text.plain) + (1 if text.plain.strip() else 0):
                text.append(" " * (column + 4 - len(text.plain)))
                text.append(label, style="dim")
        return text

    def __rich_console__(self, console: Any, options: Any) -> Any:
        weeks = len(self.rows[0][1])
        room = max(1, options.max_width - 4)  # "Mon " before the cells
        cell = 2 if weeks * 2 <= room else 1
        first = max(0, weeks - room // cell)
        yield self.month_labels(first, weeks, cell)
        for name, cells in self.rows:
            text = Text(f"{name} ")
            for level in cells[first:]:
                if level is None:
                    text.append(" " * cell)
                else:
                    mark = HEAT[max(level, 1)] if level else "·"
                    text.append(mark * cell, style=HEAT_STYLES[level])
            yield text
        yield Text("     less " + "".join(HEAT[1:]) + " more", style="dim")


def heatmap(summary: Summary, plain: bool) -> list[RenderableType]:
    practice = summary.practice
    assert practice is not None
    if plain or summary.period.days > 53 * 7:
        return []  # plain output has the per-day counts in --json; very long periods skip the map
    counts = {date.fromisoformat(day): count for day, count in practice.days.items()}
    return [HeatMap(counts, summary.period.since, summary.period.until)]


def practice_section(summary: Summary, plain: bool) -> RenderableType | None:
    practice = summary.practice
    if practice is None:
        return None
    day = lambda n: f"{n} day{'s' if n != 1 else ''}"  # noqa: E731
    body: list[RenderableType] = [
        Text(
            f"{day(practice.days_practised)} practised · current streak {day(practice.current_streak)} · longest {day(practice.longest_streak)}"
        )
    ]
    counts = [f"{summary.titles.get(k, k)} {v}" for k, v in practice.per_exercise.items()]
    if practice.mood_check_ins:
        counts.append(f"mood check-ins {practice.mood_check_ins}")
    if counts:
        body.append(Text(" · ".join(counts)))
    per_day = {date.fromisoformat(day): count for day, count in practice.days.items()}
    body.append(Text(calendar_sentence(per_day, summary.period.since, summary.period.until)))
    map_lines = heatmap(summary, plain)
    if map_lines:
        body += [Text(), *map_lines]
    if practice.goals:
        body += [Text(), Text("Goals"), *goals_lines(practice.goals)]
    return section("Practice", body, plain)


def measures_section(summary: Summary, plain: bool) -> RenderableType | None:
    if not summary.measures:
        return None
    body: list[RenderableType] = []
    for measure in summary.measures:
        latest = measure.scores[-1]
        count = len(measure.scores)
        body.append(
            Text(
                f"{measure.title}: latest {latest.total} of {measure.high} ({latest.band}), "
                f"{count} score{'s' if count != 1 else ''}"
            )
        )
        body.append(Text(f"  {measure.sentence}"))
    if summary.measures_together:
        body.append(Text(summary.measures_together[1]))
    return section("Measures", body, plain)


def experiments_section(summary: Summary, plain: bool) -> RenderableType | None:
    body: list[RenderableType] = []
    experiments = summary.experiments
    if experiments is not None:
        if experiments.awaiting_review:
            waiting = counted(experiments.awaiting_review, "experiments")
            body.append(Text(f"{waiting} awaiting review: see `cbt due`"))
        if experiments.reviewed:
            change = signed(experiments.average_belief_change, " points")
            body.append(
                Text(
                    f"{experiments.reviewed} reviewed; belief in the prediction changed by {change} on average"
                )
            )
    lines = []
    for ladder in summary.ladders:
        peak = (
            f", latest peak distress {ladder.latest_peak}" if ladder.latest_peak is not None else ""
        )
        steps = counted(ladder.steps, "steps")
        lines.append(f"Ladder '{ladder.name}': {ladder.mastered} of {steps} mastered{peak}")
    if lines:
        body.append(Text("\n".join(lines)))  # one renderable however many ladders there are
    if not body:
        return None
    return section("Experiments and ladders", body, plain)


def summary_view(summary: Summary, width: int, plain: bool) -> RenderableType:
    head = Text(f"Your summary: {period_text(summary)}", style="" if plain else "bold")
    if summary.is_empty:
        return Group(
            head,
            Text(),
            Text(
                "Nothing to show for this period yet. That's all right: a summary grows with each "
                "check-in. Try `cbt mood` (ten seconds) or `cbt do thought-record` (about 5 minutes)."
            ),
        )
    parts = [
        mood_section(summary, width, plain),
        thought_section(summary, plain),
        measures_section(summary, plain),
        practice_section(summary, plain),
        experiments_section(summary, plain),
    ]
    return Group(head, Text(), *[p for p in parts if p is not None])


def draft_line(draft: Any, count: int) -> Text:
    others = count - 1
    more = f" ({others} more: `{command('journal --drafts')}`)" if others else ""
    return Text(
        f"Unfinished: {draft.exercise_title} from {draft.updated:%a %d %b}; "
        f"`{command(f'do --resume {draft.short_id}')}` carries on where you stopped{more}."
    )


def hard_day(mood: Any, today: Any) -> bool:
    """Today's last check-in was at its lowest, or its words suggested risk."""
    from ..definitions.check_in import LOW_MOOD

    if mood is None or mood.recorded.date() != today:
        return False
    return bool(mood.alerts) or (mood.score is not None and mood.score <= LOW_MOOD)


def home_view(facts: Any, plain: bool) -> RenderableType:
    lines: list[RenderableType] = [
        Text(f"{facts.today:%A %d %B %Y}", style="" if plain else "bold")
    ]
    if facts.practised_today and hard_day(facts.last_mood, facts.today):
        # after a check-in at its lowest, or one whose words suggested risk: no cheering
        lines.append(
            Text(
                "You've checked in today. If today is hard, `cbt help-now` shows who to talk "
                "to, any time."
            )
        )
    elif facts.practised_today:
        lines.append(Text("You've practised today. Well done.", style="" if plain else "green"))
    else:
        lines.append(Text("Nothing practised yet today: whenever you're ready."))
    if facts.current_streak:
        lines.append(
            Text(f"Streak: {facts.current_streak} day{'s' if facts.current_streak != 1 else ''}")
        )
    if facts.last_mood is not None:
        lines.append(
            Text(
                f"Last mood: {facts.last_mood.score}/10 ({facts.last_mood.recorded:%a %d %b, %H:%M})"
            )
        )
    if facts.latest_draft is not None:
        lines.append(draft_line(facts.latest_draft, facts.drafts))
    if facts.awaiting:
        lines.append(Text(f"Waiting for review: {facts.awaiting} (`cbt due`)"))
    for measure_id, title, waited in facts.measures_due:
        since = (
            f"It's been {waited} days since your last {title}"
            if waited is not None
            else f"Your therapist asked for the {title}"
        )
        lines.append(
            Text(f"{since}; `cbt measure {measure_id}` takes two minutes when you're ready.")
        )
    if facts.backup_due:
        lines.append(
            Text(
                "No backup this month: `cbt backup` keeps a safe copy of your journal.", style="dim"
            )
        )
    if facts.goals:
        lines.append(Text("This week's goals:"))
        lines += goals_lines(facts.goals)
    if facts.assignments:
        from .assignments import home_lines

        lines += [Text(line) for line in home_lines(facts.assignments)]
    return Group(*lines)
