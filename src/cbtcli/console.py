"""The rich consoles cbt prints to (kept apart so a command can print without importing
every renderer)."""

from __future__ import annotations

from rich.console import Console


def make_console(stderr: bool = False, plain: bool = False) -> Console:
    # rich honours NO_COLOR and drops colour when output is not a terminal.
    return Console(stderr=stderr, highlight=False, soft_wrap=False, no_color=plain or None)
