"""An entry as a person reads it: each answered step under its short label, ratings with
their scale and their before -> after, lists as lists. Shared by `cbt show` and the exports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .answers import answer_text
from .journal import Entry
from .model import Exercise, Step

ARROW = "→"


@dataclass(repr=False, eq=False)
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
    label = step.short_label
    if step.type == "rating":
        before = answers.get(step.of) if step.of else None
        earlier = exercise.step(step.of) if step.of else None
        if before is not None and earlier is not None:
            return Field(label, f"{scaled(earlier, before)} {ARROW} {scaled(step, value)}")
        return Field(label, scaled(step, value))
    if step.type == "rerate" and isinstance(value, dict):
        earlier_levels: dict[str, Any] = answers.get(step.of or "") or {}
        return Field(
            label,
            items=[
                f"{name} {earlier_levels.get(name, '?')} {ARROW} {level}"
                for name, level in value.items()
            ],
        )
    if step.type == "emotions" and isinstance(value, dict):
        return Field(label, items=[f"{name} {level}" for name, level in value.items()])
    if step.type == "questionnaire" and isinstance(value, dict):
        labels = {o.value: o.label for o in step.options}
        lines = [
            f"{item.text}: {labels.get(value.get(item.id, -1), value.get(item.id))}"
            for item in step.items
        ]
        return Field(label, f"Total {answer_text(step, value)}", lines)
    if step.type == "ladder" and isinstance(value, dict):
        rungs = [f"SUDS {rung['suds']}: {rung['text']}" for rung in value.get("steps", [])]
        return Field(label, str(value.get("name", "")), rungs)
    if step.type == "multi_choice" or (isinstance(value, list) and step.type != "choice"):
        return Field(
            label,
            items=answer_text(step, value).split(", ") if step.choices else [str(v) for v in value],
        )
    text = answer_text(step, value)
    return Field(label, text, long=step.multiline or "\n" in text)


def raw_field(step_id: str, value: Any) -> Field:
    """An answer to a step the exercise no longer has: shown as it was stored."""
    if isinstance(value, list):
        return Field(step_id, items=[str(v) for v in value])
    if isinstance(value, dict):
        return Field(step_id, items=[f"{k} {v}" for k, v in value.items()])
    return Field(step_id, str(value))


def entry_fields(
    entry: Entry, exercise: Exercise | None, include_private: bool = True
) -> tuple[list[Field], int]:
    """The fields of an entry in step order, and how many private answers were left out (by
    the one privacy rule, privacy.shareable_answers). An answer the exercise no longer has (or
    an exercise that cannot be read) shows under the label it was written with."""
    from .privacy import shareable_answers

    fields: list[Field] = []
    if entry.alerts:  # so a therapist reading an export sees it first
        reasons = [str(alert.get("reason", "")) for alert in entry.alerts]
        fields.append(
            Field("Safety note", "Crisis resources were shown during this entry.", reasons)
        )
    answers, withheld = shareable_answers(entry, exercise, include_private)
    known: set[str] = set()
    for step in exercise.steps if exercise else ():
        known.add(step.id)
        if step.id in answers:
            assert exercise is not None
            fields.append(field_for(step, answers[step.id], entry.answers, exercise))
    for step_id, value in answers.items():
        if step_id not in known:
            fields.append(raw_field(entry.labels.get(step_id, step_id), value))
    return fields, len(withheld)
