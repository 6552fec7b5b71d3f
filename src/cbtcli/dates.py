"""Dates typed by a person: 2026-11-21, today, yesterday, or a time ago like 7d, 12w, 6m, 1y."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .errors import UsageError

RELATIVE = re.compile(r"^(\d+)\s*([dwmy])$")


def months_ago(today: date, months: int) -> date:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    month += 1
    day = today.day
    while True:
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1  # 31 March minus one month is the last day of February


def period_start(text: str, today: date) -> date:
    """The first day of `--since`: a time ago is that many days (weeks, months, years) up to and
    including today, so `7d` is the last seven days, today among them, as people count."""
    match = RELATIVE.match(text.strip().lower())
    if not match:
        return parse_day(text, today, "--since date")
    amount, unit = int(match.group(1)), match.group(2)
    if amount == 0:
        raise UsageError(f"--since {text} covers no days; use 1d for today alone.")
    if unit == "d":
        return today - timedelta(days=amount - 1)
    if unit == "w":
        return today - timedelta(days=7 * amount - 1)
    return months_ago(today, amount * (12 if unit == "y" else 1)) + timedelta(days=1)


def parse_day(text: str, today: date, option: str = "date") -> date:
    """One day: a date, today, yesterday, or the day a time ago (`--until 7d` is 7 days ago)."""
    value = text.strip().lower()
    if value == "today":
        return today
    if value == "yesterday":
        return today - timedelta(days=1)
    match = RELATIVE.match(value)
    if match:
        amount, unit = int(match.group(1)), match.group(2)
        if unit == "d":
            return today - timedelta(days=amount)
        if unit == "w":
            return today - timedelta(weeks=amount)
        return months_ago(today, amount * (12 if unit == "y" else 1))
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"'{text}' is not a {option} cbt understands; use YYYY-MM-DD, 'today', "
            "'yesterday', or a time ago such as 7d, 12w, 6m or 1y."
        ) from None


def day_range(
    since: str | None, until: str | None, today: date, default_days: int | None = None
) -> tuple[date | None, date | None]:
    """Parse --since/--until, checking they are in order."""
    start = period_start(since, today) if since else None
    end = parse_day(until, today, "--until date") if until else None
    if start is None and default_days is not None:
        start = (end or today) - timedelta(days=default_days - 1)
    if start and end and start > end:
        raise UsageError(f"--since ({start}) is after --until ({end}); nothing can match.")
    if start and end is None and start > today:
        raise UsageError(f"--since ({start}) is in the future; nothing can match yet.")
    return start, end
