"""Doing an exercise: starting, resuming, continuing a later phase, and editing, with every
answer kept in the journal as it is given."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..definitions.catalog import Catalog
from ..definitions.model import Exercise
from ..errors import CbtError, Interrupted, OptionName, SafetyStop, UsageError
from ..journal import AWAITING, COMPLETE, DRAFT, Entry, Journal
from ..terminal.invocation import command
from .engine import (
    OptionSource,
    Prompter,
    check_phase_answers,
    first_open_step,
    walk,
)
from .ladders import mastery_suggestions, option_source, sync_entry
from .outcome import Alert, DraftSaved, Outcome, safety_watch
from .prompters.scripted import ScriptedPrompter


def finish_phase(entry: Entry, exercise: Exercise) -> None:
    from .answers import condition_holds

    entry.cursor = 0
    # A phase whose `when` does not hold is not waited for (no review of a plan never made).
    following = [
        index
        for index in range(entry.phase + 1, len(exercise.phases))
        if (when := exercise.phases[index].when) is None or condition_holds(when, entry.answers)
    ]
    if following:
        entry.phase = following[0]
        entry.status = AWAITING
    else:
        entry.status = COMPLETE


def _complete_phase(journal: Journal, exercise: Exercise, entry: Entry, new: bool) -> Outcome:
    """Mark the phase done and update the ladders it touched, all in one transaction."""
    journal.learn(exercise)
    remember_scoring(journal, exercise)
    finish_phase(entry, exercise)
    with journal.transaction():
        if new:
            journal.insert(entry)
        else:
            journal.save(entry)
        notices = sync_entry(journal, exercise, entry)
    return Outcome(entry, exercise, notices, mastery_suggestions(journal, exercise, entry))


def remember_scoring(journal: Journal, exercise: Exercise) -> None:
    """Keep how a questionnaire is scored in the journal, for summaries that read no YAML."""
    from ..definitions.model import measure_title
    from ..definitions.scoring import scoring_json

    step = exercise.questionnaire
    if step is not None and step.scoring is not None:
        journal.remember_measure(
            exercise.id, step.id, measure_title(exercise), scoring_json(step.scoring)
        )


def _walk_into(
    journal: Journal,
    exercise: Exercise,
    entry: Entry,
    prompter: Prompter,
    resumed: bool,
    options: OptionSource | None = None,
    alert: Alert | None = None,
) -> Outcome:
    journal.learn(exercise)
    watch = safety_watch(entry, alert, exercise)
    if watch is not None:
        entry.alerts = watch.alerts  # kept with the draft as soon as they happen

    def keep(answers: dict[str, Any], cursor: int) -> None:
        entry.answers = answers
        entry.cursor = cursor
        journal.save(entry)

    phase = exercise.phases[entry.phase]
    # A resumed draft starts at its first open step, or at the step it was stopped in (a
    # list part written, say), whichever comes first.
    start = min(first_open_step(phase, entry.answers), entry.cursor) if resumed else 0
    try:
        entry.answers = walk(
            exercise,
            entry.phase,
            prompter,
            entry.answers,
            start=start,
            on_progress=keep,
            resumed=resumed,
            option_source=options or option_source(journal),
            watch=watch,
        )
    except Interrupted as stopped:
        if entry.status == DRAFT and not entry.answers:
            journal.delete(entry.id, scrub=False)  # nothing was written in it
        raise DraftSaved(entry, isinstance(stopped, SafetyStop)) from None
    return _complete_phase(journal, exercise, entry, new=False)


def start(
    journal: Journal,
    exercise: Exercise,
    prompter: Prompter,
    options: OptionSource | None = None,
    alert: Alert | None = None,
    draft: dict[str, Any] | None = None,
) -> Outcome:
    """Start an exercise; `draft` answers (see blueprint.py) are offered at each step to edit."""
    needs_a_ladder(exercise, options or option_source(journal))
    journal.learn(exercise)  # so the very first draft records its private steps
    entry = journal.start_entry(exercise.id, exercise.version, exercise.title)
    if draft:
        entry.answers = dict(draft)
    return _walk_into(journal, exercise, entry, prompter, False, options, alert)


def needs_a_ladder(exercise: Exercise, options: OptionSource) -> None:
    """A first-phase step that picks from the person's ladders can't be answered without one:
    say so before anything is started, not at an empty menu."""
    for step in exercise.phases[0].steps:
        if step.kind.from_journal and not options(step):
            raise CbtError(
                f"{exercise.title} works on a step of one of your fear ladders, and you have "
                "none yet (or only archived ones): build one with `cbt ladder new`."
            )


def resume_entry(
    journal: Journal,
    exercise: Exercise,
    entry: Entry,
    prompter: Prompter,
    alert: Alert | None = None,
) -> Outcome:
    """Carry on a draft, or run the next phase of an entry that awaits one."""
    if entry.status == COMPLETE:
        raise CbtError(f"Entry {entry.short_id} is already complete; there is nothing to continue.")
    phase = exercise.phases[entry.phase] if entry.phase < len(exercise.phases) else None
    if phase is None:
        raise CbtError(f"Entry {entry.short_id} has no phase left to do in '{exercise.id}'.")
    resumed = entry.status == DRAFT or first_open_step(phase, entry.answers) > 0
    return _walk_into(journal, exercise, entry, prompter, resumed, None, alert)


def from_answers(
    journal: Journal,
    exercise: Exercise,
    prompter: ScriptedPrompter,
    entry: Entry | None = None,
    options: OptionSource | None = None,
    alert: Alert | None = None,
) -> Outcome:
    """Fill a phase from answers written out at once (an answers file); every answer is
    checked before anything is saved."""
    if entry is not None and entry.status == COMPLETE:
        raise CbtError(f"Entry {entry.short_id} is already complete; there is nothing to continue.")
    phase_index = entry.phase if entry else 0
    check_phase_answers(exercise, phase_index, prompter.answers)
    earlier = dict(entry.answers) if entry else {}
    answers = walk(
        exercise,
        phase_index,
        prompter,
        earlier,
        option_source=options or option_source(journal),
        watch=(watch := safety_watch(entry, alert, exercise)),
    )
    alerts = watch.alerts if watch else (entry.alerts if entry else [])
    new = entry is None
    if entry is None:
        entry = Entry.new(
            exercise.id, exercise.version, exercise.title, answers=answers, alerts=alerts
        )
    else:
        entry.answers = answers
        entry.alerts = alerts
    outcome = _complete_phase(journal, exercise, entry, new=new)
    outcome.notes = prompter.notes
    return outcome


def _draft_to_resume(journal: Journal, catalog: Catalog, target: str | None) -> Entry:
    if target and catalog.get_or_none(target) is None:
        entry = journal.get(target)
        if entry.status != DRAFT:
            hint = (
                f"`cbt review {entry.short_id}`"
                if entry.status == AWAITING
                else "nothing left to do"
            )
            raise CbtError(f"Entry {entry.short_id} is not a draft ({hint}).")
        return entry
    latest = journal.latest((DRAFT,), target)
    if latest is None:
        which = f" of {target}" if target else ""
        raise CbtError(f"There's no unfinished draft{which} to resume.")
    return latest


def run_do(
    journal: Journal,
    catalog: Catalog,
    make_prompter: Callable[[], Prompter],
    *,
    target: str | None,
    answers: Callable[[], ScriptedPrompter] | None,
    resume: bool,
    continue_id: str | None,
    alert: Alert | None = None,
    draft: dict[str, Any] | None = None,
) -> Outcome:
    """What `cbt do` means for each combination of its options. `answers` gives the answers
    the person wrote out (read only once the exercise is known); `draft` answers start a new
    entry (written answers take their place)."""
    from .repeats import add_round, ask_again_or_on, repeatable_phase, wants_round

    entry: Entry | None = None
    if continue_id and resume:
        raise UsageError(
            *("Use either ", OptionName("resume"), " (a draft) or ", OptionName("continue_id")),
            " (a later phase), not both.",
        )
    if continue_id:
        entry = journal.get(continue_id)
        if entry.status == DRAFT:
            raise CbtError(
                f"Entry {entry.short_id} is still a draft; carry it on with "
                f"`{command(f'do --resume {entry.short_id}')}`."
            )
        done = entry.status == COMPLETE
        if done and repeatable_phase(catalog.get(entry.exercise_id), entry) is None:
            raise CbtError(
                f"Entry {entry.short_id} is already complete; there is nothing to continue."
            )
    elif resume:
        entry = _draft_to_resume(journal, catalog, target)
    elif target is None:
        raise UsageError(
            "Name the exercise to do, for example `cbt do thought-record` (`cbt exercises` lists "
            "them all)."
        )
    exercise = catalog.get(entry.exercise_id if entry else target or "")
    if answers is not None:
        written = answers()
        if draft and entry is None:
            written = ScriptedPrompter({**draft, **written.answers})
        again = wants_round(exercise, entry, written.answers) if entry is not None else None
        if entry is not None and again is not None:
            check_phase_answers(exercise, again, written.answers)
            outcome = add_round(journal, exercise, entry, again, written, alert)
        else:
            outcome = from_answers(journal, exercise, written, entry, alert=alert)
    elif entry is not None:
        prompter = make_prompter()
        again = wants_round(exercise, entry, None) if entry.status != DRAFT else None
        if again is None and continue_id and entry.status == AWAITING:
            again = ask_again_or_on(exercise, entry, prompter)
        if again is not None:
            outcome = add_round(journal, exercise, entry, again, prompter, alert)
        else:
            outcome = resume_entry(journal, exercise, entry, prompter, alert)
    else:
        outcome = start(journal, exercise, make_prompter(), alert=alert, draft=draft)
    return after_finishing(journal, catalog, outcome)


def after_finishing(journal: Journal, catalog: Catalog, outcome: Outcome) -> Outcome:
    """What a finished entry sets in motion beyond itself: a session note's homework."""
    from .sessions import SESSION, after_session

    if outcome.exercise.id == SESSION and outcome.entry.status == COMPLETE:
        outcome.notices += after_session(journal, catalog, outcome.entry)
    return outcome


def due(journal: Journal) -> list[Entry]:
    """Entries waiting for a later phase, oldest first."""
    from ..journal.filters import EntryFilter

    return journal.entries(EntryFilter(statuses=(AWAITING,), newest_first=False))


def practise_ladder(
    journal: Journal,
    catalog: Catalog,
    make_prompter: Callable[[], Prompter],
    ladder_name: str,
    answers: Callable[[], ScriptedPrompter] | None,
    alert: Alert | None = None,
) -> Outcome:
    """Run the exposure exercise on one ladder, suggesting its lowest step not yet mastered."""
    from ..journal.ladders import find_ladder

    ladder = find_ladder(journal, ladder_name)
    if not ladder.steps:
        raise CbtError(
            f"The ladder '{ladder.name}' has no steps yet; add some with `cbt ladder edit`."
        )
    exercise = catalog.get("exposure")
    options = option_source(journal, ladder)
    if answers is not None:
        return from_answers(journal, exercise, answers(), options=options, alert=alert)
    return start(journal, exercise, make_prompter(), options=options, alert=alert)
