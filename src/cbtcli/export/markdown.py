"""Markdown: plain text a therapist can read anywhere, or paste into notes."""

from __future__ import annotations

import re
from functools import lru_cache, partial
from typing import IO

from ..journal import Entry
from ..terminal.console import CONTROL_CHARS, for_terminal
from ..views.fields import Field, when_written
from ..views.patterns import BULLET, NOT_A_DIAGNOSIS
from ..wording import EXPORT_FOOTER
from .selection import Selection, status_word

SPECIAL_START = re.compile(r"^(\s*)([#>+\-*=|]|\d+\.)", re.MULTILINE)


# Newlines, control characters, and characters Markdown could read as markup anywhere in a
# line; and a start it could read as markup (a heading, quote, list or numbered item).
CAREFUL_CHARS = re.compile(f"[\n{CONTROL_CHARS}" + r"\\<>*_`]")
MARKUP_START = re.compile(r"\s*(?:[#>+\-*=|]|\d+\.)")
MARKUP = re.compile(r"[\\<>*_`]|^\s*(?:[#>+\-*=|]|\d+\.)", re.MULTILINE)


def plain_line(text: str) -> bool:
    """True when one quick look shows the text needs nothing done (most answers, a rating's
    '7 / 10' among them): a single line, no control or markup characters, and no start
    Markdown would read as markup."""
    return not CAREFUL_CHARS.search(text) and not MARKUP_START.match(text)


def escape(text: str) -> str:
    """Keep what a person wrote as text: no accidental headings, lists or raw HTML, and no
    control characters that would act when the file is printed in a terminal."""
    if plain_line(text):
        return text
    text = for_terminal(text)
    if not MARKUP.search(text):
        return text
    text = text.replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("*", "\\*").replace("_", "\\_").replace("`", "\\`")
    return SPECIAL_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def header_lines(selection: Selection) -> list[str]:
    period = selection.period
    lines = [
        f"# {escape(selection.title)}",
        "",
        f"{period.since:%d %B %Y} to {period.until:%d %B %Y} · exported {selection.today:%d %B %Y}",
        "",
    ]
    rows, _ = selection.overview()
    lines += [f"- **{escape(label)}:** {escape(text)}" for label, text in rows]
    return [*lines, ""]


def pattern_lines(selection: Selection) -> list[str]:
    sections = selection.patterns()
    if not sections:
        return []
    lines = ["## Patterns", ""]
    for title, sentences in sections:
        lines += [f"### {escape(title)}", ""]
        lines += [
            f"- {escape(s.removeprefix(BULLET))}" if s.startswith(BULLET) else escape(s)
            for s in sentences
        ]
        lines.append("")
    return [*lines, f"*{escape(NOT_A_DIAGNOSIS)}*", ""]


@lru_cache(maxsize=1024)
def label_text(label: str) -> str:
    # A few dozen labels, written hundreds of thousands of times in a long export.
    return f"**{escape(label)}**\n\n"


def field_text(item: Field) -> str:
    """A field as Markdown: its label in bold, its text, its items as a list."""
    if not item.items:  # most fields: a label and a line of text
        return (
            f"{label_text(item.label)}{escape(item.text)}\n\n"
            if item.text
            else label_text(item.label)
        )
    parts = [label_text(item.label)]
    if item.text:
        parts += (escape(item.text), "\n\n")
    if item.items:
        parts += [f"- {escape(line)}\n" for line in item.items]
        parts.append("\n")
    return "".join(parts)


def check_in_lines(selection: Selection) -> list[str]:
    check_ins = selection.check_ins()
    if not check_ins:
        return []
    lines = ["---", "", "## Mood check-ins", ""]
    lines += [f"- **{when:%a %d %b %Y, %H:%M}:** {escape(words)}" for when, words in check_ins]
    return [*lines, "", ""]


def entry_text(selection: Selection, entry: Entry) -> str:
    when = when_written(entry)
    flag = " ⚑ to discuss" if entry.flagged else ""
    parts = [f"---\n\n## {escape(entry.exercise_title)}: {when}{status_word(entry)}{flag}\n\n"]
    parts += map(field_text, selection.fields(entry))
    return "".join(parts)


def write(selection: Selection, out: IO[str]) -> int:
    texts = selection.rendered(partial(entry_text, selection))  # begun before the patterns
    out.write("\n".join(header_lines(selection) + pattern_lines(selection)) + "\n")
    for text in texts:
        out.write(text)
    out.write("\n".join(check_in_lines(selection)))
    out.write(f"---\n\n{EXPORT_FOOTER}\n")
    return texts.count
