"""Options several commands share, defined once so they read and behave the same."""

from __future__ import annotations

from typing import Annotated

import typer

Since = Annotated[
    str | None, typer.Option(help="From this day (YYYY-MM-DD, or 7d, 12w, 6m, 1y ago).")
]
Until = Annotated[str | None, typer.Option(help="Up to and including this day.")]
Exercises = Annotated[
    list[str] | None,
    typer.Option("--exercise", "-e", help="Only this exercise (repeatable; 'mood' for check-ins)."),
]
