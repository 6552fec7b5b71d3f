"""Lists for narrow terminals (a phone's SSH app, a split pane, a big font): below NARROW
columns a table cuts ids and words to a letter or two, so each row is stacked as a short
block of lines instead, and nothing is cut."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

NARROW = 70  # columns: below this, lists are stacked


def as_text(cell: Any) -> Text:
    return cell.copy() if isinstance(cell, Text) else Text(str(cell))


def worded(form: str, cell: Any) -> Text | None:
    """A cell in words ("{} practices" -> "3 practices"); None for an empty cell."""
    text = as_text(cell)
    if not text.plain.strip():
        return None
    before, _, after = form.partition("{}")
    return Text(before) + text + Text(after)


def stacked(rows: Sequence[Sequence[Any]], formats: Sequence[str], head_style: str) -> Group:
    """Each row as a block: its first two cells on one line, the cells between joined with
    " · " on the next, and the last (free text) indented below, wrapped rather than cut."""
    blocks: list[RenderableType] = []
    for row in rows:
        cells = [worded(form, cell) for form, cell in zip(formats, row, strict=True)]
        head = Text(as_text(row[0]).plain, style=head_style)
        if cells[1] is not None:
            head.append("  ")
            head.append_text(cells[1])
        blocks.append(head)
        middle = [cell for cell in cells[2:-1] if cell is not None]
        if middle:
            blocks.append(Text(" · ").join(middle))
        if cells[-1] is not None:
            blocks.append(Padding(cells[-1], (0, 0, 0, 2)))
        blocks.append(Text())
    return Group(*blocks[:-1])


def hanging(line: str) -> RenderableType:
    """A line of a list ("- PHQ-9: ...", "  Feelings: ...") whose wrapped part lines up under
    its first word rather than at the left edge, however narrow the terminal."""
    from rich.table import Table

    words = line.lstrip(" ")
    indent = len(line) - len(words)
    if words.startswith("- "):
        indent, words = indent + 2, words[2:]
    if not indent:
        return Text(line)
    grid = Table.grid()
    grid.add_column(no_wrap=True, width=indent)
    grid.add_column()
    grid.add_row(line[:indent], words)
    return grid
