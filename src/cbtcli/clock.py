"""What time it is, for every module: one seam, so tests can freeze time and never depend on
today's date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime


def system_now() -> datetime:
    """The machine's current time with the person's local UTC offset attached."""
    return datetime.now().astimezone()


# Replaced only by tests (the `clock` fixture in tests/conftest.py), never by the program.
source: Callable[[], datetime] = system_now


def now_local() -> datetime:
    """The current time with the person's local UTC offset attached."""
    return source()


def today() -> date:
    """The person's local date now."""
    return source().date()
