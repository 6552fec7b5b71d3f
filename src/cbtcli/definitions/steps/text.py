"""`text`: words in the person's own voice, on one line or several (`multiline: true`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...errors import AnswerError
from ..parts import Option, as_text
from .base import Answers, StepType, empty, single_problem

if TYPE_CHECKING:
    from ..cross_checks import CrossStepChecks
    from ..model import Step


class Text(StepType):
    name = widget = "text"
    keys = frozenset({"multiline"})
    keeps_partial = True
    shown_as_typed = True

    def parse(
        self, checks: CrossStepChecks, raw: dict, earlier: dict[str, Step], where: str
    ) -> dict[str, Any]:
        return {"multiline": checks.boolean(raw, "multiline", where, False)}

    def check(self, step: Step, value: Any, answers: Answers, options: Sequence[Option]) -> Any:
        if isinstance(value, dict | list):
            raise AnswerError(step.id, "the answer must be text.")
        return as_text(value).strip() or empty(step)

    def shape_problem(self, value: Any) -> str:
        return single_problem(value)


TEXT = Text()
