"""An entry as a person reads it: each answered step under its short label, ratings with
their scale and their before -> after, lists as lists. Shared by `cbt show` and the exports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..definitions.model import REPEATS, Exercise, Phase, Step
from ..guide.answers import answer_text
from ..journal import Entry

ARROW = "→"
MISSING = object()
TIME_FORMAT = "%a %d %b %Y, %H:%M"


def when_written(entry: Entry) -> str:
    """The one time an entry is shown with, by `cbt show`, `cbt journal` and every export:
    when it was finished, or for one not finished yet (a draft, a plan awaiting its review)
    when it was begun. Ordering and --since use the same day."""
    return (entry.completed or entry.started).strftime(TIME_FORMAT)


@dataclass(repr=False, eq=False, slots=True)
class Field:
    label: str
    text: str = ""
    items: list[str] = field(default_factory=list)
    long: bool = False  # several lines of free text


def scaled(step: Step, value: Any) -> str:
    """A rating with its scale: '80 %', '20 min', '7 / 10'."""
    if step.unit:
        return f"{value} {step.unit}"
    return f"{value} / {step.max}"


def field_for(step: Step, value: Any, answers: dict[str, Any], exercise: Exercise) -> Field:
    """The field for one answer, made by its step type's maker when the answer has the shape
    that type stores, else as text or a list (an answer kept from an older definition)."""
    maker = FIELD_MAKERS.get(step.type)
    made = maker(step, value, answers, exercise) if maker is not None else None
    if made is not None:
        return made
    if step.type == "multi_choice" or (isinstance(value, list) and step.type != "choice"):
        picked = value if isinstance(value, list) else [value]
        # Each choice by its label (a label may hold a comma); nothing picked, no bullet.
        return Field(step.short_label, items=[answer_text(step, v) for v in picked if v != ""])
    text = answer_text(step, value)
    return Field(step.short_label, text, long=step.multiline or "\n" in text)


FieldMaker = Callable[[Step, Any, dict[str, Any], Exercise], "Field | None"]


def rating_field(step: Step, value: Any, answers: dict[str, Any], exercise: Exercise) -> Field:
    before = answers.get(step.of) if step.of else None
    earlier = exercise.step(step.of) if step.of else None
    if before is not None and earlier is not None:
        return Field(step.short_label, f"{scaled(earlier, before)} {ARROW} {scaled(step, value)}")
    return Field(step.short_label, scaled(step, value))


def rerate_field(
    step: Step, value: Any, answers: dict[str, Any], exercise: Exercise
) -> Field | None:
    if not isinstance(value, dict):
        return None
    earlier_levels: dict[str, Any] = answers.get(step.of or "") or {}
    return Field(
        step.short_label,
        items=[
            f"{name} {earlier_levels.get(name, '?')} {ARROW} {level}"
            for name, level in value.items()
        ],
    )


def emotions_field(
    step: Step, value: Any, answers: dict[str, Any], exercise: Exercise
) -> Field | None:
    if not isinstance(value, dict):
        return None
    return Field(step.short_label, items=[f"{name} {level}" for name, level in value.items()])


def questionnaire_field(
    step: Step, value: Any, answers: dict[str, Any], exercise: Exercise
) -> Field | None:
    if not isinstance(value, dict):
        return None
    labels = {o.value: o.label for o in step.options}
    lines = [
        f"{item.text}: {labels.get(value.get(item.id, -1), value.get(item.id))}"
        for item in step.items
    ]
    return Field(step.short_label, f"Total {answer_text(step, value)}", lines)


def ladder_field(
    step: Step, value: Any, answers: dict[str, Any], exercise: Exercise
) -> Field | None:
    if not isinstance(value, dict):
        return None
    rungs = [f"SUDS {rung['suds']}: {rung['text']}" for rung in value.get("steps", [])]
    return Field(step.short_label, str(value.get("name", "")), rungs)


FIELD_MAKERS: dict[str, FieldMaker] = {
    "rating": rating_field,
    "rerate": rerate_field,
    "emotions": emotions_field,
    "questionnaire": questionnaire_field,
    "ladder": ladder_field,
}


def raw_field(step_id: str, value: Any) -> Field:
    """An answer to a step the exercise no longer has: shown as it was stored."""
    if isinstance(value, list):
        return Field(step_id, items=[str(v) for v in value])
    if isinstance(value, dict):
        return Field(step_id, items=[f"{k} {v}" for k, v in value.items()])
    return Field(step_id, str(value))


@lru_cache(maxsize=256)
def answer_steps(exercise: Exercise) -> tuple[tuple[Step, bool], ...]:
    """An exercise's steps, each with whether a text answer to it shows as it is typed."""
    return tuple((step, step.type == "text" and not step.choices) for step in exercise.steps)


def round_fields(phase: Phase, rounds: list[dict[str, Any]], exercise: Exercise) -> list[Field]:
    """A repeated phase's later rounds, each answer labelled with the day it was added."""
    from datetime import date

    fields = []
    for done in rounds:
        day = date.fromisoformat(done["day"])
        when = f"{day:%a} {day.day} {day:%b %Y}"
        for step in phase.steps:
            value = done["answers"].get(step.id, MISSING)
            if value is MISSING or not step.has_answer:
                continue
            made = field_for(step, value, {**done["answers"]}, exercise)
            made.label = f"{made.label}, {when}"
            fields.append(made)
    return fields


def entry_fields(
    entry: Entry, exercise: Exercise | None, include_private: bool = True
) -> tuple[list[Field], int]:
    """The fields of an entry in step order, and how many private answers were left out (by
    the one privacy rule, privacy.shareable_answers). An answer the exercise no longer has (or
    an exercise that cannot be read) shows under the label it was written with."""
    from ..journal.privacy import shareable_answers

    fields: list[Field] = []
    if entry.alerts:  # so a therapist reading an export sees it first
        reasons = [str(alert.get("reason", "")) for alert in entry.alerts]
        fields.append(
            Field("Safety note", "Crisis resources were shown during this entry.", reasons)
        )
    answers, withheld = shareable_answers(entry, exercise, include_private)
    rounds = answers.pop(REPEATS, None)
    matched = 0
    if exercise is not None:
        ends = {p.steps[-1].id: p for p in exercise.phases if p.repeat and p.steps}
        for step, plain_text in answer_steps(exercise):
            value = answers.get(step.id, MISSING)
            if value is not MISSING:
                matched += 1
                if plain_text and isinstance(value, str):
                    # The commonest answer, made here: an export makes hundreds of thousands.
                    fields.append(
                        Field(step.short_label, value, long=step.multiline or "\n" in value)
                    )
                else:
                    fields.append(field_for(step, value, entry.answers, exercise))
            if step.id in ends and isinstance(rounds, dict):
                fields += round_fields(ends[step.id], rounds.pop(ends[step.id].id, []), exercise)
    if isinstance(rounds, dict) and rounds:  # rounds of a phase that no longer repeats
        answers[REPEATS] = rounds
    known = exercise.steps_by_id if exercise is not None else {}
    if matched < len(answers):  # an answer to a step the exercise no longer has
        for step_id, value in answers.items():
            if step_id not in known:
                fields.append(raw_field(entry.labels.get(step_id, step_id), value))
    return fields, len(withheld)
