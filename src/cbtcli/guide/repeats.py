"""Phases that can be done again and again on one entry (`repeat: true`), such as a day's
evidence for a new belief: each later round is kept, with its day, under model.REPEATS in the
entry's answers, saved as each answer is given. The entry's status and next phase stay."""

from __future__ import annotations

from typing import Any

from ..clock import now_local
from ..definitions.model import REPEATS, Choice, Exercise, Step
from ..errors import CbtError, Interrupted, SafetyStop
from ..journal import COMPLETE, Entry, Journal
from .engine import Ask, Prompter, ask_valid, walk
from .ladders import option_source
from .outcome import Alert, DraftSaved, Outcome, safety_watch


def repeatable_phase(exercise: Exercise, entry: Entry) -> int | None:
    """The last phase already done on this entry that can be done again, if any."""
    done = len(exercise.phases) if entry.status == COMPLETE else entry.phase
    found = [i for i, p in enumerate(exercise.phases[:done]) if p.repeat]
    return found[-1] if found else None


def add_round(
    journal: Journal,
    exercise: Exercise,
    entry: Entry,
    phase_index: int,
    prompter: Prompter,
    alert: Alert | None = None,
) -> Outcome:
    """Do a repeatable phase once more on the same entry: a new round, kept with its day
    under REPEATS, as each answer is given. The entry's status and next phase stay."""
    phase = exercise.phases[phase_index]
    own = {s.id for s in phase.steps}
    journal.learn(exercise)
    watch = safety_watch(entry, alert, exercise)
    if watch is not None:
        entry.alerts = watch.alerts
    rounds = dict(entry.answers.get(REPEATS) or {})
    done = list(rounds.get(phase.id, []))
    this: dict[str, Any] = {"day": now_local().date().isoformat(), "answers": {}}
    earlier = {k: v for k, v in entry.answers.items() if k not in own and k != REPEATS}

    def keep(answers: dict[str, Any], _cursor: int) -> None:
        this["answers"] = {k: v for k, v in answers.items() if k in own}
        rounds[phase.id] = [*done, this] if this["answers"] else done
        entry.answers = {**entry.answers, REPEATS: rounds}
        journal.save(entry)

    try:
        walk(
            exercise,
            phase_index,
            prompter,
            earlier,
            on_progress=keep,
            option_source=option_source(journal),
            watch=watch,
        )
    except Interrupted as stopped:
        raise DraftSaved(entry, isinstance(stopped, SafetyStop)) from None
    if not rounds.get(phase.id):
        raise CbtError("Nothing was added.")
    journal.save(entry)
    return Outcome(entry, exercise)


def ask_again_or_on(exercise: Exercise, entry: Entry, prompter: Prompter) -> int | None:
    """With a repeatable phase behind it, the person chooses: that phase again, or the next."""
    index = repeatable_phase(exercise, entry)
    if index is None or not prompter.can_retry:
        return None
    again, on = exercise.phases[index], exercise.phases[entry.phase]
    step = Step(
        id="again",
        type="choice",
        prompt="What would you like to do?",
        choices=(Choice("again", f"{again.title}: add another day"), Choice("on", on.title)),
    )
    picked = ask_valid(prompter, Ask(step=step, prompt=step.prompt, help="", default="again"), {})
    return index if picked == "again" else None


def wants_round(exercise: Exercise, entry: Entry, given: dict[str, Any] | None) -> int | None:
    """The repeatable phase to do again, when that is what's asked: an answers file with that
    phase's steps (and not the next phase's), or any `cbt review` of a complete entry."""
    index = repeatable_phase(exercise, entry)
    if index is None:
        return None
    if given is None:
        return index if entry.status == COMPLETE else None
    own = {s.id for s in exercise.phases[index].steps}
    return index if given and set(given) <= own else None
