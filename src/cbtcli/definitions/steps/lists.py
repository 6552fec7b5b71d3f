"""`list`: short items, one at a time (reasons, next steps, people to call)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...errors import AnswerError
from ..parts import Option, as_text
from .base import Answers, StepType, empty, list_problem

if TYPE_CHECKING:
    from ..model import Step


class List(StepType):
    name = widget = "list"
    keeps_partial = True

    def check(self, step: Step, value: Any, answers: Answers, options: Sequence[Option]) -> Any:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or any(
            isinstance(v, dict | list) or v is None for v in value
        ):
            raise AnswerError(step.id, "the answer must be a list of short items.")
        return [item for item in (as_text(v).strip() for v in value) if item] or empty(step)

    def shape_problem(self, value: Any) -> str:
        return list_problem(value)


LIST = List()
