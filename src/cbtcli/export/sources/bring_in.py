"""Writing what another app's export holds into the journal: all of it or none of it.

Each record gets an id derived from its id in the other app, and the app's own copy of it is
kept beside it, so importing the same file again adds nothing and nothing is lost. Every answer
is checked against its step first; a value that does not fit refuses the whole file."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...clock import now_local
from ...definitions.catalog import Catalog
from ...definitions.model import Exercise
from ...errors import AnswerError
from ...journal import COMPLETE, Entry, Journal, Mood
from ...journal import imported as imported_records
from ...safety.watch import alerts_for_answers
from .common import ForeignEntry, Found, Source, SourceError

NAMESPACE = uuid.UUID("6f0c3c8e-4a55-4b7e-9d6c-2f0a4c3b1e57")  # cbt's imports, never changed


@dataclass
class BringInReport:
    source: str
    entries: int = 0
    moods: int = 0
    already: int = 0
    by_exercise: dict[str, int] = field(default_factory=dict)
    unmapped: list[str] = field(default_factory=list)
    dry_run: bool = False
    alerted: int = 0  # records whose words suggested risk (noted on them)


def record_id(source: str, source_id: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{source}:{source_id}"))


def read_found(source: Source, path: Path, options: dict[str, Any]) -> Found:
    from ...paths import read_given_file

    text = read_given_file(path, f"{source.title} file")
    try:
        return source.read(text, options)
    except SourceError as exc:
        parts = list(exc.parts)
        if "nothing was imported" not in str(exc):  # said once, in the same sentence
            last = parts.pop()
            parts += (
                [last.removesuffix("."), "; nothing was imported."]
                if isinstance(last, str)
                else [last, "; nothing was imported."]
            )
        raise SourceError(f"{path}: ", *parts) from None


def checked_answers(exercise: Exercise, record: ForeignEntry) -> dict[str, Any]:
    """Each answer the record has, in the form its step stores; steps it lacks stay empty."""
    from ...guide.answers import normalise

    answers: dict[str, Any] = {}
    for step in exercise.steps:
        if step.id not in record.answers:
            continue
        try:
            value = normalise(step, record.answers[step.id], answers)
        except AnswerError as exc:
            raise SourceError(
                f"The record from {record.when:%d %b %Y %H:%M} does not fit cbt's "
                f"'{step.id}' step: {exc}"
            ) from None
        if value is not None:
            answers[step.id] = value
    return answers


def bring_in(
    journal: Journal,
    catalog: Catalog,
    source: Source,
    found: Found,
    dry_run: bool = False,
) -> BringInReport:
    report = BringInReport(source.name, unmapped=list(found.unmapped), dry_run=dry_run)
    known = imported_records.known_ids(journal, source.name)
    entries: list[tuple[ForeignEntry, Entry]] = []
    for record in found.entries:
        if record.source_id in known:
            report.already += 1
            continue
        exercise = catalog.get(record.exercise_id)
        journal.learn(exercise)
        entry = Entry(
            id=record_id(source.name, record.source_id),
            exercise_id=exercise.id,
            exercise_version=exercise.version,
            exercise_title=exercise.title,
            status=COMPLETE,
            started=record.when,
            updated=record.when,
            completed=record.when,
            answers=checked_answers(exercise, record),
            flagged=record.flagged,
        )
        entry.alerts = alerts_for_answers(exercise.steps_by_id, entry.answers)
        report.alerted += bool(entry.alerts)
        known.add(record.source_id)
        entries.append((record, entry))
        report.by_exercise[exercise.title] = report.by_exercise.get(exercise.title, 0) + 1
    moods = []
    for mood in found.moods:
        if mood.source_id in known:
            report.already += 1
            continue
        known.add(mood.source_id)
        moods.append(mood)
        mood_alerts = alerts_for_answers({}, {"note": mood.note, "emotions": mood.emotions})
        report.alerted += bool(mood_alerts)
    report.entries, report.moods = len(entries), len(moods)
    if dry_run:
        return report
    at = now_local().isoformat(timespec="seconds")
    with journal.transaction():
        for record, entry in entries:
            journal.insert(entry)
            imported_records.remember(
                journal, source.name, record.source_id, "entry", entry.id, record.raw, at
            )
        for mood in moods:
            new = Mood(
                record_id(source.name, mood.source_id),
                mood.score,
                mood.recorded,
                mood.note,
                mood.emotions,
                mood.activities,
                alerts_for_answers({}, {"note": mood.note, "emotions": mood.emotions}),
            )
            journal.insert_mood(new)
            imported_records.remember(
                journal, source.name, mood.source_id, "mood", new.id, mood.raw, at
            )
    return report
