"""What an answer to each step type looks like: checking, normalising and quoting answers."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..definitions.model import PLACEHOLDER, Condition, Option, Step, as_text
from ..errors import AnswerError

if TYPE_CHECKING:
    from ..definitions.model import Exercise
    from ..journal import Entry

Answers = dict[str, Any]
INTENSITY_MIN, INTENSITY_MAX = 0, 100


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | dict) and not value)


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


def _ladder(step: Step, value: Any) -> dict[str, Any]:
    """{name, steps: [{id, text, suds}]}, kept sorted from least to most distress."""
    shape = "a ladder looks like {name: driving, steps: [{step: Sit in the car, suds: 20}, ...]}."
    if not isinstance(value, dict) or not isinstance(value.get("steps"), list):
        raise AnswerError(step.id, shape)
    name = as_text(value.get("name") or "").strip()
    if not name:
        raise AnswerError(step.id, "the ladder needs a short name, like 'driving'.")
    items: list[dict[str, Any]] = []
    for raw in value["steps"]:
        if isinstance(raw, dict) and len(raw) == 1 and not ({"step", "text", "suds"} & set(raw)):
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


def _questionnaire(step: Step, value: Any) -> dict[str, int]:
    """{item id: scale value} for every item; a value may be given by its number or label."""
    if not isinstance(value, dict):
        raise AnswerError(step.id, "the answer must give each item its score, like {interest: 1}.")
    scores: dict[str, int] = {}
    allowed = {o.value for o in step.options}
    by_label = {o.label.lower(): o.value for o in step.options}
    known = {item.id for item in step.items}
    for key in value:
        if as_text(key) not in known:
            raise AnswerError(
                step.id, f"'{key}' is not one of the items ({', '.join(sorted(known))})."
            )
    for item in step.items:
        given = value.get(item.id)
        if given is None:
            raise AnswerError(step.id, f"item '{item.id}' needs an answer.")
        if isinstance(given, str) and given.strip().lower() in by_label:
            given = by_label[given.strip().lower()]
        number = to_int(step, given, f"item '{item.id}'", min(allowed), max(allowed))
        if number not in allowed:
            raise AnswerError(step.id, f"item '{item.id}' must be one of {sorted(allowed)}.")
        scores[item.id] = number
    return scores


def _option(step: Step, value: Any, options: Sequence[Option]) -> dict[str, Any]:
    """A ladder step, named by its option id, its label, or {ladder: NAME, step: TEXT or N}."""
    if not options:
        raise AnswerError(
            step.id, "there are no ladder steps to choose from; build one with `cbt ladder new`."
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


def normalise(step: Step, value: Any, answers: Answers, options: Sequence[Option] = ()) -> Any:
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
    if kind == "ladder":
        return _ladder(step, value)
    if kind == "ladder_step":
        return _option(step, value, options)
    if kind == "questionnaire":
        return _questionnaire(step, value)
    raise AnswerError(step.id, f"a {kind} step takes no answer.")


def _empty(step: Step) -> Any:
    """None for a skipped optional step; a required one says it needs an answer."""
    if step.required:
        raise AnswerError(step.id, "this step needs an answer.")
    return None


def answer_text(step: Step | None, value: Any) -> str:
    """A one-line rendering of an answer, for prompts that quote it and for tables."""
    if value is None:
        return ""
    if step is not None and step.type == "ladder" and isinstance(value, dict):
        steps = value.get("steps", [])
        return f"{value.get('name')}: " + "; ".join(f"{s['text']} ({s['suds']})" for s in steps)
    if step is not None and step.type == "questionnaire" and isinstance(value, dict):
        return questionnaire_total_text(step, value)
    if step is not None and step.type == "ladder_step" and isinstance(value, dict):
        return f"{value.get('step')} (SUDS {value.get('suds')}, ladder '{value.get('ladder')}')"
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


def questionnaire_total_text(step: Step, value: dict[str, Any]) -> str:
    total = sum(v for v in value.values() if isinstance(v, int))
    if step.scoring is None:
        return f"total {total}"
    return f"{total} of {step.scoring.high} ({step.scoring.band(total)})"


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
        if step.type == "text" and isinstance(value, str) and not step.private:
            return value.splitlines()[0]
    scored = exercise.questionnaire if exercise else None
    if scored is not None and isinstance(entry.answers.get(scored.id), dict):
        return f"Score {answer_text(scored, entry.answers[scored.id])}"  # a questionnaire's total
    return ""
