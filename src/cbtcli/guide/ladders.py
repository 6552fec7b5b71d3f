"""Fear ladders: kept in step with the entries that build and practise them, and the rule
that suggests when a step is mastered."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from ..clock import now_local
from ..definitions.model import Exercise, Option, Step
from ..errors import CbtError, OptionName, UsageError
from ..journal import COMPLETE, Entry, Journal
from ..journal.ladders import (
    Ladder,
    LadderStep,
    Practice,
    all_ladders,
    ladder_by_id,
    name_taken,
    record_practice,
    save_ladder,
)

# Mastery after inhibitory learning (Craske et al. 2008, 2014): what counts is that the feared
# outcome was tested without the habits that keep fear going, did not happen, and is now
# expected far less, not that distress fell.
MASTERY_PRACTICES = 2  # practices that must each pass the test
LIKELIHOOD_FRACTION = 2  # "well below where it started": at most half the starting likelihood


def starting_likelihood(step: LadderStep) -> int | None:
    """How likely the feared outcome felt before the first practice of this step."""
    return next(
        (p.likelihood_before for p in step.practices if p.likelihood_before is not None), None
    )


def practice_disconfirmed(practice: Practice, start: int) -> bool:
    """Done without safety habits, the feared outcome did not happen, and it is now expected
    at most half as much as at the start."""
    return (
        practice.safety_habits_used == 0
        and practice.feared_outcome == "no"
        and practice.likelihood_after is not None
        and practice.likelihood_after * LIKELIHOOD_FRACTION <= start
    )


def suggests_mastered(step: LadderStep) -> bool:
    """At least two practices tested the fear and each found it did not come true."""
    start = starting_likelihood(step)
    if start is None:
        return False
    passed = [p for p in step.practices if practice_disconfirmed(p, start)]
    return len(passed) >= MASTERY_PRACTICES


MASTERY_RULE = (
    "A step looks mastered when, in at least two practices without the things you do to feel "
    "safer, what you feared did not happen and you now rate it at most half as likely as "
    "before your first practice of that step."
)


def next_step(ladder: Ladder) -> LadderStep | None:
    """The lowest step not yet mastered: where practice usually goes next."""
    return next((step for step in ladder.steps if not step.mastered), None)


def step_options(ladders: Sequence[Ladder]) -> list[Option]:
    options: list[Option] = []
    suggested_done = False
    for ladder in ladders:
        suggestion = next_step(ladder)
        for step in ladder.steps:
            suggested = not suggested_done and step is suggestion
            suggested_done = suggested_done or suggested
            mark = " (mastered)" if step.mastered else ""
            option_id = f"{ladder.id}:{step.id}"
            options.append(
                Option(
                    id=option_id,
                    label=f"{ladder.name}: {step.text} (SUDS {step.suds}){mark}",
                    value={
                        "id": option_id,
                        "ladder": ladder.name,
                        "ladder_id": ladder.id,
                        "step_id": step.id,
                        "step": step.text,
                        "suds": step.suds,
                    },
                    suggested=suggested,
                )
            )
    return options


def option_source(journal: Journal, only: Ladder | None = None):
    def source(step: Step) -> list[Option]:
        return step_options([only] if only else all_ladders(journal))

    return source


def _unique_name(journal: Journal, name: str, ladder_id: str) -> str:
    candidate, number = name, 2
    while name_taken(journal, candidate, except_id=ladder_id):
        candidate = f"{name} {number}"
        number += 1
    return candidate


def sync_entry(
    journal: Journal, exercise: Exercise, entry: Entry, when: datetime | None = None
) -> list[str]:
    """Write the ladders an entry built and the practice it recorded; returns notices."""
    when = when or now_local()
    notices: list[str] = []
    with journal.transaction():
        _sync(journal, exercise, entry, when, notices)
    return notices


def _sync(
    journal: Journal, exercise: Exercise, entry: Entry, when: datetime, notices: list[str]
) -> None:
    for step in exercise.steps:
        value = entry.answers.get(step.id)
        if not isinstance(value, dict):
            continue
        if step.type == "ladder":
            ladder_id = value.setdefault("ladder_id", str(uuid.uuid4()))
            name = _unique_name(journal, value["name"], ladder_id)
            if name != value["name"]:
                notices.append(
                    f"You already have a ladder called '{value['name']}', so this one is '{name}'."
                )
                value["name"] = name
            journal.save(entry)
            save_ladder(journal, ladder_id, name, value["steps"], entry.id, when)
        elif step.type == "ladder_step" and entry.status == COMPLETE:
            peak = entry.answers.get(step.peak) if step.peak else None
            record_practice(journal, entry.id, value["ladder_id"], value["step_id"], peak, when)


def mastery_suggestions(
    journal: Journal, exercise: Exercise, entry: Entry
) -> list[tuple[Ladder, LadderStep]]:
    """Steps this entry practised that now look mastered but are not marked so yet."""
    found = []
    for step in exercise.steps:
        value = entry.answers.get(step.id)
        if step.type != "ladder_step" or not isinstance(value, dict):
            continue
        ladder = ladder_by_id(journal, value["ladder_id"])
        rung = next((r for r in ladder.steps if r.id == value["step_id"]), None) if ladder else None
        if ladder and rung and suggests_mastered(rung) and not rung.mastered:
            found.append((ladder, rung))
    return found


def edited_steps(
    ladder: Ladder,
    add: Sequence[str] = (),
    remove: Sequence[int] = (),
    rerate: Sequence[str] = (),
    rename: Sequence[str] = (),
) -> list[dict]:
    """Apply `cbt ladder edit` changes; steps are numbered as `cbt ladder show` numbers them."""
    steps = [{"id": s.id, "text": s.text, "suds": s.suds} for s in ladder.steps]

    def numbered(number: int) -> dict:
        if not 1 <= number <= len(steps):
            raise UsageError(
                f"The ladder '{ladder.name}' has no step {number} (it has {len(steps)})."
            )
        return steps[number - 1]

    def pair(text: str, what: str) -> tuple[str, str]:
        left, sep, right = text.rpartition("=")
        if not sep or not left.strip() or not right.strip():
            raise UsageError(f"'{text}' should look like {what}.")
        return left.strip(), right.strip()

    def suds(text: str) -> int:
        if not text.isdigit() or not 0 <= int(text) <= 100:
            raise UsageError(f"A SUDS rating must be a whole number from 0 to 100, not '{text}'.")
        return int(text)

    for change in rerate:
        number, value = pair(change, "STEP=SUDS, for example 3=45")
        numbered(_number(number))["suds"] = suds(value)
    for change in rename:
        number, value = pair(change, "STEP=NEW TEXT, for example 3=Drive on the motorway")
        numbered(_number(number))["text"] = value
    doomed = {id(numbered(number)) for number in remove}
    steps = [s for s in steps if id(s) not in doomed]
    for change in add:
        text, value = pair(change, "TEXT=SUDS, for example 'Drive to the shops=50'")
        steps.append({"id": uuid.uuid4().hex[:8], "text": text, "suds": suds(value)})
    if not steps:
        raise CbtError(
            "A ladder needs at least one step; archive it instead with `cbt ladder archive`."
        )
    return sorted(steps, key=lambda s: s["suds"])


def _number(text: str) -> int:
    if not text.isdigit():
        raise UsageError(f"'{text}' is not a step number; `cbt ladder show` numbers the steps.")
    return int(text)


def find_step(ladder: Ladder, which: str) -> LadderStep:
    """A step by its number in `cbt ladder show`, or by its text."""
    if which.isdigit() and 1 <= int(which) <= len(ladder.steps):
        return ladder.steps[int(which) - 1]
    for step in ladder.steps:
        if step.text.lower() == which.strip().lower():
            return step
    raise UsageError(
        f"The ladder '{ladder.name}' has no step '{which}'; `cbt ladder show {ladder.name}` lists them."
    )


def ladder_goal(journal: Journal, catalog, ladder: Ladder) -> str:
    """The goal the ladder was built for: the first text answer of the entry that built it."""
    from .answers import first_answer_line

    if not ladder.entry_id:
        return ""
    try:
        entry = journal.get(ladder.entry_id)
    except CbtError:
        return ""
    return first_answer_line(entry, catalog.get_or_none(entry.exercise_id))


def edit_ladder(
    journal: Journal,
    name: str,
    prompter,
    *,
    interactive: bool,
    add: Sequence[str],
    remove: Sequence[int],
    rerate: Sequence[str],
    rename: Sequence[str],
    new_name: str | None,
) -> Ladder:
    """Change a ladder from options, or interactively when no option is given."""
    from ..journal.ladders import find_ladder
    from .engine import Ask, ask_valid

    ladder = find_ladder(journal, name)
    if prompter is not None:
        if not interactive:
            changes = [OptionName(n) for n in ("add", "remove", "rerate", "rename", "new_name")]
            raise UsageError(
                "Say what to change (",
                *[part for option in changes[:-1] for part in (option, ", ")][:-1],
                " or ",
                changes[-1],
                "), or run `cbt ladder edit` in a terminal.",
            )
        step = Step(id="ladder", type="ladder", prompt=f"Editing '{ladder.name}'.")
        current = {
            "name": ladder.name,
            "ladder_id": ladder.id,
            "steps": [{"id": s.id, "text": s.text, "suds": s.suds} for s in ladder.steps],
        }
        value = ask_valid(
            prompter, Ask(step=step, prompt=step.prompt, help="", default=current), {}
        )
        if not isinstance(value, dict):
            return ladder
        steps, label = value["steps"], value["name"]
    else:
        steps = edited_steps(ladder, add, remove, rerate, rename)
        label = (new_name or ladder.name).strip()
    if name_taken(journal, label, except_id=ladder.id):
        raise CbtError(f"You already have a ladder called '{label}'; choose another name.")
    save_ladder(journal, ladder.id, label, steps, ladder.entry_id, now_local())
    return find_ladder(journal, label)
