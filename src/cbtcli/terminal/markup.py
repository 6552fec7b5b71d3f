"""The little markdown that exercise texts use (paragraphs, bullets, **bold**, *italic*,
`code`), drawn as rich Text. rich's own Markdown pulls in a parser and a syntax highlighter
that cost ~45 ms at every start of an exercise; this covers what intros and help need."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

INLINE = re.compile(
    r"\*\*(?P<bold>.+?)\*\*|(?<![\w*])[*_](?P<italic>[^*_\n]+?)[*_](?![\w*])|`(?P<code>[^`]+)`"
)
BULLET = re.compile(r"^\s*[-*]\s+")


def inline(line: str, text: Text) -> None:
    position = 0
    for match in INLINE.finditer(line):
        text.append(line[position : match.start()])
        if match.group("bold") is not None:
            text.append(match.group("bold"), style="bold")
        elif match.group("italic") is not None:
            text.append(match.group("italic"), style="italic")
        else:
            text.append(match.group("code"), style="cyan")
        position = match.end()
    text.append(line[position:])


def plain_paragraphs(source: str) -> list[str]:
    """The same text without markup: one string per paragraph or bullet, for plain printing."""
    found: list[str] = []
    for paragraph in re.split(r"\n\s*\n", source.strip()):
        lines = paragraph.splitlines()
        if all(BULLET.match(line) for line in lines):
            found += [" • " + strip_marks(BULLET.sub("", line)) for line in lines]
        else:
            found.append(strip_marks(" ".join(line.strip() for line in lines)))
    return found


def strip_marks(line: str) -> str:
    return INLINE.sub(lambda m: m.group("bold") or m.group("italic") or m.group("code"), line)


def render(source: str) -> Text:
    """Paragraphs are joined lines separated by blank lines; '- ' lines become bullets."""
    from rich.text import Text

    text = Text()
    paragraphs = re.split(r"\n\s*\n", source.strip())
    for index, paragraph in enumerate(paragraphs):
        if index:
            text.append("\n\n")
        lines = paragraph.splitlines()
        if all(BULLET.match(line) for line in lines):
            for number, line in enumerate(lines):
                text.append(("\n" if number else "") + " • ")
                inline(BULLET.sub("", line), text)
        else:
            inline(" ".join(line.strip() for line in lines), text)
    return text
