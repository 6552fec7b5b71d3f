"""Understanding goals as a person types them: `cbt goal set thought-record 3/week`."""

from __future__ import annotations

import re

from ..errors import UsageError
from .catalog import Catalog

FREQUENCY = re.compile(r"^\s*(\d+)\s*(?:/|\s*(?:per|a|times\s+a|x))\s*(?:w|wk|week)\s*$", re.I)


def parse_frequency(text: str) -> int:
    match = FREQUENCY.match(text) or re.fullmatch(r"\s*(\d+)\s*", text)
    if not match:
        raise UsageError(f"'{text}' should be how many times a week, like 3/week.")
    count = int(match.group(1))
    if not 1 <= count <= 50:
        raise UsageError(f"A weekly goal is from 1 to 50 times; '{text}' is outside that.")
    return count


def check_goal_target(catalog: Catalog, exercise_id: str) -> str:
    """An exercise id, or 'mood' for check-ins."""
    return catalog.known(exercise_id).id
