"""Measure scores over time: a table, a chart with the severity bands, and change in words."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..definitions.model import Exercise, measure_title
from ..insights.measures import Score
from .charts import column_chart, trend_sentence

BAND_STYLES = ["green", "yellow3", "dark_orange", "red", "red3"]


def chart_lines(exercise: Exercise, found: list[Score], width: int) -> list[Text]:
    """One column per score, with each band's upper bound marked on the right."""
    scoring = exercise.scoring
    height = 9
    stretch = max(1, min(4, (width - 30) // max(1, len(found))))
    values = [s.total for s in found for _ in range(stretch)]
    rows = column_chart(values, height, scoring.high)
    marks: dict[int, tuple[str, str]] = {}
    for index, band in enumerate(scoring.bands):
        band_row = height - 1 - min(height - 1, int(band.max / scoring.high * height))
        marks.setdefault(band_row, (band.label, BAND_STYLES[min(index, len(BAND_STYLES) - 1)]))
    lines = []
    for index, row in enumerate(rows):
        axis = f"{scoring.high:>3} ┤" if index == 0 else "    ┤"
        line = Text(axis) + Text(row.ljust(len(values)), style="cyan")
        if index in marks:
            line.append(f"  ─ {marks[index][0]}", style=marks[index][1])
        lines.append(line)
    lines.append(Text(f"  0 └{'─' * len(values)}", style="dim"))
    return lines


def history_view(
    exercise: Exercise, found: list[Score], change_text: str, width: int, plain: bool
) -> RenderableType:
    title = measure_title(exercise)
    scoring = exercise.scoring
    table = Table(box=None, pad_edge=False, header_style="" if plain else "bold")
    table.add_column("Date")
    table.add_column("Score", justify="right")
    table.add_column("Band")
    for score in found:
        table.add_row(f"{score.day:%d %b %Y}", f"{score.total} / {scoring.high}", score.band)
    parts: list[RenderableType] = [table, Text()]
    if len(found) > 1:
        # what the chart shows, in words, whether or not the chart is drawn
        parts.append(Text(trend_sentence(f"Your {title}", [(s.day, s.total) for s in found])))
    if not plain and len(found) > 1:
        parts += [*chart_lines(exercise, found, width), Text()]
    bands = ", ".join(f"{b.label} up to {b.max}" for b in scoring.bands)
    parts.append(Text(change_text))
    parts.append(Text(f"Bands: {bands}.", style="dim"))
    if plain:
        return Group(Text(f"{title.upper()} HISTORY"), *parts, Text())
    return Panel(
        Group(*parts), title=Text(f"{title} over time"), title_align="left", border_style="cyan"
    )
