"""Numeric answers copied into the ratings table, so summaries are SQL rather than JSON loops."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def rating_rows(answers: dict[str, Any]) -> Iterator[tuple[str, str, int]]:
    """(step, item, value) for every whole-number answer and every named intensity.

    Derived from the answers' shape alone, so migrations can rebuild it without the
    exercise definitions: an int is a rating, a mapping of names to ints holds intensities.
    """
    for step_id, value in answers.items():
        if isinstance(value, int) and not isinstance(value, bool):
            yield step_id, "", value
        elif isinstance(value, dict):
            for item, level in value.items():
                if isinstance(level, int) and not isinstance(level, bool):
                    yield step_id, str(item), level
