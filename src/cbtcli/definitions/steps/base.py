"""What every step type defines, and what each does unless it says otherwise.

A step type is one object (see the modules beside this one): the YAML keys it takes beyond
those every step has and how it reads them, how an answer is checked and stored (one check,
used by the engine, answers files and `cbt import` alike), its answer as one line of text and
as a field of `cbt show` and the exports, and the widget a prompter asks it with."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...errors import AnswerError
from ..parts import Option, as_text

if TYPE_CHECKING:
    from ..cross_checks import CrossStepChecks
    from ..model import Exercise, Step

Answers = dict[str, Any]
ARROW = "→"


@dataclass(repr=False, eq=False, slots=True)
class Field:
    """One answer as a person reads it, in `cbt show` and the exports."""

    label: str
    text: str = ""
    items: list[str] = field(default_factory=list)
    long: bool = False  # several lines of free text


class StepType:
    name = ""
    # How a prompter asks it: each prompter has a method `ask_<widget>` (or, for a step
    # that only shows text, `show_info` and `pause`).
    widget = ""
    keys: frozenset[str] = frozenset()  # the YAML keys only this type takes
    has_answer = True  # False: it shows text and stores nothing
    keeps_partial = False  # its answer so far is kept as it is given (items, feelings, lines)
    from_journal = False  # its choices come from the journal (the person's ladders)
    names_feelings = False  # its answer names feelings, so a search by feeling finds them
    shown_as_typed = False  # a text answer shows as it was typed, with nothing to look up

    def parse(
        self, checks: CrossStepChecks, raw: dict, earlier: dict[str, Step], where: str
    ) -> dict[str, Any]:
        """The step's own fields from its YAML mapping, problems told to `checks`."""
        return {}

    def check(self, step: Step, value: Any, answers: Answers, options: Sequence[Option]) -> Any:
        """A given (not empty) answer checked; its stored form, or None when skipped."""
        raise AnswerError(step.id, f"a {step.type} step takes no answer.")

    def check_stored(self, step: Step, value: Any, answers: Answers) -> None:
        """An answer as it was stored (in a file being imported), checked as the engine
        checks a new one (one left empty fits); raises AnswerError when it does not fit."""
        if not is_empty(value):
            self.check(step, value, answers, ())

    def shape_problem(self, value: Any) -> str:
        """Why `value` lacks the shape every answer of this type has ('' when it has it):
        what `cbt show` and the exports rely on, whatever version of an exercise wrote it."""
        return ""

    def text(self, step: Step, value: Any) -> str:
        """The answer on one line, for prompts that quote it and for tables."""
        return plain_text(step, value)

    def field(self, step: Step, value: Any, answers: Answers, exercise: Exercise) -> Field:
        """The answer as `cbt show` and the exports set it out."""
        if isinstance(value, list):
            return items_field(step, value)
        text = self.text(step, value)
        return Field(step.short_label, text, long=step.multiline or "\n" in text)

    def help_line(self, step: Step) -> str:
        """A line the step's help adds about how to answer ('' for none)."""
        return ""


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | dict) and not value)


def plain_text(step: Step | None, value: Any) -> str:
    """An answer on one line as its shape says: feelings as 'name level', lists joined, and a
    choice by its label."""
    if isinstance(value, str):  # the commonest: words, or a choice's id
        return step.choice_labels.get(value, value) if step is not None else value
    if value is None:
        return ""
    if isinstance(value, dict):
        return ", ".join(f"{name} {level}" for name, level in value.items())
    if isinstance(value, list):
        if step is not None and step.choices:
            return ", ".join(choice_label(step, v) for v in value)
        return "; ".join(as_text(v) for v in value)
    if step is not None and step.choices:
        return choice_label(step, value)
    return as_text(value)


def choice_label(step: Step, choice_id: Any) -> str:
    text = as_text(choice_id)
    return step.choice_labels.get(text, text)


def items_field(step: Step, value: Any) -> Field:
    """Each item on its own line; each choice by its label (a label may hold a comma), and
    nothing picked, no bullet."""
    picked = value if isinstance(value, list) else [value]
    labels = step.choice_labels  # as plain_text reads a word, inline: lists are long and many
    return Field(
        step.short_label,
        "",
        [
            labels.get(v, v) if isinstance(v, str) else plain_text(step, v)
            for v in picked
            if v != ""
        ],
    )


def empty(step: Step) -> Any:
    """None for a skipped optional step; a required one says it needs an answer."""
    if step.required:
        raise AnswerError(step.id, "this step needs an answer.")
    return None


def to_int(step: Step, value: Any, what: str, low: int, high: int) -> int:
    if isinstance(value, bool):
        raise AnswerError(step.id, f"{what} must be a whole number from {low} to {high}.")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*%?\s*", value):
        value = int(value.strip().rstrip("%"))
    if not isinstance(value, int):
        raise AnswerError(
            step.id, f"{what} must be a whole number from {low} to {high}, not {value!r}."
        )
    if not low <= value <= high:
        raise AnswerError(step.id, f"{what} must be from {low} to {high}; {value} is out of range.")
    return value


def is_number(value: Any) -> bool:
    """A stored number (an imported file's numbers are bounded before this is asked)."""
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


def named_numbers_problem(value: Any) -> str:
    if not isinstance(value, dict) or not all(is_number(v) for v in value.values()):
        return "the answer must be a set of names, each with a number."
    return ""


def list_problem(value: Any) -> str:
    if not isinstance(value, list) or any(isinstance(v, list | dict) for v in value):
        return "the answer must be a list."
    return ""


def single_problem(value: Any) -> str:
    return "the answer must be a single value." if isinstance(value, list | dict) else ""
