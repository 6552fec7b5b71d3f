"""Numeric answers copied into the ratings table, so summaries are SQL rather than JSON loops."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def is_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def main_feeling(answers: dict[str, Any]) -> str | None:
    """The strongest feeling of the first set of feelings: the one a record is mostly about."""
    for value in answers.values():
        if isinstance(value, dict):
            levels = {str(k): v for k, v in value.items() if is_number(v)}
            if levels:
                return max(levels, key=lambda name: levels[name])  # first of equals wins
    return None


def rating_rows(answers: dict[str, Any]) -> Iterator[tuple[str, str, int, int]]:
    """(step, item, value, main) for every whole-number answer and every named intensity.

    Derived from the answers' shape alone, so migrations can rebuild it without the exercise
    definitions: an int is a rating, a mapping of names to ints holds intensities. `main` is 1
    on the rows of the main feeling, in every step that rates it (before and after)."""
    main = main_feeling(answers)
    for step_id, value in answers.items():
        if is_number(value):
            yield step_id, "", value, 0
        elif isinstance(value, dict):
            for item, level in value.items():
                if is_number(level):
                    yield step_id, str(item), level, int(str(item) == main)
