"""What `cbt import` checks before anything is written: each answer against its step.

The one place import validation of answer values lives, so further checks join it here. An
answer that fails refuses the whole file with one sentence naming the entry, the step and the
problem; nothing is written (the importer checks every entry before it writes any)."""

from __future__ import annotations

import dataclasses
from typing import Any

from ..definitions.catalog import Catalog
from ..definitions.model import Exercise, Step
from ..errors import AnswerError, CbtError
from ..guide.answers import normalise
from ..journal import Entry
from .import_format import is_number

# Step types whose stored answer stands alone (a rerate needs the feelings rated earlier, a
# ladder step the person's ladders; those are checked by shape only).
SELF_CONTAINED = {"text", "choice", "multi_choice", "rating", "list", "emotions", "questionnaire"}


def check_entry_answers(entry: Entry, catalog: Catalog, what: str) -> None:
    """Refuse the import when one of `entry`'s answers does not fit its step. An entry whose
    exercise cbt does not know, or that was written with another version of it, is kept as it
    is: it is read with the labels it recorded, and nothing it holds is lost."""
    exercise = catalog.get_or_none(entry.exercise_id)
    if exercise is None:
        return
    same_version = exercise.version == entry.exercise_version
    for step_id, value in entry.answers.items():
        step = exercise.step(step_id)
        if step is None or value is None:
            continue
        # Another version's answers are shown with this version's steps: their shape must fit.
        problem = ""
        if same_version:
            problem = answer_problem(exercise, step, value, entry.answers)
        problem = problem or shape_problem(step, value)
        if problem:
            raise CbtError(
                f"{what} ({entry.exercise_title}, {entry.id[:8]}) has an answer to step "
                f"'{step_id}' that does not fit: {problem} Nothing was imported."
            )


def shape_problem(step: Step, value: Any) -> str:
    """Why `value` does not have the shape every answer to a step of its type has ('' when it
    does): what `cbt show` and the exports rely on, whatever version of the exercise wrote it."""
    if step.type == "ladder":
        rungs = value.get("steps") if isinstance(value, dict) else None
        if not isinstance(rungs, list) or not all(
            isinstance(r, dict) and isinstance(r.get("text"), str) and is_number(r.get("suds"))
            for r in rungs
        ):
            return "a ladder must have steps, each with its text and SUDS rating."
        return ""
    if step.type in ("emotions", "rerate", "questionnaire"):
        if not isinstance(value, dict) or not all(is_number(v) for v in value.values()):
            return "the answer must be a set of names, each with a number."
    elif step.type == "rating":
        if not is_number(value):
            return "the rating must be a number."
    elif step.type in ("list", "multi_choice"):
        if not isinstance(value, list) or any(isinstance(v, list | dict) for v in value):
            return "the answer must be a list."
    elif step.type in ("text", "choice") and isinstance(value, list | dict):
        return "the answer must be a single value."
    return ""


def answer_problem(exercise: Exercise, step: Step, value: Any, answers: dict[str, Any]) -> str:
    """Why `value` is not a stored answer to `step`, or '' when it fits."""
    if not step.has_answer:
        return "this step takes no answer."
    # An entry may be a draft: a step left empty is not a problem here.
    optional = dataclasses.replace(step, required=False)
    try:
        if step.type in SELF_CONTAINED:
            stored = normalise(optional, value, answers)
            if step.type == "rating" and stored != value:
                return f"the rating must be a whole number from {step.min} to {step.max}."
        elif step.type == "rerate":
            normalise(dataclasses.replace(optional, type="emotions"), value, answers)
        elif not isinstance(value, dict):
            return "the answer must be a set of named values."
    except AnswerError as exc:
        return exc.message[:1].upper() + exc.message[1:]
    return ""
