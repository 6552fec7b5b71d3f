"""Answers as the guide meets them: checked by their step type (definitions/steps/), whether
a step applies, earlier answers quoted into a prompt, and answers typed on plain lines."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..definitions.model import PLACEHOLDER, Condition, Option, Step, as_text
from ..definitions.steps.base import Answers as Answers
from ..definitions.steps.base import is_empty as is_empty
from ..definitions.steps.base import plain_text
from ..definitions.steps.feelings import INTENSITY_MAX as INTENSITY_MAX
from ..definitions.steps.feelings import INTENSITY_MIN as INTENSITY_MIN
from ..errors import AnswerError

if TYPE_CHECKING:
    from ..definitions.model import Exercise
    from ..journal import Entry


def step_applies(step: Step, answers: Answers) -> bool:
    """A step with `when` is shown only if the earlier answer matches one of its values."""
    return step.when is None or condition_holds(step.when, answers)


def condition_holds(when: Condition, answers: Answers) -> bool:
    """Whether the earlier answer `when` names matches it (for a step or a phase)."""
    given = answers.get(when.step)
    if when.at_least is not None:
        return isinstance(given, int) and given >= when.at_least
    if when.answered:
        return not is_empty(given)
    if when.any_above is not None:
        scores = given.values() if isinstance(given, dict) else ()
        return any(isinstance(v, int) and v > when.any_above for v in scores)
    if isinstance(given, list):
        return any(as_text(v) in when.values for v in given)
    return given is not None and as_text(given) in when.values


def normalise(step: Step, value: Any, answers: Answers, options: Sequence[Option] = ()) -> Any:
    """Check one answer against its step; return its stored form, or None when skipped. The
    one check of an answer, made by its step type: for the engine, answers files and import."""
    if is_empty(value):
        if step.required:
            raise AnswerError(step.id, "this step needs an answer.")
        return None
    return step.kind.check(step, value, answers, options)


def answer_text(step: Step | None, value: Any) -> str:
    """A one-line rendering of an answer, for prompts that quote it and for tables."""
    if step is None:
        return plain_text(None, value)
    return step.kind.text(step, value)


def fill(text: str, answers: Answers, step_of: Any) -> str:
    """Quote earlier answers into a prompt: `How much do you believe "{hot_thought}"?`."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        return answer_text(step_of(name), answers.get(name)) or "…"

    return PLACEHOLDER.sub(replace, text)


FEELING = re.compile(r"^\s*(?P<name>[^=:0-9][^=:]*?)\s*[=: ]\s*(?P<level>-?\d+)\s*%?\s*$")


def parse_feeling(text: str) -> tuple[str, str] | None:
    """'anxious 70', 'anxious=70' or 'anxious: 70' -> ('anxious', '70')."""
    match = FEELING.match(text)
    if not match:
        return None
    return match.group("name").strip().lower(), match.group("level")


LADDER_LINE = re.compile(r"^(?P<text>.+?)\s*(?:[,:=]\s*|\s+)(?P<suds>-?\d+)\s*%?\s*$")


def parse_ladder_line(text: str) -> dict[str, Any]:
    """'Sit in the parked car, 20' -> {text, suds}; without a number, suds is left empty
    so the check names the step."""
    match = LADDER_LINE.match(text.strip())
    if not match:
        return {"text": text.strip(), "suds": None}
    return {"text": match.group("text").strip(), "suds": match.group("suds")}


def keep_ladder_ids(
    items: list[dict[str, Any]], old: dict[str, Any] | None
) -> list[dict[str, Any]]:
    """Re-typed steps keep the id of the old step with the same text, so practices stay linked."""
    ids = {s["text"].lower(): s["id"] for s in (old or {}).get("steps", [])}
    return [
        {**item, "id": ids.get(str(item["text"]).lower())} if "id" not in item else item
        for item in items
    ]


LADDER_NOTE = (
    "Ladders usually have 8 to 12 steps, so each one is a manageable step up from the last. "
    "Fewer is fine to start with; you can add steps any time with `cbt ladder edit`."
)


def first_answer_line(entry: Entry, exercise: Exercise | None) -> str:
    """A short line from the entry's first text answer (or a questionnaire's total), so the
    entry is recognisable in a list."""
    steps = exercise.steps if exercise else ()
    for step in steps:
        value = entry.answers.get(step.id)
        if step.kind.shown_as_typed and isinstance(value, str) and not step.private:
            return value.splitlines()[0]
    scored = exercise.questionnaire if exercise else None
    if scored is not None and isinstance(entry.answers.get(scored.id), dict):
        return f"Score {answer_text(scored, entry.answers[scored.id])}"  # a questionnaire's total
    return ""
