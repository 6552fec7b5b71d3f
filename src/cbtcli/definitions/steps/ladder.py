"""`ladder` (build a fear ladder: a name and steps, each with the distress expected, 0-100)
and `ladder_step` (pick a step of one of the person's ladders; with `peak:` the rating step
that records the distress felt)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...errors import AnswerError
from ..parts import Option, as_text
from .base import Answers, Field, StepType, is_number, plain_text, to_int

if TYPE_CHECKING:
    from ..cross_checks import CrossStepChecks
    from ..model import Exercise, Step

NAMED_VALUES = "the answer must be a set of named values."


class Ladder(StepType):
    name = widget = "ladder"
    keeps_partial = True

    def check(self, step: Step, value: Any, answers: Answers, options: Sequence[Option]) -> Any:
        """{name, steps: [{id, text, suds}]}, kept sorted from least to most distress."""
        shape = (
            "a ladder looks like {name: driving, steps: [{step: Sit in the car, suds: 20}, ...]}."
        )
        if not isinstance(value, dict) or not isinstance(value.get("steps"), list):
            raise AnswerError(step.id, shape)
        name = as_text(value.get("name") or "").strip()
        if not name:
            raise AnswerError(step.id, "the ladder needs a short name, like 'driving'.")
        items: list[dict[str, Any]] = []
        for raw in value["steps"]:
            if (
                isinstance(raw, dict)
                and len(raw) == 1
                and not ({"step", "text", "suds"} & set(raw))
            ):
                raw = {"text": next(iter(raw)), "suds": next(iter(raw.values()))}
            if not isinstance(raw, dict):
                raise AnswerError(step.id, shape)
            text = as_text(raw.get("text", raw.get("step")) or "").strip()
            if not text:
                raise AnswerError(step.id, "each ladder step needs a description.")
            suds = to_int(step, raw.get("suds"), f"the SUDS of '{text}'", 0, 100)
            item_id = as_text(raw.get("id") or uuid.uuid4().hex[:8])  # new steps get a new id
            items.append({"id": item_id, "text": text, "suds": suds})
        if not items:
            raise AnswerError(step.id, "a ladder needs at least one step.")
        items.sort(key=lambda item: item["suds"])
        ladder: dict[str, Any] = {"name": name, "steps": items}
        if value.get("ladder_id"):  # an edit keeps the ladder it made
            ladder["ladder_id"] = as_text(value["ladder_id"])
        return ladder

    def check_stored(self, step: Step, value: Any, answers: Answers) -> None:
        if not isinstance(value, dict):  # its steps' shape is checked by shape_problem
            raise AnswerError(step.id, NAMED_VALUES)

    def shape_problem(self, value: Any) -> str:
        rungs = value.get("steps") if isinstance(value, dict) else None
        if not isinstance(rungs, list) or not all(
            isinstance(r, dict) and isinstance(r.get("text"), str) and is_number(r.get("suds"))
            for r in rungs
        ):
            return "a ladder must have steps, each with its text and SUDS rating."
        return ""

    def text(self, step: Step, value: Any) -> str:
        if not isinstance(value, dict):
            return plain_text(step, value)
        steps = value.get("steps", [])
        return f"{value.get('name')}: " + "; ".join(f"{s['text']} ({s['suds']})" for s in steps)

    def field(self, step: Step, value: Any, answers: Answers, exercise: Exercise) -> Field:
        if not isinstance(value, dict):
            return super().field(step, value, answers, exercise)
        rungs = [f"SUDS {rung['suds']}: {rung['text']}" for rung in value.get("steps", [])]
        return Field(step.short_label, str(value.get("name", "")), rungs)


class LadderStep(StepType):
    name = "ladder_step"
    widget = "choice"  # a menu of the ladders' steps, made when the step is asked
    keys = frozenset({"peak"})
    from_journal = True

    def parse(
        self, checks: CrossStepChecks, raw: dict, earlier: dict[str, Step], where: str
    ) -> dict[str, Any]:
        peak = checks.text(raw, "peak", where) or None
        if peak:  # a rating step that usually comes later, so checked at the end
            checks.later_ratings.append((where, peak))
        return {"peak": peak}

    def check(self, step: Step, value: Any, answers: Answers, options: Sequence[Option]) -> Any:
        """A ladder step, named by its option id, its label, or {ladder: NAME, step: TEXT or N}."""
        if not options:
            raise AnswerError(
                step.id,
                "there are no ladder steps to choose from; build one with `cbt ladder new`.",
            )
        if isinstance(value, dict):
            ladder = as_text(value.get("ladder", "")).strip().lower()
            wanted = as_text(value.get("step", "")).strip().lower()
            in_ladder = [o for o in options if o.value.get("ladder", "").lower() == ladder]
            if not in_ladder:
                raise AnswerError(step.id, f"there is no ladder called '{value.get('ladder')}'.")
            for number, option in enumerate(in_ladder, 1):
                if wanted in (str(number), option.value.get("step", "").lower()):
                    return dict(option.value)
            raise AnswerError(
                step.id, f"the ladder '{value.get('ladder')}' has no step '{value.get('step')}'."
            )
        text = as_text(value).strip()
        for option in options:
            if text in (option.id, option.label) or text.lower() == option.label.lower():
                return dict(option.value)
        raise AnswerError(step.id, f"'{text}' is not a step of any of your ladders.")

    def check_stored(self, step: Step, value: Any, answers: Answers) -> None:
        if not isinstance(value, dict):  # the person's ladders are not in the file
            raise AnswerError(step.id, NAMED_VALUES)

    def text(self, step: Step, value: Any) -> str:
        if not isinstance(value, dict):
            return plain_text(step, value)
        return f"{value.get('step')} (SUDS {value.get('suds')}, ladder '{value.get('ladder')}')"


LADDER = Ladder()
LADDER_STEP = LadderStep()
