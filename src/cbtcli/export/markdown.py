"""Markdown: plain text a therapist can read anywhere, or paste into notes."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache, partial
from typing import IO

from ..journal import Entry
from ..terminal.console import CONTROL_CHARS, for_terminal
from ..views.fields import Field, shown_words, when_written
from ..views.patterns import BULLET, NOT_A_DIAGNOSIS
from ..wording import EXPORT_FOOTER
from .selection import Selection, status_word

SPECIAL_START = re.compile(r"^(\s*)([#>+\-*=|]|\d+\.)", re.MULTILINE)


# Newlines, control characters, and characters Markdown could read as markup anywhere in a
# line; and a start it could read as markup (a heading, quote, list or numbered item).
CAREFUL_CHARS = re.compile(f"[\n{CONTROL_CHARS}" + r"\\<>*_`]")
MARKUP_START = re.compile(r"\s*(?:[#>+\-*=|]|\d+\.)")
MARKUP = re.compile(r"[\\<>*_`]|^\s*(?:[#>+\-*=|]|\d+\.)", re.MULTILINE)


# The same, looked for at once in all of an entry's words joined by newlines (a newline in a
# word is then no reason to look closer): control or markup characters, or a line that
# starts as markup. str's own scans (isprintable, in) are quicker than a regex's.
MARKUP_CHARS = "\\<>*_`"
ANY_CAREFUL_CHAR = re.compile(f"[{CONTROL_CHARS}{re.escape(MARKUP_CHARS)}]")
LINE_MARKUP_START = re.compile(r"\n\s*(?:[#>+\-*=|]|\d+\.)")


def plain_line(text: str) -> bool:
    """True when one quick look shows the text needs nothing done (most answers, a rating's
    '7 / 10' among them): a single line, no control or markup characters, and no start
    Markdown would read as markup."""
    return not CAREFUL_CHARS.search(text) and not MARKUP_START.match(text)


def all_plain(words: list[str]) -> bool:
    """True when one look at all of an entry's words shows that escaping would change none
    (most entries): no control or markup characters, and no line starting as markup."""
    flat = "".join(words)
    if flat.isprintable():  # no control character (nor newline, nor tab)
        if any(char in flat for char in MARKUP_CHARS):
            return False
    elif ANY_CAREFUL_CHAR.search(flat):  # beyond a newline or a tab, which stay as they are
        return False
    return not LINE_MARKUP_START.search("\n" + "\n".join(words))


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


def field_text(item: Field, escaped: Callable[[str], str] = escape) -> str:
    """A field as Markdown: its label in bold, its text, its items as a list (`escaped` is
    `str` when one look at the entry found nothing to escape)."""
    if not item.items:  # most fields: a label and a line of text
        return (
            f"{label_text(item.label)}{escaped(item.text)}\n\n"
            if item.text
            else label_text(item.label)
        )
    parts = [label_text(item.label)]
    if item.text:
        parts += (escaped(item.text), "\n\n")
    parts += [f"- {escaped(line)}\n" for line in item.items]
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
    fields = selection.fields(entry)
    title = entry.exercise_title
    escaped = str if all_plain([title, *shown_words(fields)]) else escape
    when = when_written(entry)
    flag = " ⚑ to discuss" if entry.flagged else ""
    parts = [f"---\n\n## {escaped(title)}: {when}{status_word(entry)}{flag}\n\n"]
    parts += [field_text(item, escaped) for item in fields]
    return "".join(parts)


def write(selection: Selection, out: IO[str]) -> int:
    texts = selection.rendered(partial(entry_text, selection))  # begun before the patterns
    out.write("\n".join(header_lines(selection) + pattern_lines(selection)) + "\n")
    for text in texts:
        out.write(text)
    out.write("\n".join(check_in_lines(selection)))
    out.write(f"---\n\n{EXPORT_FOOTER}\n")
    return texts.count
