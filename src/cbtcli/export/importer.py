"""`cbt import`: bring back a JSON export, all of it or none of it.

Entries, moods and ladders are matched by their ids, so importing the same file twice adds
nothing; an entry that exists with other content is reported and kept as it is, unless
`--replace` says to take the file's version."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..definitions.catalog import Catalog
from ..journal import Entry, Journal, Mood
from ..journal.assignments import import_assignment
from ..journal.goals import goals, set_goal
from ..journal.ladders import (
    keep_only_steps,
    ladder_by_id,
    record_practice,
    save_ladder,
    set_archived,
    set_mastered,
)
from ..journal.restore import entry_exists, has_entries_of, mood_exists, replace_entry
from .import_checks import check_entry_answers
from .import_file import export_file, items, read_header
from .import_format import (
    Refused,
    checked_assignment,
    checked_goal,
    checked_ladder,
    checked_scoring,
    entry_from_export,
    mood_from_export,
)
from .json_file import entry_json


@dataclass
class ImportReport:
    added: dict[str, int] = field(
        default_factory=lambda: {
            "entries": 0,
            "moods": 0,
            "ladders": 0,
            "goals": 0,
            "assignments": 0,
        }
    )
    unchanged: int = 0
    differing: list[str] = field(default_factory=list)
    replaced: int = 0
    alerted: int = 0  # new entries whose words suggested risk (noted on them, not shown)


def note_risk(entry: Entry, catalog: Catalog) -> bool:
    """An imported entry gets the alerts its words call for, as if written here (the panel is
    not shown once per entry: the import says how many). True when it has any."""
    from ..safety.watch import alerts_for_answers

    if not entry.alerts:
        exercise = catalog.get_or_none(entry.exercise_id)
        steps = exercise.steps_by_id if exercise else {}
        entry.alerts = alerts_for_answers(steps, entry.answers)
    return bool(entry.alerts)


BATCH = 500  # entries per transaction: other cbt commands wait a moment at most


def comparable(entry: Entry) -> dict[str, Any]:
    data = entry_json(entry, entry.answers)
    data.pop("ratings")
    return data


def import_export(
    open_journal: Callable[[], Journal],
    catalog: Catalog,
    path: Path,
    replace: bool = False,
    identity: Path | None = None,
) -> ImportReport:
    """All of the file or none of it: every record is checked in a first pass over the file,
    and only then written, in batches, in a second; memory stays flat however large it is
    (an age-encrypted file, opened with the secret keys in `identity`, is read in memory).
    The journal is opened only once the file has passed, so a refused file creates none."""
    from ..guide.doing import remember_scoring
    from ..terminal.progress import Progress

    source = export_file(path, identity)
    read_header(source)
    # Everything is checked first, so nothing is written if any record is wrong.
    ladders = [checked_ladder(raw, i) for i, raw in enumerate(items(source, "ladders"))]
    practised = {p["entry_id"] for ladder in ladders for p in ladder["practices"]}
    total = 0
    for i, raw in enumerate(items(source, "entries")):
        entry = entry_from_export(raw, i)
        check_entry_answers(entry, catalog, f"Entry {i + 1} in the file")
        practised.discard(entry.id)
        total += 1
    moods = [mood_from_export(raw, i) for i, raw in enumerate(items(source, "moods"))]
    goals = [checked_goal(raw, i) for i, raw in enumerate(items(source, "goals"))]
    assignments = [checked_assignment(raw, i) for i, raw in enumerate(items(source, "assignments"))]
    scorings = [checked_scoring(raw, i) for i, raw in enumerate(items(source, "scoring"))]
    journal = open_journal()
    check_practices_link(journal, practised)
    report = ImportReport()
    for exercise in catalog.exercises.values():
        journal.learn(exercise)
    with Progress("Importing", total) as progress:
        batch: list[Entry] = []
        for i, raw in enumerate(items(source, "entries")):
            entry = entry_from_export(raw, i)
            note_risk(entry, catalog)
            batch.append(entry)
            if len(batch) == BATCH:
                write_entries(journal, batch, replace, report, progress)
        write_entries(journal, batch, replace, report, progress)
    with journal.transaction():
        for mood in moods:
            import_mood(journal, mood, report)
        for raw in ladders:
            import_ladder(journal, raw, report)
        for raw in assignments:  # before the goals, which may name them
            if import_assignment(journal, raw):
                report.added["assignments"] += 1
            else:
                report.unchanged += 1
        for raw in goals:
            import_goal(journal, raw, report)
        for raw in scorings:  # so summaries and exports can score what came in
            journal.remember_measure(raw["exercise"], raw["step"], raw["title"], raw["scoring"])
        for exercise in catalog.exercises.values():
            if exercise.questionnaire is not None and has_entries_of(journal, exercise.id):
                remember_scoring(journal, exercise)  # a version 1 file, which had none
    return report


def write_entries(
    journal: Journal, batch: list[Entry], replace: bool, report: ImportReport, progress: Any
) -> None:
    with journal.transaction():
        for entry in batch:
            import_entry(journal, entry, replace, report)
    progress.advance(len(batch))
    batch.clear()


def import_entry(journal: Journal, entry: Entry, replace: bool, report: ImportReport) -> None:
    if not entry_exists(journal, entry.id):
        journal.insert(entry)
        report.added["entries"] += 1
        report.alerted += bool(entry.alerts)
        return
    existing = journal.get(entry.id)
    if comparable(existing) == comparable(entry):
        report.unchanged += 1
    elif replace:
        replace_entry(journal, entry)
        report.replaced += 1
    else:
        report.differing.append(entry.id[:8])


def import_mood(journal: Journal, mood: Mood, report: ImportReport) -> None:
    if mood_exists(journal, mood.id):
        report.unchanged += 1
        return
    journal.insert_mood(mood)
    report.added["moods"] += 1


def check_practices_link(journal: Journal, entry_ids: set[str]) -> None:
    """A practice belongs to an entry: one in the file, or one already in the journal."""
    for entry_id in sorted(entry_ids):
        if not entry_exists(journal, entry_id):
            raise Refused(
                f"A ladder practice in the file belongs to entry {entry_id[:8]}, which is",
                "neither in the file nor in the journal",
            )


def import_ladder(journal: Journal, ladder: dict[str, Any], report: ImportReport) -> None:
    if ladder_by_id(journal, ladder["id"]) is not None:
        report.unchanged += 1
        return
    steps = ladder["steps"]
    live = [s for s in steps if not s["removed"]]
    save_ladder(
        journal, ladder["id"], ladder["name"], steps, ladder["entry_id"], ladder["created_at"]
    )
    # steps removed before the export stay removed (their practices still point at them)
    keep_only_steps(journal, ladder["id"], [s["id"] for s in live])
    for step in steps:
        if step["mastered_at"]:
            set_mastered(journal, ladder["id"], step["id"], step["mastered_at"])
    for practice in ladder["practices"]:
        record_practice(
            journal,
            practice["entry_id"],
            ladder["id"],
            practice["step_id"],
            practice["peak"],
            practice["practised_at"],
            practice["local_day"],
        )
    if ladder["archived"]:
        set_archived(journal, ladder["id"], True)
    report.added["ladders"] += 1


def import_goal(journal: Journal, raw: dict[str, Any], report: ImportReport) -> None:
    if raw["exercise"] in goals(journal):
        report.unchanged += 1
        return
    set_goal(
        journal,
        raw["exercise"],
        raw["per_week"],
        set_at=raw.get("set_at") or "",
        assignment_id=raw.get("assignment_id"),
    )
    report.added["goals"] += 1
