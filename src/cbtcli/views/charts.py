"""Text charts drawn with block characters: a mood chart and a calendar heat map.

Pure functions returning lines of text, so they are easy to test and cheap to import;
colour is added by the renderer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from ..wording import counted

EIGHTHS = " ▁▂▃▄▅▆▇█"
HEAT = " ░▒▓█"


def column_chart(values: Sequence[float | None], height: int, top: float) -> list[str]:
    """One column per value, `height` rows tall, with eighth-block precision; None is a gap."""
    rows = []
    for row in range(height, 0, -1):
        line = []
        for value in values:
            if value is None:
                line.append(" ")
                continue
            filled = value / top * height  # how many rows this column fills
            if filled >= row:
                line.append("█")
            elif filled > row - 1:
                line.append(EIGHTHS[round((filled - (row - 1)) * 8)])
            else:
                line.append(" ")
        rows.append("".join(line))
    return rows


def fit_points(
    points: Sequence[tuple[str, float | None]], width: int
) -> list[tuple[str, float | None]]:
    """Merge neighbouring points (averaging) until they fit in `width` columns."""
    if len(points) <= width:
        return list(points)
    size = -(-len(points) // width)
    merged = []
    for start in range(0, len(points), size):
        chunk = points[start : start + size]
        known = [v for _, v in chunk if v is not None]
        merged.append((chunk[0][0], sum(known) / len(known) if known else None))
    return merged


def mood_chart(
    points: Sequence[tuple[str, float | None]], width: int, height: int = 8, top: float = 10
) -> list[str]:
    """A mood chart with a 0-10 axis and the first and last dates underneath."""
    axis = 3
    fitted = fit_points(points, max(10, width - axis - 1))
    # Wide terminals get wider columns, so a month does not look like a thin smear.
    stretch = max(1, min(3, (width - axis - 1) // max(1, len(fitted))))
    values = [v for _, v in fitted for _ in range(stretch)]
    body = column_chart(values, height, top)
    lines = []
    for index, row in enumerate(body):
        label = {0: f"{top:>2.0f}", height // 2: f"{top / 2:>2.0f}"}.get(index, "  ")
        lines.append(f"{label} ┤{row}")
    lines.append(f" 0 └{'─' * len(values)}")
    if fitted:
        first, last = fitted[0][0], fitted[-1][0]
        gap = max(1, len(values) - len(first) - len(last))
        lines.append(" " * (axis + 1) + first + " " * gap + (last if len(fitted) > 1 else ""))
    return lines


def heat_level(count: int, busiest: int) -> int:
    if count <= 0:
        return 0
    if busiest <= 1:
        return 4
    return max(1, min(4, round(count / busiest * 4)))


def calendar(counts: dict[date, int], start: date, end: date) -> list[tuple[str, list[int | None]]]:
    """GitHub-style weeks as columns, Monday to Sunday as rows; None is outside the period."""
    first_monday = start - timedelta(days=start.weekday())
    weeks = (end - first_monday).days // 7 + 1
    busiest = max(counts.values(), default=0)
    rows: list[tuple[str, list[int | None]]] = []
    for weekday, name in enumerate(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]):
        cells: list[int | None] = []
        for week in range(weeks):
            day = first_monday + timedelta(days=week * 7 + weekday)
            cells.append(heat_level(counts.get(day, 0), busiest) if start <= day <= end else None)
        rows.append((name, cells))
    return rows


def span_words(first: date, last: date) -> str:
    """'4 weeks', '5 days', 'one day'."""
    days = (last - first).days + 1
    if days <= 1:
        return "one day"
    return f"{round(days / 7)} weeks" if days >= 14 else f"{days} days"


def trend_sentence(what: str, points: Sequence[tuple[date, float]], unit: str = "") -> str:
    """What a chart shows, in one line for anyone who cannot see it (a screen reader, plain
    output): "Mood rose from 4 to 6 over 4 weeks (lowest 3, highest 7)."."""
    if not points:
        return f"{what}: nothing to chart yet."
    values = [value for _, value in points]
    number = lambda value: f"{round(value, 1):g}{unit}"  # noqa: E731
    if len(points) == 1:
        return f"{what}: {number(values[0])}, the only one so far ({points[0][0]:%d %b %Y})."
    first, last = values[0], values[-1]
    span = span_words(points[0][0], points[-1][0])
    when = "on the same day" if span == "one day" else f"over {span}"
    if round(last, 1) == round(first, 1):
        move = f"was {number(first)} at the start and at the end, {when}"
    else:
        verb = "rose" if last > first else "fell"
        move = f"{verb} from {number(first)} to {number(last)} {when}"
    return f"{what} {move} (lowest {number(min(values))}, highest {number(max(values))})."


def calendar_sentence(counts: dict[date, int], start: date, end: date) -> str:
    """The practice calendar in one line: how many days, and the weekday practised most."""
    days = (end - start).days + 1
    practised = [day for day, count in counts.items() if count > 0 and start <= day <= end]
    if not practised:
        return f"Calendar: no practice in {counted(days, 'days')}."
    by_weekday = [0] * 7
    for day in practised:
        by_weekday[day.weekday()] += 1
    busiest = max(range(7), key=lambda weekday: by_weekday[weekday])
    line = f"Calendar: practice on {len(practised)} of {counted(days, 'days')}"
    if by_weekday.count(by_weekday[busiest]) > 1 or by_weekday[busiest] < 2:
        return line + "."
    name = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][busiest]
    return f"{line}, most often on a {name}."
