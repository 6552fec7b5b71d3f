"""Rich renderings of exercises, entries and moods for the terminal."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.markdown import Markdown
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .answers import answer_text
from .catalog import Catalog
from .journal import AWAITING, COMPLETE, DRAFT, Entry, Mood
from .model import Exercise, Step

STATUS_WORDS = {DRAFT: "draft", AWAITING: "awaiting", COMPLETE: "done"}


def make_console(stderr: bool = False) -> Console:
    # rich honours NO_COLOR and drops colour when output is not a terminal.
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def when_text(moment: datetime) -> str:
    return moment.strftime("%a %d %b %Y, %H:%M")


def exercises_table(catalog: Catalog) -> Table:
    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    table.add_column("Exercise", style="cyan", no_wrap=True)
    table.add_column("What it's for")
    table.add_column("Time", justify="right", style="dim", no_wrap=True)
    for exercise in sorted(catalog.exercises.values(), key=lambda e: (not e.builtin, e.id)):
        mine = "" if exercise.builtin else " (yours)"
        minutes = f"{exercise.minutes} min" if exercise.minutes else ""
        table.add_row(exercise.id + mine, exercise.summary or exercise.title, minutes)
    return table


def entry_headline(entry: Entry, exercise: Exercise | None) -> str:
    """A short line from the entry's first text answer, so the journal list is recognisable."""
    steps = exercise.steps if exercise else ()
    for step in steps:
        value = entry.answers.get(step.id)
        if step.type == "text" and isinstance(value, str) and not step.private:
            return value.splitlines()[0]
    return ""


def entries_table(entries: list[Entry], catalog: Catalog) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("ID", style="cyan", no_wrap=True, min_width=8)
    table.add_column("When", no_wrap=True, min_width=16)
    table.add_column("Exercise", no_wrap=True, min_width=14, max_width=24, overflow="ellipsis")
    table.add_column("Status", no_wrap=True, min_width=8)
    table.add_column("About", overflow="ellipsis", no_wrap=True, max_width=60)
    for entry in entries:
        exercise = catalog.get_or_none(entry.exercise_id)
        status = Text(STATUS_WORDS.get(entry.status, entry.status))
        if entry.status != COMPLETE:
            status.stylize("yellow")
        marks = (" ⚑" if entry.flagged else "") + (" 🔒" if entry.private else "")
        table.add_row(
            entry.short_id,
            (entry.completed or entry.started).strftime("%Y-%m-%d %H:%M"),
            entry.exercise_title,
            status,
            entry_headline(entry, exercise) + marks,
        )
    return table


def answer_renderable(step: Step | None, value: Any, answers: dict[str, Any]) -> RenderableType:
    if step is not None and step.type == "rerate" and isinstance(value, dict):
        before = answers.get(step.of or "") or {}
        return Text(
            "\n".join(f"{name} {before.get(name, '?')} → {level}" for name, level in value.items())
        )
    if isinstance(value, dict):
        return Text("\n".join(f"{name} {level}" for name, level in value.items()))
    if isinstance(value, list) and not (step is not None and step.choices):
        return Text("\n".join(f"• {item}" for item in value))
    if step is not None and step.type == "rating":
        unit = f" {step.unit}" if step.unit else f" / {step.max}"
        return Text(f"{value}{unit}")
    if step is not None and step.type == "text" and step.multiline:
        return Markdown(str(value))
    return Text(answer_text(step, value))


def render_entry(entry: Entry, exercise: Exercise | None) -> RenderableType:
    header = Text()
    header.append(entry.exercise_title, style="bold")
    header.append(f"   {when_text(entry.started)}", style="dim")
    header.append(f"   {STATUS_WORDS.get(entry.status, entry.status)}", style="dim")
    if entry.flagged:
        header.append("   ⚑ flagged to discuss", style="yellow")
    table = Table(box=None, show_header=False, pad_edge=False, expand=True)
    table.add_column(style="bold", ratio=1)
    table.add_column(ratio=3)
    steps = list(exercise.steps) if exercise else []
    known = {s.id for s in steps}
    for step in steps:
        if step.id in entry.answers:
            table.add_row(
                step.short_label, answer_renderable(step, entry.answers[step.id], entry.answers)
            )
    for step_id, value in entry.answers.items():
        if step_id not in known:  # the exercise changed since, but nothing is hidden
            table.add_row(step_id, answer_renderable(None, value, entry.answers))
    footer = Text(f"id {entry.id}", style="dim")
    return Panel(Group(header, Text(), table, Text(), footer), border_style="cyan")


def moods_line(mood: Mood) -> Text:
    text = Text(f"Mood {mood.score}/10", style="bold")
    if mood.emotions:
        text.append("  " + ", ".join(f"{n} {v}" for n, v in mood.emotions.items()))
    if mood.note:
        text.append(f"  “{mood.note}”", style="italic")
    return text


def outcome_message(outcome: Any) -> RenderableType:
    """What to say when a phase is done: thanks, where it is kept, and what comes next."""
    entry, exercise = outcome.entry, outcome.exercise
    parts: list[RenderableType] = [Text()]
    if outcome.awaiting:
        parts.append(
            Text.from_markup(
                f"Saved as [cyan]{entry.short_id}[/]. When you're ready for "
                f"'{outcome.awaiting.lower()}', run [cyan]cbt do --continue {entry.short_id}[/]."
            )
        )
    else:
        if exercise.outro:
            parts.append(Markdown(exercise.outro))
        parts.append(
            Text.from_markup(
                f"Saved to your journal as [cyan]{entry.short_id}[/]. "
                f"See it with [cyan]cbt show {entry.short_id}[/]."
            )
        )
    return Group(*parts)


def region_text(region: Any) -> Text:
    text = Text()
    text.append(f"{region.name}\n", style="bold")
    text.append(f"  In danger now: call {region.emergency}\n")
    for line in region.lines:
        text.append(f"  {line.name}: ", style="bold")
        text.append(f"{line.how}\n")
    return text


def helplines_panel(helplines: Any, region_code: str | None = None) -> RenderableType:
    intro = Text(
        "If you are in danger right now, or might act on thoughts of harming yourself, "
        "call your local emergency number or go to the nearest emergency department.\n"
        "You deserve support, and talking to someone can help, even a stranger on a helpline.\n",
    )
    body: list[RenderableType] = [intro]
    mine = helplines.find(region_code) if region_code else None
    if mine is not None:
        body.append(region_text(mine))
    others = [r for r in helplines.regions.values() if r is not mine]
    for region in [*others, helplines.international]:
        body.append(region_text(region))
    return Panel(Group(*body), title="Help now", border_style="magenta", title_align="left")
