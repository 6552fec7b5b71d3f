"""What an answer to each step type looks like: checking, normalising and quoting answers."""

from __future__ import annotations

import re
from typing import Any

from .errors import AnswerError
from .loader import PLACEHOLDER, as_text
from .model import Step

Answers = dict[str, Any]
INTENSITY_MIN, INTENSITY_MAX = 0, 100


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | dict) and not value)


def step_applies(step: Step, answers: Answers) -> bool:
    """A step with `when` is shown only if the earlier answer matches one of its values."""
    if step.when is None:
        return True
    given = answers.get(step.when.step)
    if isinstance(given, list):
        return any(as_text(v) in step.when.values for v in given)
    return given is not None and as_text(given) in step.when.values


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


def _choice_id(step: Step, value: Any) -> str:
    text = as_text(value).strip()
    for choice in step.choices:
        if text == choice.id or text.lower() in (choice.id.lower(), choice.label.lower()):
            return choice.id
    options = ", ".join(c.id for c in step.choices)
    raise AnswerError(step.id, f"'{text}' is not one of the choices ({options}).")


def _strings(step: Step, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or any(isinstance(v, dict | list) or v is None for v in value):
        raise AnswerError(step.id, "the answer must be a list of short items.")
    return [item for item in (as_text(v).strip() for v in value) if item]


def _intensities(step: Step, value: Any) -> dict[str, int]:
    if not isinstance(value, dict):
        raise AnswerError(
            step.id, "the answer must map each feeling to an intensity, like {anxious: 70}."
        )
    feelings: dict[str, int] = {}
    for name, intensity in value.items():
        label = as_text(name).strip().lower()
        if not label:
            raise AnswerError(step.id, "each feeling needs a name.")
        feelings[label] = to_int(
            step, intensity, f"the intensity of '{label}'", INTENSITY_MIN, INTENSITY_MAX
        )
    return feelings


def normalise(step: Step, value: Any, answers: Answers) -> Any:
    """Check one answer against its step; return its stored form, or None when skipped."""
    if is_empty(value):
        if step.required:
            raise AnswerError(step.id, "this step needs an answer.")
        return None
    kind = step.type
    if kind == "text":
        if isinstance(value, dict | list):
            raise AnswerError(step.id, "the answer must be text.")
        return as_text(value).strip() or _empty(step)
    if kind == "choice":
        if isinstance(value, dict | list):
            raise AnswerError(step.id, "pick one choice.")
        return _choice_id(step, value)
    if kind == "multi_choice":
        picked = [_choice_id(step, v) for v in (value if isinstance(value, list) else [value])]
        return list(dict.fromkeys(picked))
    if kind == "rating":
        return to_int(step, value, "the rating", step.min, step.max)
    if kind == "list":
        return _strings(step, value) or _empty(step)
    if kind == "emotions":
        return _intensities(step, value) or _empty(step)
    if kind == "rerate":
        feelings = _intensities(step, value)
        before = answers.get(step.of or "") or {}
        unknown = [name for name in feelings if name not in before]
        if unknown:
            raise AnswerError(step.id, f"'{unknown[0]}' was not one of the feelings rated earlier.")
        missing = [name for name in before if name not in feelings]
        if missing and step.required:
            raise AnswerError(step.id, f"please re-rate '{missing[0]}' too.")
        return feelings or _empty(step)
    raise AnswerError(step.id, f"a {kind} step takes no answer.")


def _empty(step: Step) -> None:
    if step.required:
        raise AnswerError(step.id, "this step needs an answer.")
    return None


def answer_text(step: Step | None, value: Any) -> str:
    """A one-line rendering of an answer, for prompts that quote it and for tables."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return ", ".join(f"{name} {level}" for name, level in value.items())
    if isinstance(value, list):
        if step is not None and step.choices:
            return ", ".join(_label(step, v) for v in value)
        return "; ".join(as_text(v) for v in value)
    if step is not None and step.choices:
        return _label(step, value)
    if step is not None and step.type == "rating" and step.unit:
        return f"{value} {step.unit}"
    return as_text(value)


def _label(step: Step, choice_id: Any) -> str:
    choice = step.choice(as_text(choice_id))
    return choice.label if choice else as_text(choice_id)


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
