"""Dates typed by a person: 2026-11-21, today, yesterday, or a time ago like 7d, 12w, 6m, 1y."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .errors import OptionName, UsageError

SINCE, UNTIL = OptionName("since"), OptionName("until")
RELATIVE = re.compile(r"^(\d{1,7})\s*([dwmy])$")
EARLIEST, LATEST = date(1900, 1, 1), date(2200, 12, 31)  # dates cbt takes from a person


def months_ago(today: date, months: int) -> date:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    if year < EARLIEST.year:
        return EARLIEST
    month += 1
    day = today.day
    while True:
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1  # 31 March minus one month is the last day of February


def in_range(day: date, text: str, option: OptionName | None) -> date:
    # A start in the future is said plainly by day_range ("nothing can match yet").
    latest = date.max if option == SINCE else LATEST
    if not EARLIEST <= day <= latest:
        raise UsageError(
            f"'{text}' is outside the dates cbt works with ({EARLIEST.year} to {LATEST.year}) "
            f"for the ",
            *named(option, "date."),
        )
    return day


def named(option: OptionName | None, then: str) -> tuple[str | OptionName, ...]:
    """`then` after the option's name, as in "the since date"."""
    return (option, f" {then}") if option else (then,)


def period_start(text: str, today: date) -> date:
    """The first day of a period: a time ago is that many days (weeks, months, years) up to and
    including today, so `7d` is the last seven days, today among them, as people count."""
    match = RELATIVE.match(text.strip().lower())
    day = parse_day(text, today, SINCE)
    if not match:
        return day
    if int(match.group(1)) == 0:
        raise UsageError(SINCE, f" {text} covers no days; use 1d for today alone.")
    # parse_day gives the day N ago; the period starts the day after (unless cbt's earliest)
    return day if day == EARLIEST else day + timedelta(days=1)


def parse_day(text: str, today: date, option: OptionName | None = None) -> date:
    """One day: a date, today, yesterday, or the day a time ago (`7d` is 7 days ago); `option`
    is the option it was given for, if any."""
    value = text.strip().lower()
    if value == "today":
        return today
    if value == "yesterday":
        return today - timedelta(days=1)
    match = RELATIVE.match(value)
    if match:
        amount, unit = int(match.group(1)), match.group(2)
        days = {"d": 1, "w": 7}.get(unit)
        if days is not None:
            if amount * days > (today - EARLIEST).days:
                return EARLIEST  # "everything": as far back as cbt goes
            return today - timedelta(days=amount * days)
        return months_ago(today, amount * (12 if unit == "y" else 1))
    try:
        return in_range(date.fromisoformat(value), text, option)
    except ValueError:
        raise UsageError(
            f"'{text}' is not a ",
            *named(option, "date cbt understands; use YYYY-MM-DD, 'today', "),
            "'yesterday', or a time ago such as 7d, 12w, 6m or 1y.",
        ) from None


def day_range(
    since: str | None, until: str | None, today: date, default_days: int | None = None
) -> tuple[date | None, date | None]:
    """The first and last days asked for (either may be open), checking they are in order."""
    start = period_start(since, today) if since else None
    end = parse_day(until, today, UNTIL) if until else None
    if start is None and default_days is not None:
        start = (end or today) - timedelta(days=default_days - 1)
    if start and end and start > end:
        raise UsageError(SINCE, f" ({start}) is after ", UNTIL, f" ({end}); nothing can match.")
    if start and end is None and start > today:
        raise UsageError(SINCE, f" ({start}) is in the future; nothing can match yet.")
    return start, end


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())
