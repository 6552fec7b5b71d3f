"""Markdown: plain text a therapist can read anywhere, or paste into notes."""

from __future__ import annotations

import re
from typing import IO

from ..console import for_terminal
from ..readable import Field
from ..render_patterns import BULLET, NOT_A_DIAGNOSIS
from ..wording import EXPORT_FOOTER
from .selection import Selection, status_word

SPECIAL_START = re.compile(r"^(\s*)([#>+\-*=|]|\d+\.)", re.MULTILINE)


# Any character or line start that Markdown could read as markup; most answers have none.
MARKUP = re.compile(r"[\\<>*_`]|^\s*(?:[#>+\-*=|]|\d+\.)", re.MULTILINE)


def escape(text: str) -> str:
    """Keep what a person wrote as text: no accidental headings, lists or raw HTML, and no
    control characters that would act when the file is printed in a terminal."""
    text = for_terminal(text)
    if not MARKUP.search(text):
        return text
    text = text.replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("*", "\\*").replace("_", "\\_").replace("`", "\\`")
    return SPECIAL_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def header_lines(selection: Selection) -> list[str]:
    period = selection.period
    lines = [
        f"# CBT practice journal: {escape(selection.name)}",
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


def field_lines(item: Field) -> list[str]:
    lines = [f"**{escape(item.label)}**", ""]
    if item.text:
        lines += [escape(item.text), ""]
    if item.items:
        lines += [f"- {escape(line)}" for line in item.items] + [""]
    return lines


def write(selection: Selection, out: IO[str]) -> int:
    out.write("\n".join(header_lines(selection) + pattern_lines(selection)) + "\n")
    count = 0
    for entry in selection.entries():
        when = entry.completed or entry.started
        flag = " ⚑ to discuss" if entry.flagged else ""
        lines = [
            "---",
            "",
            f"## {escape(entry.exercise_title)}: {when:%a %d %b %Y, %H:%M}{status_word(entry)}{flag}",
            "",
        ]
        for item in selection.fields(entry):
            lines += field_lines(item)
        out.write("\n".join(lines) + "\n")
        count += 1
    out.write(f"---\n\n{EXPORT_FOOTER}\n")
    return count
