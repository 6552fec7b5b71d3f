"""Rich renderings of exercises, entries and moods for the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..definitions.catalog import Catalog
from ..definitions.model import Exercise
from ..guide.answers import first_answer_line
from ..journal import AWAITING, COMPLETE, DRAFT, Entry, Mood
from .fields import when_written


def Markdown(text: str) -> RenderableType:
    """Exercise texts (intros, help, outros) drawn from their light markdown."""
    from ..terminal.markup import render

    return render(text)


STATUS_WORDS = {DRAFT: "draft", AWAITING: "awaiting", COMPLETE: "done"}


def exercises_table(catalog: Catalog, tag: str | None = None, width: int = 100) -> RenderableType:
    """The exercises grouped by approach (their first approach tag), or those with one tag;
    below NARROW columns each exercise's description goes on the lines below its name."""
    from ..definitions.catalog import APPROACHES, approach_of
    from .narrow import NARROW

    chosen = [e for e in catalog.exercises.values() if tag is None or tag in e.tags]
    order = list(APPROACHES)
    groups: dict[str, list[Exercise]] = {}
    for exercise in chosen:
        groups.setdefault(approach_of(exercise), []).append(exercise)
    ranked = sorted(groups, key=lambda a: order.index(a) if a in order else len(order))
    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    table.add_column("Exercise", style="cyan", no_wrap=True)
    table.add_column("What it's for")
    table.add_column("Time", justify="right", style="dim", no_wrap=True)
    stack: list[RenderableType] = []
    for number, approach in enumerate(ranked):
        if number:
            table.add_row("", "", "")
            stack.append(Text())
        heading = Text(APPROACHES.get(approach, "Other"), style="bold")
        table.add_row(heading, "", "")
        stack.append(heading)
        for exercise in sorted(groups[approach], key=lambda e: (not e.builtin, e.id)):
            mine = "" if exercise.builtin else " (yours)"
            minutes = f"{exercise.minutes} min" if exercise.minutes else ""
            what = Text(exercise.summary or exercise.title)
            if exercise.supervised:
                what.append(" (best with a therapist)", style="yellow")
            table.add_row("  " + exercise.id + mine, what, minutes)
            name = Text("  " + exercise.id + mine, style="cyan")
            if minutes:
                name.append(f"  {minutes}", style="dim")
            stack += [name, Padding(what, (0, 0, 0, 4))]
    return Group(*stack) if width < NARROW else table


def entry_headline(entry: Entry, exercise: Exercise | None) -> str:
    """A short line from the entry's first text answer, so the journal list is recognisable;
    for a check-in, its score, feelings and note."""
    if entry.is_mood:
        return moods_line(Mood.from_entry(entry)).plain.removeprefix("Mood ")
    return first_answer_line(entry, exercise)


def fill_fitted(
    table: Table, rows: list[tuple[Any, ...]], width: int, stacked_as: Sequence[str] = ()
) -> RenderableType:
    """Add rows so that in a narrow terminal only the last column (free text) gives way.

    Rich shares a shortfall out across every column, cutting ids and dates to a letter or two;
    here the other columns keep their natural width and the last one ends in an ellipsis.
    Below NARROW columns, rows are stacked instead (each cell put in words by `stacked_as`)."""
    from rich.cells import cell_len

    from .narrow import NARROW, stacked

    if width < NARROW:
        formats = list(stacked_as) or ["{}"] * len(table.columns)
        return stacked(rows, formats, str(table.columns[0].style))

    def natural(index: int) -> int:
        cells = [table.columns[index].header, *(row[index] for row in rows)]
        longest = max(cell_len(c.plain if isinstance(c, Text) else str(c)) for c in cells)
        return min(longest, table.columns[index].max_width or longest)

    widths = [natural(i) for i in range(len(table.columns) - 1)]
    text = natural(-1)
    room = width - 2 * (len(table.columns) - 1)  # two spaces between columns
    # Columns with a cap (a long title) give way too, down to 10, to leave the text 24.
    for index, column in enumerate(table.columns[:-1]):
        short = min(24, text) - (room - sum(widths))
        if short > 0 and column.max_width is not None and widths[index] > 10:
            widths[index] = max(10, widths[index] - short)
            column.width = widths[index]
    last = table.columns[-1]
    last.width = max(8, min(last.max_width or width, room - sum(widths), text))
    for row in rows:
        table.add_row(*row)
    return table


def entries_table(entries: list[Entry], catalog: Catalog, width: int) -> RenderableType:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("ID", style="cyan", no_wrap=True)
    table.add_column("When", no_wrap=True)
    table.add_column("Exercise", no_wrap=True, max_width=24, overflow="ellipsis")
    table.add_column("Status", no_wrap=True)
    table.add_column("About", overflow="ellipsis", no_wrap=True, max_width=60)
    rows = []
    for entry in entries:
        exercise = catalog.for_entry(entry)
        status = Text(STATUS_WORDS.get(entry.status, entry.status))
        if entry.status != COMPLETE:
            status.stylize("yellow")
        status.append((" ⚑" if entry.flagged else "") + (" 🔒" if entry.private else ""))
        rows.append(
            (
                entry.short_id,
                when_written(entry),
                entry.exercise_title,
                status,
                entry_headline(entry, exercise),
            )
        )
    return fill_fitted(table, rows, width)


def field_renderable(item: Any) -> RenderableType:
    if item.items:
        lines = [item.text] if item.text else []
        return Text("\n".join(lines + [f"• {line}" for line in item.items]))
    if item.long:
        return Markdown(item.text)
    return Text(item.text)


def render_entry(entry: Entry, exercise: Exercise | None, width: int) -> RenderableType:
    from .fields import entry_fields
    from .narrow import NARROW

    header = Text()
    header.append(entry.exercise_title, style="bold")
    header.append(f"   {when_written(entry)}", style="dim")
    header.append(f"   {STATUS_WORDS.get(entry.status, entry.status)}", style="dim")
    if entry.flagged:
        header.append("   ⚑ flagged to discuss", style="yellow")
    if entry.private:
        header.append("   private", style="dim")
    fields, _ = entry_fields(entry, exercise)
    footer = Text(f"id {entry.id}", style="dim")
    if width < NARROW:
        # each label on a line of its own and its answer below, so neither is squeezed
        stack: list[RenderableType] = []
        for item in fields:
            stack += [Text(item.label, style="bold"), Padding(field_renderable(item), (0, 0, 0, 2))]
        return Panel(Group(header, Text(), *stack, Text(), footer), border_style="cyan")
    table = Table(box=None, show_header=False, pad_edge=False, expand=True)
    # Labels keep to one line where they can (up to 30 characters, or a third of the
    # terminal); answers take the rest.
    table.add_column(style="bold", max_width=min(30, max(12, width // 3)))
    table.add_column(ratio=1)
    for item in fields:
        table.add_row(item.label, field_renderable(item))
    return Panel(Group(header, Text(), table, Text(), footer), border_style="cyan")


def moods_line(mood: Mood) -> Text:
    text = Text(f"Mood {mood.score}/10" if mood.score is not None else "Feelings", style="bold")
    if mood.emotions:
        text.append("  " + ", ".join(f"{n} {v}" for n, v in mood.emotions.items()))
    if mood.activities:
        text.append("  (" + ", ".join(mood.activities) + ")")
    if mood.note:
        text.append(f"  “{mood.note}”", style="italic")
    return text


def outcome_message(outcome: Any, score: str = "") -> RenderableType:
    """What to say when a phase is done: thanks, a questionnaire's score, where it is kept,
    and what comes next."""
    from ..terminal.invocation import command

    entry, exercise = outcome.entry, outcome.exercise
    parts: list[RenderableType] = [Text()]
    parts += [Markdown(note) for note in outcome.notes]
    parts += [Text(notice, style="yellow") for notice in outcome.notices]
    if outcome.awaiting:
        parts.append(
            Text.assemble(
                "Saved as ",
                (entry.short_id, "cyan"),
                f". The next part, '{outcome.awaiting}', is waiting for you: run ",
                (command(f"review {entry.short_id}"), "cyan"),
                " when you're ready (",
                (command("due"), "cyan"),
                " lists everything waiting).",
            )
        )
    else:
        if exercise.outro:
            parts.append(Markdown(exercise.outro))
        if score:
            parts.append(Text(score, style="bold"))
        parts.append(
            Text.assemble(
                "Saved to your journal as ",
                (entry.short_id, "cyan"),
                ". See it with ",
                (command(f"show {entry.short_id}"), "cyan"),
                ".",
            )
        )
    return Group(*parts)


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[int | None], high: int = 100) -> str:
    """Peak distress across practices on a fixed 0-100 scale, so ladders compare fairly."""
    marks = []
    for value in values:
        if value is None:
            marks.append("·")
        else:
            index = min(len(SPARKS) - 1, max(0, round(value / high * (len(SPARKS) - 1))))
            marks.append(SPARKS[index])
    return "".join(marks)


def ago(moment: datetime, now: datetime) -> str:
    days = (now.date() - moment.date()).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    return f"{days // 30} months ago"


def due_table(entries: list[Entry], catalog: Catalog, now: datetime, width: int) -> RenderableType:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("ID", style="cyan", no_wrap=True)
    table.add_column("Exercise", no_wrap=True, max_width=24, overflow="ellipsis")
    table.add_column("Next", no_wrap=True, max_width=24, overflow="ellipsis")
    table.add_column("Waiting since", no_wrap=True)
    table.add_column("About", overflow="ellipsis", no_wrap=True, max_width=50)
    rows = []
    for entry in entries:
        exercise = catalog.get_or_none(entry.exercise_id)
        phase = (
            exercise.phases[entry.phase].title
            if exercise and entry.phase < len(exercise.phases)
            else "?"
        )
        rows.append(
            (
                entry.short_id,
                entry.exercise_title,
                phase,
                ago(entry.updated, now),
                entry_headline(entry, exercise),
            )
        )
    return fill_fitted(table, rows, width, ("{}", "{}", "next: {}", "waiting since {}", "{}"))


def ladders_table(ladders: list[Any], width: int) -> RenderableType:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Ladder", style="cyan", no_wrap=True, max_width=30, overflow="ellipsis")
    table.add_column("Mastered", justify="right", no_wrap=True)
    table.add_column("Practices", justify="right", no_wrap=True)
    table.add_column("Next step", overflow="ellipsis", no_wrap=True, max_width=50)
    rows = []
    for ladder in ladders:
        upcoming = next((s for s in ladder.steps if not s.mastered), None)
        name = ladder.name + (" (archived)" if ladder.archived else "")
        rows.append(
            (
                name,
                f"{ladder.mastered_count} of {len(ladder.steps)}",
                str(sum(len(s.peaks) for s in ladder.steps)),
                f"{upcoming.text} ({upcoming.suds})" if upcoming else "all mastered",
            )
        )
    return fill_fitted(table, rows, width, ("{}", "{} mastered", "{} practices", "next: {}"))


def peak_trend(peaks: list[int | None], plain: bool) -> str:
    """Peak distress across practices: every number in plain output (a screen reader reads
    them), else a sparkline with the first and latest numbers beside it."""
    if not peaks:
        return ""
    if plain:
        return ", ".join("-" if p is None else str(p) for p in peaks)
    known = [p for p in peaks if p is not None]
    ends = f"{known[0]} → {known[-1]}" if len(known) > 1 else "".join(map(str, known))
    return f"{sparkline(peaks)} {ends}".rstrip()


def ladder_steps(ladder: Any, suggested: set[str], width: int, plain: bool) -> RenderableType:
    """The steps from the top (hardest) down: a table, or stacked blocks when narrow."""
    from .narrow import NARROW

    rows = []
    for number, step in reversed(list(enumerate(ladder.steps, 1))):
        if step.mastered:
            state = Text("✓ mastered", style="green")
        elif step.id in suggested:
            state = Text("looks mastered?", style="yellow")
        else:
            state = Text("")
        practices = len(step.peaks)
        rows.append((number, step, practices, peak_trend(step.peaks, plain), state))
    if width < NARROW:
        blocks: list[RenderableType] = []
        for number, step, practices, trend, state in rows:
            lines = [Text(step.text)]
            lines.append(
                Text(f"SUDS {step.suds} · {practices} practice{'s' if practices != 1 else ''}")
            )
            if trend or state.plain:
                line = Text(f"peaks {trend}" if trend else "")
                if trend and state.plain:
                    line.append(" · ")
                line.append_text(state)
                lines.append(line)
            grid = Table.grid(padding=(0, 1, 0, 0))
            grid.add_column(justify="right", style="dim", no_wrap=True)
            grid.add_column()
            grid.add_row(f"{number}.", Group(*lines))
            blocks.append(grid)
        return Group(*blocks)
    table = Table(box=None, pad_edge=False, header_style="bold", expand=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column("Step")
    table.add_column("SUDS", justify="right")
    table.add_column("Practices", justify="right")
    table.add_column("Peak trend", no_wrap=True)  # peak distress (SUDS) across practices
    table.add_column("", no_wrap=True)
    for number, step, practices, trend, state in rows:
        table.add_row(str(number), step.text, str(step.suds), str(practices), trend, state)
    return table


def ladder_view(
    ladder: Any, goal: str, suggested: set[str], width: int = 100, plain: bool = False
) -> RenderableType:
    from ..guide.ladders import MASTERY_RULE

    table = ladder_steps(ladder, suggested, width - 4, plain)  # inside the panel's border
    title = Text(ladder.name, style="bold")
    parts: list[RenderableType] = [title]
    if goal:
        parts.append(Text(f"Goal: {goal}", style="italic"))
    parts += [Text(), table]
    parts.append(
        Text(
            "\nSUDS: the distress you expect, from 0 (calm) to 100 (the most). Peak trend: the "
            "highest distress of each practice, oldest first.",
            style="dim",
        )
    )
    if suggested:
        parts.append(
            Text(
                f"{MASTERY_RULE} Mark it with `cbt ladder done "
                f"{ladder.name} STEP` if it feels that way to you; then vary it (another time, "
                "place or company) rather than only climbing.",
                style="dim",
            )
        )
    return Panel(Group(*parts), border_style="cyan")
