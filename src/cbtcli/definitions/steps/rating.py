"""`rating`: a whole number on a scale (`min` to `max`, with a `unit` such as %), and with
`of:` the same rating given again later, shown as "before -> after"."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...errors import AnswerError
from ..parts import Option
from .base import ARROW, Answers, Field, StepType, is_empty, is_number, plain_text, to_int

if TYPE_CHECKING:
    from ..cross_checks import CrossStepChecks
    from ..model import Exercise, Step


def scaled(step: Step, value: Any) -> str:
    """A rating with its scale: '80 %', '20 min', '7 / 10'."""
    if step.unit:
        return f"{value} {step.unit}"
    return f"{value} / {step.max}"


class Rating(StepType):
    name = widget = "rating"
    keys = frozenset({"min", "max", "unit", "of"})

    def parse(
        self, checks: CrossStepChecks, raw: dict, earlier: dict[str, Step], where: str
    ) -> dict[str, Any]:
        low = checks.integer(raw, "min", where, 0)
        high = checks.integer(raw, "max", where, 100)
        if low > high:
            checks.problem(where, f"'min' ({low}) is greater than 'max' ({high}).")
        of = checks.earlier_of(raw, "rating", earlier, where, required=False)
        return {"min": low, "max": high, "of": of, "unit": checks.text(raw, "unit", where)}

    def check(self, step: Step, value: Any, answers: Answers, options: Sequence[Option]) -> Any:
        return to_int(step, value, "the rating", step.min, step.max)

    def check_stored(self, step: Step, value: Any, answers: Answers) -> None:
        stored = None if is_empty(value) else self.check(step, value, answers, ())
        if stored != value:  # stored as a number, never '70%'
            raise AnswerError(
                step.id, f"the rating must be a whole number from {step.min} to {step.max}."
            )

    def shape_problem(self, value: Any) -> str:
        return "" if is_number(value) else "the rating must be a number."

    def text(self, step: Step, value: Any) -> str:
        if step.unit and value is not None and not isinstance(value, dict | list):
            return f"{value} {step.unit}"
        return plain_text(step, value)

    def field(self, step: Step, value: Any, answers: Answers, exercise: Exercise) -> Field:
        if not is_number(value):  # kept from an older definition: as text or a list
            return super().field(step, value, answers, exercise)
        if step.of:
            before = answers.get(step.of)
            earlier = exercise.step(step.of)
            if is_number(before) and earlier is not None:
                text = f"{scaled(earlier, before)} {ARROW} {scaled(step, value)}"
                return Field(step.short_label, text, [])
        return Field(step.short_label, scaled(step, value), [])

    def help_line(self, step: Step) -> str:
        return f"A whole number from {step.min} to {step.max}."


RATING = Rating()
