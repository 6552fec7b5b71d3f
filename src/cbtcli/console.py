"""The rich consoles cbt prints to (kept apart so a command can print without importing
every renderer)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.text import Text


def make_console(stderr: bool = False, plain: bool = False) -> Console:
    """rich honours NO_COLOR and drops colour when output is not a terminal. Markup is off:
    much of what cbt prints is the person's own words (a ladder step, a name, a path), and
    "[" or ":name:" in them must print as typed; styled messages say so with `styled()`."""
    return Console(
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
