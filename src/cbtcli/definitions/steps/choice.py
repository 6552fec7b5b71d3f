"""`choice` (pick one) and `multi_choice` (tick any): choices listed in the YAML, or a shared
list named by its file (lists/NAME.yaml)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...errors import AnswerError
from ..parts import Option, as_text
from .base import Answers, Field, StepType, items_field, list_problem, single_problem

if TYPE_CHECKING:
    from ..cross_checks import CrossStepChecks
    from ..model import Exercise, Step


def choice_id(step: Step, value: Any) -> str:
    """A choice given by its id or its label, in any case."""
    text = as_text(value).strip()
    for choice in step.choices:
        if text == choice.id or text.lower() in (choice.id.lower(), choice.label.lower()):
            return choice.id
    options = ", ".join(c.id for c in step.choices)
    raise AnswerError(step.id, f"'{text}' is not one of the choices ({options}).")


class Choice(StepType):
    name = widget = "choice"
    keys = frozenset({"choices"})

    def parse(
        self, checks: CrossStepChecks, raw: dict, earlier: dict[str, Step], where: str
    ) -> dict[str, Any]:
        if "choices" not in raw:
            checks.problem(where, f"a {self.name} step needs 'choices'.")
            return {}
        return {"choices": checks.choices(raw["choices"], where)}

    def check(self, step: Step, value: Any, answers: Answers, options: Sequence[Option]) -> Any:
        if isinstance(value, dict | list):
            raise AnswerError(step.id, "pick one choice.")
        return choice_id(step, value)

    def shape_problem(self, value: Any) -> str:
        return single_problem(value)

    def field(self, step: Step, value: Any, answers: Answers, exercise: Exercise) -> Field:
        text = self.text(step, value)
        return Field(step.short_label, text, long=step.multiline or "\n" in text)


class MultiChoice(Choice):
    name = widget = "multi_choice"

    def check(self, step: Step, value: Any, answers: Answers, options: Sequence[Option]) -> Any:
        picked = [choice_id(step, v) for v in (value if isinstance(value, list) else [value])]
        return list(dict.fromkeys(picked))

    def shape_problem(self, value: Any) -> str:
        return list_problem(value)

    def field(self, step: Step, value: Any, answers: Answers, exercise: Exercise) -> Field:
        return items_field(step, value)


CHOICE = Choice()
MULTI_CHOICE = MultiChoice()
