"""An entry as a person reads it: each answered step under its short label, ratings with
their scale and their before -> after, lists as lists. Shared by `cbt show` and the exports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Any

from ..definitions.model import REPEATS, Exercise, Phase, Step
from ..definitions.steps.base import Field as Field
from ..journal import Entry
from ..journal.privacy import shareable_answers

MISSING = object()
TIME_FORMAT = "%a %d %b %Y, %H:%M"


def when_written(entry: Entry) -> str:
    """The one time an entry is shown with, by `cbt show`, `cbt journal` and every export:
    when it was finished, or for one not finished yet (a draft, a plan awaiting its review)
    when it was begun. Ordering and --since use the same day."""
    moment = entry.completed or entry.started
    return f"{day_words(moment.date())}{moment.hour:02d}:{moment.minute:02d}"


@lru_cache(maxsize=4096)
def day_words(day: date) -> str:
    """TIME_FORMAT's day part: an export writes the same few thousand days again and again."""
    return day.strftime(TIME_FORMAT.removesuffix("%H:%M"))


def shown_words(fields: list[Field]) -> list[str]:
    """Every text the fields show but their labels: what a writer looks at once, for the
    whole entry, to see whether any of it needs escaping."""
    words = [item.text for item in fields]
    for item in fields:
        if item.items:
            words += item.items
    return words


def field_for(step: Step, value: Any, answers: dict[str, Any], exercise: Exercise) -> Field:
    """The field for one answer, as its step type sets it out (definitions/steps/): an
    answer that lacks the shape its type stores (one kept from an older definition) shows as
    text or a list."""
    return step.kind.field(step, value, answers, exercise)


def raw_field(step_id: str, value: Any) -> Field:
    """An answer to a step the exercise no longer has: shown as it was stored."""
    if isinstance(value, list):
        return Field(step_id, items=[str(v) for v in value])
    if isinstance(value, dict):
        return Field(step_id, items=[f"{k} {v}" for k, v in value.items()])
    return Field(step_id, str(value))


# One step of an exercise as entry_fields reads it: (step id, step, label, whether a text
# answer to it shows as typed, whether it is multi-line, the repeated phase it ends or None,
# and how its type sets out an answer: field_for, looked up once).
StepPlan = tuple[str, Step, str, bool, bool, "Phase | None", Callable[..., Field]]


@lru_cache(maxsize=256)
def answer_steps(exercise: Exercise) -> tuple[StepPlan, ...]:
    """An exercise's steps as entry_fields reads them, worked out once per exercise: an
    export reads tens of thousands of entries of a handful of exercises."""
    ends = {p.steps[-1].id: p for p in exercise.phases if p.repeat and p.steps}
    return tuple(
        (
            step.id,
            step,
            step.short_label,
            step.kind.shown_as_typed,
            step.multiline,
            ends.get(step.id),
            step.kind.field,
        )
        for step in exercise.steps
    )


def round_fields(phase: Phase, rounds: list[dict[str, Any]], exercise: Exercise) -> list[Field]:
    """A repeated phase's later rounds, each answer labelled with the day it was added."""
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
        given = answers.get
        for step_id, step, label, plain_text, multiline, ends, field in answer_steps(exercise):
            value = given(step_id, MISSING)
            if value is not MISSING:
                matched += 1
                if plain_text and isinstance(value, str):
                    # The commonest answer, made here: an export makes hundreds of thousands.
                    fields.append(Field(label, value, [], multiline or "\n" in value))
                else:
                    fields.append(field(step, value, entry.answers, exercise))
            if ends is not None and isinstance(rounds, dict):
                fields += round_fields(ends, rounds.pop(ends.id, []), exercise)
    if isinstance(rounds, dict) and rounds:  # rounds of a phase that no longer repeats
        answers[REPEATS] = rounds
    known = exercise.steps_by_id if exercise is not None else {}
    if matched < len(answers):  # an answer to a step the exercise no longer has
        for step_id, value in answers.items():
            if step_id not in known:
                fields.append(raw_field(entry.labels.get(step_id, step_id), value))
    return fields, len(withheld)
