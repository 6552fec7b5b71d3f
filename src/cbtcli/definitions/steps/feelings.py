"""`emotions` (name feelings and how strong each is, 0-100) and `rerate` (the feelings of an
earlier emotions step, `of:`, rated again)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...errors import AnswerError
from ..parts import Option, as_text
from .base import (
    ARROW,
    Answers,
    Field,
    StepType,
    empty,
    is_empty,
    named_numbers_problem,
    to_int,
)

if TYPE_CHECKING:
    from ..cross_checks import CrossStepChecks
    from ..model import Exercise, Step

INTENSITY_MIN, INTENSITY_MAX = 0, 100


def intensities(step: Step, value: Any) -> dict[str, int]:
    if not isinstance(value, dict):
        raise AnswerError(
            step.id, "the answer must map each feeling to an intensity, like {anxious: 70}."
        )
    feelings: dict[str, int] = {}
    for name, intensity in value.items():
        label = as_text(name).strip().lower()
        if not label:
            raise AnswerError(step.id, "each feeling needs a name.")
        if intensity is None or intensity == "":
            raise AnswerError(
                step.id,
                f"'{label}' needs a strength from {INTENSITY_MIN} to {INTENSITY_MAX}, "
                "like 'anxious 70'.",
            )
        feelings[label] = to_int(
            step, intensity, f"the intensity of '{label}'", INTENSITY_MIN, INTENSITY_MAX
        )
    return feelings


class Emotions(StepType):
    name = "emotions"
    widget = "feelings"
    keys = frozenset({"suggestions"})
    keeps_partial = True
    names_feelings = True

    def parse(
        self, checks: CrossStepChecks, raw: dict, earlier: dict[str, Step], where: str
    ) -> dict[str, Any]:
        return {"suggestions": checks.strings(raw, "suggestions", where)}

    def check(self, step: Step, value: Any, answers: Answers, options: Sequence[Option]) -> Any:
        return intensities(step, value) or empty(step)

    def shape_problem(self, value: Any) -> str:
        return named_numbers_problem(value)

    def field(self, step: Step, value: Any, answers: Answers, exercise: Exercise) -> Field:
        if not isinstance(value, dict):
            return super().field(step, value, answers, exercise)
        return Field(step.short_label, "", [f"{name} {level}" for name, level in value.items()])


class Rerate(StepType):
    name = widget = "rerate"
    keys = frozenset({"of"})
    keeps_partial = True
    names_feelings = True

    def parse(
        self, checks: CrossStepChecks, raw: dict, earlier: dict[str, Step], where: str
    ) -> dict[str, Any]:
        return {"of": checks.earlier_of(raw, "emotions", earlier, where, required=True)}

    def check(self, step: Step, value: Any, answers: Answers, options: Sequence[Option]) -> Any:
        feelings = intensities(step, value)
        before = answers.get(step.of or "") or {}
        unknown = [name for name in feelings if name not in before]
        if unknown:
            raise AnswerError(step.id, f"'{unknown[0]}' was not one of the feelings rated earlier.")
        missing = [name for name in before if name not in feelings]
        if missing and step.required:
            raise AnswerError(step.id, f"please re-rate '{missing[0]}' too.")
        return feelings or empty(step)

    def check_stored(self, step: Step, value: Any, answers: Answers) -> None:
        # Checked as feelings on their own, not against those rated before.
        if not is_empty(value):
            intensities(step, value)

    def shape_problem(self, value: Any) -> str:
        return named_numbers_problem(value)

    def field(self, step: Step, value: Any, answers: Answers, exercise: Exercise) -> Field:
        if not isinstance(value, dict):
            return super().field(step, value, answers, exercise)
        earlier_levels: dict[str, Any] = answers.get(step.of or "") or {}
        return Field(
            step.short_label,
            "",
            [
                f"{name} {earlier_levels.get(name, '?')} {ARROW} {level}"
                for name, level in value.items()
            ],
        )


EMOTIONS = Emotions()
RERATE = Rerate()
