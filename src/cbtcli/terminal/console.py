"""The rich consoles cbt prints to (kept apart so a command can print without importing
every renderer), and the one function that makes stored text safe for a terminal."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.segment import Segment
from rich.text import Text

from .no_colour import no_colour_requested
from .safe_text import CONTROL_CHARS, CONTROLS, all_for_terminal, for_terminal, visible

__all__ = ["CONTROLS", "CONTROL_CHARS", "all_for_terminal", "for_terminal", "visible"]


def unboxed(renderable: Any) -> Any:
    """A panel as its title on a line of its own and then its content; a rule as its title;
    a table without its box: plain output draws no box characters."""
    from rich.panel import Panel
    from rich.rule import Rule

    if isinstance(renderable, Panel):
        from rich.console import Group

        title = renderable.title
        head = [Text(), Text(title.plain if isinstance(title, Text) else title)] if title else []
        return Group(*head, renderable.renderable, Text())
    if isinstance(renderable, Rule):
        title = renderable.title
        return Text(title.plain if isinstance(title, Text) else title)
    if getattr(renderable, "box", None) is not None and hasattr(renderable, "add_row"):
        renderable.box = None  # a Table, checked without importing rich.table
    return renderable


class SafeConsole(Console):
    """A console that passes every piece of text it prints through `for_terminal`; rich's own
    styling (its control segments) is left as it is. A plain one draws no boxes (`unboxed`),
    wherever in what it prints a panel, rule or table is."""

    def __init__(self, *args: Any, plain: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plain = plain

    def render(self, renderable: Any, options: Any = None) -> Iterable[Segment]:
        if self.plain:
            renderable = unboxed(renderable)
        for segment in super().render(renderable, options):
            if segment.control or not CONTROLS.search(segment.text):
                yield segment
            else:
                yield Segment(for_terminal(segment.text), segment.style, segment.control)


def make_console(stderr: bool = False, plain: bool = False) -> Console:
    """A plain console (`--plain`, CBT_PLAIN or NO_COLOR) has no colour and draws no boxes;
    rich also drops colour when output is not a terminal. Markup is off:
    much of what cbt prints is the person's own words (a ladder step, a name, a path), and
    "[" or ":name:" in them must print as typed; styled messages say so with `styled()`."""
    plain = plain or no_colour_requested()
    return SafeConsole(
        plain=plain,
        stderr=stderr,
        highlight=False,
        soft_wrap=False,
        no_color=plain or None,
        markup=False,
        emoji=False,  # ":sob:" typed in an answer stays as typed (and the emoji table unloaded)
    )


def styled(markup: str, *values: object) -> Text:
    """A message in rich markup, with each value put in as plain text: `styled("Saved as
    [cyan]{}[/].", entry_id)`."""
    text = markup.format(*(escape(str(value)) for value in values))
    return Text.from_markup(text, emoji=False)
