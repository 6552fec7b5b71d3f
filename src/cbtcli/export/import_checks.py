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
from ..journal import Entry


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
        problem = problem or step.kind.shape_problem(value)
        if problem:
            raise CbtError(
                f"{what} ({entry.exercise_title}, {entry.id[:8]}) has an answer to step "
                f"'{step_id}' that does not fit: {problem.removesuffix('.')}; nothing was "
                "imported."
            )


def answer_problem(exercise: Exercise, step: Step, value: Any, answers: dict[str, Any]) -> str:
    """Why `value` is not a stored answer to `step`, or '' when it fits: its step type's own
    check, the one the engine and answers files use."""
    if not step.has_answer:
        return "this step takes no answer."
    try:  # an entry may be a draft: a step left empty is not a problem here
        step.kind.check_stored(optional(step), value, answers)
    except AnswerError as exc:
        return exc.message[:1].upper() + exc.message[1:]
    return ""


# Each step made optional once, not once per answer of every entry (kept with the step itself,
# so an id is never taken for another step's).
OPTIONAL: dict[int, tuple[Step, Step]] = {}


def optional(step: Step) -> Step:
    found = OPTIONAL.get(id(step))
    if found is None or found[0] is not step:
        found = OPTIONAL[id(step)] = (step, dataclasses.replace(step, required=False))
    return found[1]
