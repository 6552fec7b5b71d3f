"""The relapse-prevention blueprint: a first draft from the journal, and its check-ins.

Every drafted line names the entry it came from (its short id and day), so the person can
look it up with `cbt show ID`. Private entries and private answers are never copied into it:
the blueprint is an ordinary entry, and may be exported."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..definitions.catalog import Catalog
from ..journal import AWAITING, COMPLETE, Entry, Journal
from ..journal.filters import EntryFilter
from ..journal.ladders import all_ladders

BLUEPRINT = "relapse-blueprint"
CHECK_IN_WEEKS = {1: 4, 2: 12}  # the phase after the blueprint -> weeks after writing it
MEASURES = ("phq9", "gad7")
TOP = 3  # lines per drafted section: the strongest few, so the blueprint stays short
RETURN_RULE = (
    "If my PHQ-9 is 10 or more twice, two weeks apart, or my warning signs last two weeks, "
    "I'll contact my GP or therapist."
)


@dataclass
class Draft:
    answers: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, list[str]] = field(default_factory=dict)  # step -> entry ids cited

    def add(self, step: str, line: str, *entry_ids: str) -> None:
        self.answers.setdefault(step, []).append(line)
        self.sources.setdefault(step, []).extend(entry_ids)


def cite(entry_id: str, day: date | str, what: str) -> str:
    return f"({what} {entry_id[:8]}, {day})"


def shareable(journal: Journal, exercise_id: str) -> list[Entry]:
    """Complete entries of one exercise, newest first, leaving out those marked private."""
    where = EntryFilter(exercises=(exercise_id,), statuses=(COMPLETE,), shareable=True)
    return journal.entries(where)


def answer(entry: Entry, step: str) -> Any:
    """An answer that may be copied: none from a step that was private when written."""
    return None if step in entry.private_steps else entry.answers.get(step)


def number(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def draft_learned(journal: Journal, draft: Draft) -> None:
    """Balanced thoughts whose thought records lowered belief in the hot thought the most."""
    drops = []
    for entry in shareable(journal, "thought-record"):
        before, after = (
            number(answer(entry, "belief_before")),
            number(answer(entry, "belief_after")),
        )
        balanced = answer(entry, "balanced_thought")
        if before is not None and after is not None and before > after and balanced:
            drops.append((before - after, entry, before, after, str(balanced)))
    drops.sort(key=lambda d: (-d[0], d[1].started))
    for _, entry, before, after, balanced in drops[:TOP]:
        reference = cite(entry.id, entry.day, "thought record")
        draft.add("learned", f"{balanced} (belief {before} % → {after} %) {reference}", entry.id)


def draft_helped(journal: Journal, draft: Draft) -> None:
    """The activities that lifted mood most, and the fear-ladder steps mastered."""
    lifted = []
    for entry in shareable(journal, "behavioural-activation"):
        pleasure = number(answer(entry, "actual_pleasure"))
        mastery = number(answer(entry, "actual_mastery")) or 0
        activity = answer(entry, "activity")
        if pleasure is not None and activity and answer(entry, "did_it") != "no":
            lifted.append((pleasure, entry, pleasure, mastery, str(activity)))
    lifted.sort(key=lambda a: (-a[0], -a[3], a[1].started))  # pleasure lifts mood most
    for _, entry, pleasure, mastery, activity in lifted[:TOP]:
        reference = cite(entry.id, entry.day, "activity")
        line = f"{activity} (pleasure {pleasure}/10, mastery {mastery}/10) {reference}"
        draft.add("helped_most", line, entry.id)
    private = {e.id for e in journal.entries(EntryFilter(exercises=("fear-ladder",))) if e.private}
    for ladder in all_ladders(journal, include_archived=True):
        if ladder.entry_id in private:
            continue
        for step in ladder.steps:
            if step.mastered and not step.removed:
                where = (
                    cite(ladder.entry_id, (step.mastered_at or "")[:10], "ladder")
                    if ladder.entry_id
                    else f"(ladder '{ladder.name}')"
                )
                line = (
                    f"Mastered '{step.text}' on my {ladder.name} ladder (SUDS {step.suds}) {where}"
                )
                draft.add("helped_most", line, *([ladder.entry_id] if ladder.entry_id else []))


def draft_warning_signs(journal: Journal, draft: Draft) -> None:
    """The warning signs of the latest safety plan."""
    plans = shareable(journal, "safety-plan")
    if not plans:
        return
    latest = plans[0]
    signs = answer(latest, "warning_signs")
    for sign in signs if isinstance(signs, list) else []:
        draft.add(
            "warning_signs", f"{sign} {cite(latest.id, latest.day, 'safety plan')}", latest.id
        )


def draft_progress(journal: Journal, catalog: Catalog, draft: Draft) -> None:
    """Each questionnaire's first and latest score, in plain words."""
    for line, ids in measure_lines(journal, catalog, since=None):
        draft.add("progress", line, *ids)


def measure_lines(
    journal: Journal, catalog: Catalog, since: date | None
) -> list[tuple[str, list[str]]]:
    """For each measure: from the last score on or before `since` (or the first score) to the
    latest, in the measures' own words, with the two entries cited."""
    from ..definitions.model import measure_title
    from .measures import change_words, scores

    lines = []
    from ..journal.selection import private_entry_ids

    private = private_entry_ids(journal)
    for measure_id in MEASURES:
        exercise = catalog.get_or_none(measure_id)
        step = exercise.questionnaire if exercise else None
        if exercise is None or step is None or step.scoring is None:
            continue
        found = [s for s in scores(journal, exercise) if s.entry_id not in private]
        if not found:
            continue
        first = found[0]
        if since is not None:
            before = [s for s in found if s.day <= since]
            first = before[-1] if before else found[0]
        latest = found[-1]
        words = change_words(measure_title(exercise), first, latest, step.scoring)
        cited = (
            f"(entries {first.entry_id[:8]}, {first.day} and {latest.entry_id[:8]}, {latest.day})"
        )
        if first.entry_id == latest.entry_id:
            cited = f"(entry {first.entry_id[:8]}, {first.day})"
        lines.append((f"{words} {cited}", sorted({first.entry_id, latest.entry_id})))
    return lines


def draft_blueprint(journal: Journal, catalog: Catalog) -> Draft:
    """A first draft of the blueprint's sections, each line citing its entry."""
    draft = Draft()
    draft_progress(journal, catalog, draft)
    draft_learned(journal, draft)
    draft_helped(journal, draft)
    draft_warning_signs(journal, draft)
    draft.answers["plan_return"] = RETURN_RULE
    return draft


def waiting_blueprint(journal: Journal) -> Entry | None:
    """The latest blueprint still waiting for a check-in."""
    return journal.latest((AWAITING,), BLUEPRINT)


def check_in_due(entry: Entry) -> tuple[int, date]:
    """Which check-in comes next (4 or 12 weeks) and the day it is due."""
    weeks = CHECK_IN_WEEKS.get(entry.phase, CHECK_IN_WEEKS[2])
    return weeks, entry.started.date() + timedelta(weeks=weeks)
