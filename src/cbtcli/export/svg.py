"""The mood trend as a small inline SVG: no scripts, no external files, prints cleanly."""

from __future__ import annotations

from datetime import date
from html import escape

from ..views.charts import trend_sentence

WIDTH, HEIGHT = 720, 220
LEFT, RIGHT, TOP, BOTTOM = 36, 12, 14, 30


def mood_svg(points: list[tuple[date, float]], since: date, until: date) -> str:
    """Daily (or weekly) average mood, 0 to 10, across the period."""
    span = max(1, (until - since).days)
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: date) -> float:
        return LEFT + (day - since).days / span * inner_w

    def y(value: float) -> float:
        return TOP + (1 - value / 10) * inner_h

    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" xmlns="http://www.w3.org/2000/svg">',
        # a screen reader reads the title of an image: what the chart shows, in words
        f"<title>{escape(trend_sentence('Mood (0 lowest, 10 best)', points))}</title>",
    ]
    for level in (0, 5, 10):
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(level):.1f}" y2="{y(level):.1f}"/>'
        )
        parts.append(
            f'<text class="axis" x="{LEFT - 8}" y="{y(level) + 4:.1f}" text-anchor="end">{level}</text>'
        )
    if points:
        path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in points)
        parts.append(f'<polyline class="line" points="{path}"/>')
        parts += [
            f'<circle class="dot" cx="{x(d):.1f}" cy="{y(v):.1f}" r="3"><title>{d}: {v:g}</title></circle>'
            for d, v in points
        ]
    parts.append(
        f'<text class="axis" x="{LEFT}" y="{HEIGHT - 8}">{escape(f"{since:%d %b %Y}")}</text>'
    )
    parts.append(
        f'<text class="axis" x="{WIDTH - RIGHT}" y="{HEIGHT - 8}" text-anchor="end">{escape(f"{until:%d %b %Y}")}</text>'
    )
    parts.append("</svg>")
    return "\n".join(parts)
