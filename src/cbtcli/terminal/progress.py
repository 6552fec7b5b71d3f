"""A progress bar for long work: on standard error, in a terminal only, and only once the work
has taken about a second, so quick commands and scripts never see it."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Any

SHOW_AFTER = 1.0  # seconds


def show_after() -> float:
    """Seconds before a bar appears; CBT_PROGRESS_AFTER changes it (the tests use 0)."""
    import os

    try:
        return float(os.environ.get("CBT_PROGRESS_AFTER", SHOW_AFTER))
    except ValueError:
        return SHOW_AFTER


class Progress:
    """`with Progress("Importing", total) as bar: ... bar.advance()`."""

    def __init__(self, what: str, total: int | None, unit: str = "entries") -> None:
        self.what, self.total, self.unit = what, total, unit
        self.done = 0
        self.started = time.monotonic()
        self.bar: Any = None
        self.task: Any = None
        self.wanted = sys.stderr.isatty()
        self.after = show_after() if self.wanted else SHOW_AFTER

    def __enter__(self) -> Progress:
        return self

    def advance(self, count: int = 1) -> None:
        self.done += count
        if self.bar is not None:
            self.bar.update(self.task, completed=self.done, total=self.total)
        elif self.wanted and time.monotonic() - self.started >= self.after:
            self.show()

    def step_to(self, done: int, total: int) -> None:
        """For work that reports where it has got to rather than each step."""
        self.total = total
        self.advance(done - self.done)

    def show(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, ProgressColumn, TextColumn
        from rich.progress import Progress as RichProgress
        from rich.text import Text

        from .console import make_console

        unit = self.unit

        class Rate(ProgressColumn):
            def render(self, task: Any) -> Text:
                return Text(f"{task.speed:,.0f} {unit} a second" if task.speed else "")

        self.bar = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            Rate(),
            console=make_console(stderr=True),
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task(self.what, total=self.total, completed=self.done)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.bar is not None:
            self.bar.stop()
