"""HTML: one self-contained page (no fonts, scripts or images to fetch) that reads well on a
screen and prints one entry per page. Everything a person wrote is escaped."""

from __future__ import annotations

import re
from functools import lru_cache, partial
from html import escape as html_escape
from typing import IO

from ..journal import Entry
from ..terminal.console import CONTROL_CHARS, for_terminal
from ..views.charts import trend_sentence
from ..views.fields import Field, when_written
from ..wording import EXPORT_FOOTER
from .selection import Selection, status_word
from .svg import mood_svg

# What escaping would change: most answers have none of it, and one scan lets them through.
NEEDS_ESCAPING = re.compile(f"[{CONTROL_CHARS}&<>\"']")


def escape(text: str) -> str:
    """A person's words in HTML: markup escaped, control characters shown, never obeyed."""
    if not NEEDS_ESCAPING.search(text):
        return text
    return html_escape(for_terminal(text))


@lru_cache(maxsize=1024)
def label_html(label: str) -> str:
    # A few dozen labels, written hundreds of thousands of times in a long export.
    return f'<div class="field"><h3>{escape(label)}</h3>'


STYLE = """
:root { color-scheme: light; --ink: #1f2933; --muted: #5f6b7a; --line: #d9dee5; --accent: #2f6f8f; --flag: #b7791f; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 46rem; padding: 2.5rem 1.5rem 4rem; color: var(--ink);
  font: 16px/1.55 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; }
h2 { font-size: 1.2rem; margin: 0; }
.meta, .when, .axis, footer { color: var(--muted); font-size: .9rem; }
.overview { border: 1px solid var(--line); border-radius: 8px; padding: .9rem 1.2rem; margin: 1.2rem 0; }
.overview dl { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; margin: 0; }
.overview dt { font-weight: 600; }
.overview dd { margin: 0; }
.chart { width: 100%; height: auto; margin: .6rem 0 0; }
.chart .grid { stroke: var(--line); stroke-width: 1; }
.chart .line { fill: none; stroke: var(--accent); stroke-width: 2; }
.chart .dot { fill: var(--accent); }
.chart .axis { font-size: 11px; fill: var(--muted); }
.chart-words { color: var(--muted); margin: .2rem 0 0; }
article { border-top: 1px solid var(--line); padding: 1.2rem 0 .4rem; }
article header { display: flex; flex-wrap: wrap; gap: .2rem 1rem; align-items: baseline; margin-bottom: .6rem; }
.flag { color: var(--flag); font-weight: 600; }
.field { margin: 0 0 .8rem; }
.field h3 { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 0 0 .15rem; }
.field p { margin: 0; white-space: pre-wrap; }
.field ul { margin: .1rem 0 0; padding-left: 1.2rem; }
.check-ins { border-top: 1px solid var(--line); padding-top: 1.2rem; }
.check-ins ul { padding-left: 1.2rem; }
footer { margin-top: 2rem; border-top: 1px solid var(--line); padding-top: .8rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  .overview { break-after: page; }
  article { break-before: page; border-top: none; }
  article:first-of-type { break-before: auto; }
  .field { break-inside: avoid; }
}
"""


def field_html(item: Field) -> str:
    label = label_html(item.label)
    if not item.items:  # most fields: a label and a line of text
        return f"{label}<p>{escape(item.text)}</p></div>" if item.text else f"{label}</div>"
    text = f"<p>{escape(item.text)}</p>" if item.text else ""
    lines = "".join([f"<li>{escape(line)}</li>" for line in item.items])
    return f"{label}{text}<ul>{lines}</ul></div>"


def overview_html(selection: Selection) -> str:
    rows, points = selection.overview()
    items = "".join(f"<dt>{escape(label)}</dt><dd>{escape(text)}</dd>" for label, text in rows)
    chart = (
        mood_svg(points, selection.period.since, selection.period.until)
        + f'<p class="chart-words">{escape(trend_sentence("Mood", points))}</p>'
        if points
        else ""
    )
    return f'<section class="overview"><dl>{items}</dl>{chart}</section>'


def patterns_html(selection: Selection) -> str:
    from ..views.patterns import BULLET, NOT_A_DIAGNOSIS

    sections = selection.patterns()
    if not sections:
        return ""
    parts = ['<section class="patterns"><h2>Patterns</h2>']
    for title, sentences in sections:
        items = [s.removeprefix(BULLET) for s in sentences if s.startswith(BULLET)]
        plain = [s for s in sentences if not s.startswith(BULLET)]
        parts.append(f"<h3>{escape(title)}</h3>")
        parts += [f"<p>{escape(s)}</p>" for s in plain[:1]]
        if items:
            parts.append("<ul>" + "".join(f"<li>{escape(s)}</li>" for s in items) + "</ul>")
        parts += [f"<p>{escape(s)}</p>" for s in plain[1:]]
    parts.append(f'<p class="meta">{escape(NOT_A_DIAGNOSIS)}</p></section>')
    return "".join(parts)


def check_ins_html(selection: Selection) -> str:
    check_ins = selection.check_ins()
    if not check_ins:
        return ""
    items = "".join(
        f'<li><span class="when">{when:%a %d %b %Y, %H:%M}</span> {escape(words)}</li>'
        for when, words in check_ins
    )
    return f'<section class="check-ins"><h2>Mood check-ins</h2><ul>{items}</ul></section>\n'


def entry_html(selection: Selection, entry: Entry) -> str:
    when = when_written(entry)
    flag = '<span class="flag">⚑ to discuss</span>' if entry.flagged else ""
    fields = "".join([field_html(item) for item in selection.fields(entry)])
    return (
        f"<article><header><h2>{escape(entry.exercise_title)}{escape(status_word(entry))}</h2>"
        f'<span class="when">{when}</span>{flag}</header>{fields}</article>\n'
    )


def write(selection: Selection, out: IO[str]) -> int:
    texts = selection.rendered(partial(entry_html, selection))  # begun before the patterns
    period = selection.period
    title = selection.title
    out.write(
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n"
        f'<p class="meta">{period.since:%d %B %Y} to {period.until:%d %B %Y} · exported {selection.today:%d %B %Y}</p>\n'
        f"{overview_html(selection)}\n{patterns_html(selection)}\n"
    )
    for text in texts:
        out.write(text)
    out.write(check_ins_html(selection))
    out.write(f"<footer>{EXPORT_FOOTER}</footer>\n</body>\n</html>\n")
    return texts.count
