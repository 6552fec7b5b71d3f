"""`--since` counts as people do: `7d` is seven days, today among them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cbtcli.dates import day_range
from cbtcli.errors import UsageError

TODAY = date(2026, 3, 31)


@settings(max_examples=60)
@given(st.integers(min_value=1, max_value=800), st.dates(date(1990, 1, 1), date(2190, 1, 1)))
def test_since_n_days_is_n_days_including_today(days: int, today: date) -> None:
    start, end = day_range(f"{days}d", None, today)
    assert start is not None and end is None
    assert (today - start).days + 1 == days


@pytest.mark.parametrize(
    ("since", "first_day", "days"),
    [
        ("1d", date(2026, 3, 31), 1),
        ("7d", date(2026, 3, 25), 7),
        ("30d", date(2026, 3, 2), 30),
        ("2w", date(2026, 3, 18), 14),
        ("1m", date(2026, 3, 1), 31),  # 28 Feb is the same date a month ago: from the day after
        ("1y", date(2025, 4, 1), 365),
        ("2026-03-25", date(2026, 3, 25), 7),
        ("today", TODAY, 1),
    ],
)
def test_each_kind_of_since_and_the_days_it_covers(since: str, first_day: date, days: int) -> None:
    start, _ = day_range(since, None, TODAY)
    assert start == first_day
    assert (TODAY - first_day).days + 1 == days


def test_until_a_time_ago_is_that_one_day() -> None:
    assert day_range(None, "7d", TODAY)[1] == date(2026, 3, 24)


def test_since_zero_days_is_a_clear_mistake() -> None:
    with pytest.raises(UsageError, match="covers no days"):
        day_range("0d", None, TODAY)
