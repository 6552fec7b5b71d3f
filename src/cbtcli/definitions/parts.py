"""The small pieces a step is made of: its choices, a questionnaire's items and scale, and
YAML values read as the words they are. Apart from the model so the step types use them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def as_text(value: Any) -> str:
    """YAML 1.1 reads yes/no as booleans; a choice id `no` must stay the word."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


@dataclass(frozen=True, eq=False)  # compared by identity; cheaper to create at start-up
class Choice:
    id: str
    label: str
    help: str = ""
    example: str = ""


@dataclass(frozen=True, eq=False)
class Option:
    """A choice made at run time (a step of one of the person's ladders), with its answer."""

    id: str
    label: str
    value: dict
    suggested: bool = False


@dataclass(frozen=True, eq=False)
class ScaleOption:
    """One answer on a questionnaire's scale, such as 'Several days' scoring 1."""

    value: int
    label: str


@dataclass(frozen=True, eq=False)
class Item:
    """One question of a questionnaire; `alert_above` marks an answer that needs care."""

    id: str
    text: str
    alert_above: int | None = None
