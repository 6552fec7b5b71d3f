"""Changing one answer of an entry (`cbt edit`): asked again with the old answer as the
default, ratings and ladders kept in step, and watched for risk like any sitting."""

from __future__ import annotations

from typing import Any

from ..definitions.model import Exercise
from ..errors import UsageError
from ..journal import DRAFT, Entry, Journal
from .answers import step_applies
from .engine import Ask, Prompter, ask_valid, make_request
from .ladders import option_source, sync_entry
from .outcome import Alert, safety_watch


def edit_request(journal: Journal, exercise: Exercise, entry: Entry, step_id: str) -> Ask:
    step = exercise.step(step_id)
    if step is None or not step.has_answer:
        names = ", ".join(s.id for s in exercise.steps if s.has_answer)
        raise UsageError(f"'{step_id}' is not a step of {exercise.id}; its steps are: {names}.")
    if not step_applies(step, entry.answers):
        raise UsageError(
            f"Step '{step_id}' was not asked in this entry, so there is nothing to edit."
        )
    phase = next(p for p in exercise.phases if step in p.steps)
    index = phase.steps.index(step)
    return make_request(exercise, phase, index, entry.answers, False, option_source(journal))


def edit(
    journal: Journal,
    exercise: Exercise,
    entry: Entry,
    step_id: str,
    prompter: Prompter,
    alert: Alert | None = None,
) -> Any:
    """Ask one step again, the old answer as the default; ratings and ladders follow. An
    edit is a sitting of its own: new words that suggest risk show where help is again."""
    request = edit_request(journal, exercise, entry, step_id)
    journal.learn(exercise)
    stored = ask_valid(prompter, request, entry.answers)
    if stored is None:
        entry.answers.pop(step_id, None)
    else:
        entry.answers[step_id] = stored
    watch = safety_watch(entry, alert, exercise)
    try:
        if watch is not None and stored is not None:
            watch.answer(request.step, stored)
    finally:  # saved whatever the person chooses after a support panel
        if watch is not None:
            entry.alerts = watch.alerts
        with journal.transaction():
            journal.save(entry)
            if entry.status != DRAFT:
                sync_entry(journal, exercise, entry)
    return stored


def pick_step(exercise: Exercise, entry: Entry, prompter: Prompter) -> str:
    """Ask which step of an entry to change."""
    from ..definitions.model import Choice, Step

    options = tuple(
        Choice(id=s.id, label=s.short_label)
        for s in exercise.steps
        if s.has_answer and step_applies(s, entry.answers)
    )
    question = Step(
        id="step", type="choice", prompt="Which step would you like to change?", choices=options
    )
    return ask_valid(
        prompter, Ask(step=question, prompt=question.prompt, help="", default=None), {}
    )
