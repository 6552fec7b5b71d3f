"""`cbt import`: bring back a JSON export, all of it or none of it.

Entries, moods and ladders are matched by their ids, so importing the same file twice adds
nothing; an entry that exists with other content is reported and kept as it is, unless
`--replace` says to take the file's version."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..definitions.catalog import Catalog
from ..errors import CbtError
from ..journal import AWAITING, COMPLETE, DRAFT, Entry, Journal, Mood
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
from .import_format import LONG_TEXT, SHORT_TEXT, Record, Refused, read_day
from .json_file import FORMAT, FORMAT_VERSION, entry_json


@dataclass
class ImportReport:
    added: dict[str, int] = field(
        default_factory=lambda: {"entries": 0, "moods": 0, "ladders": 0, "goals": 0}
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


def open_export(path: Path) -> Any:
    """The file, opened for reading bytes; a device, a pipe or a folder is refused."""
    try:
        if not path.is_file():
            reason = "is a folder" if path.is_dir() else "is not a regular file"
            if not path.exists():
                reason = "does not exist"
            raise CbtError(f"The file {path} {reason}; nothing was imported.")
        return path.open("rb")
    except OSError as exc:
        raise CbtError(f"The file {path} cannot be read ({exc.strerror}).") from None


@dataclass
class ExportFile:
    """An export to read, as often as needed: from its file, or from memory once decrypted
    (an age-encrypted export is never written out in plain)."""

    path: Path
    content: bytes | None = None

    def open(self) -> Any:
        return io.BytesIO(self.content) if self.content is not None else open_export(self.path)


def export_file(path: Path, identity: Path | None) -> ExportFile:
    from . import sealed

    open_export(path).close()  # a device, a pipe or a folder is refused first
    if sealed.is_sealed(path):
        return ExportFile(path, sealed.opened(path, identity))
    return ExportFile(path)


def read_header(source: ExportFile) -> dict[str, Any]:
    """The export's top-level facts (format, version...), read as a stream: the entries that
    follow them are never loaded whole."""
    import ijson

    path = source.path
    header: dict[str, Any] = {}
    with source.open() as stream:
        try:
            for prefix, event, value in ijson.parse(stream):
                if prefix == "" and event == "start_map":
                    continue
                if prefix == "" and event != "map_key":
                    break
                if prefix in ("format", "format_version") and event in ("string", "number"):
                    header[prefix] = value
                if len(header) == 2:
                    break
        except ijson.JSONError:
            if header.get("format") == FORMAT:
                raise damaged(path) from None
            raise CbtError(
                f"{path} is not a cbt export (it is not valid JSON); nothing was imported."
            ) from None
    if header.get("format") != FORMAT:
        raise CbtError(
            f"{path} is not a cbt export (made by `cbt export --format json`); nothing was imported."
        )
    version = header.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise CbtError(
            f"{path} has an export format cbt does not know ({str(version)[:20]}); "
            "nothing was imported."
        )
    if version > FORMAT_VERSION:
        raise CbtError(
            f"{path} was made by a newer version of cbt (export format {version}); "
            "upgrade cbt to import it; nothing was imported."
        )
    check_sections(source)
    return header


SECTIONS = ("entries", "moods", "ladders", "goals", "scoring")


def check_sections(source: ExportFile) -> None:
    """Each part of the file is a list (`entries` always there), read as a stream."""
    import ijson

    path = source.path
    found: dict[str, str] = {}
    key = None
    with source.open() as stream:
        try:
            for prefix, event, value in ijson.parse(stream):
                if prefix == "" and event == "map_key":
                    key = value
                elif key in SECTIONS and prefix == key and key not in found:
                    found[key] = event
        except (ijson.JSONError, UnicodeDecodeError):
            raise damaged(path) from None
    for section in SECTIONS:
        event = found.get(section, "null" if section != "entries" else "")
        if event not in ("start_array", "null"):
            what = "has no list" if not event else "has something other than a list"
            raise CbtError(f"{path} {what} of '{section}'; nothing was imported.")


def damaged(path: Path) -> CbtError:
    return CbtError(f"{path} is a cbt export that is truncated or damaged; nothing was imported.")


def items(source: ExportFile, section: str) -> Iterator[Any]:
    """The items of one top-level list, one at a time."""
    import ijson

    path = source.path
    with source.open() as stream:
        try:
            yield from ijson.items(stream, f"{section}.item", use_float=True)
        except ijson.JSONError:
            raise damaged(path) from None
        except UnicodeDecodeError:
            raise damaged(path) from None


def entry_from_export(raw: Any, index: int) -> Entry:
    """An entry of the file, every field checked (see import_format.Record)."""
    record = Record(raw, f"Entry {index + 1} in the file")
    record.what += f" ({record.text('id')[:8]})"
    answers = record.raw.get("answers")
    if not isinstance(answers, dict):
        raise record.refuse("answers", "a set of answers")
    record.json_value("answers")
    status = record.text("status")
    if status not in (DRAFT, AWAITING, COMPLETE):
        raise record.refuse("status", "draft, awaiting or complete")
    return Entry(
        id=record.text("id"),
        exercise_id=record.text("exercise"),
        exercise_version=record.whole("exercise_version", 1, 1_000_000, default=1),
        exercise_title=record.text("title"),
        status=status,
        started=record.time("started_at"),
        updated=record.time("updated_at"),
        completed=record.optional_time("completed_at"),
        phase=record.whole("phase", 0, 1_000, default=0),
        cursor=record.whole("cursor", 0, 100_000, default=0),
        answers=answers,
        flagged=record.flag("flagged"),
        private=record.flag("private"),
        alerts=record.alerts(),
        private_steps=record.texts("private_steps", SHORT_TEXT),
        labels=record.named_texts("labels"),
    )


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
        for raw in goals:
            import_goal(journal, raw, report)
        for raw in scorings:  # so summaries and exports can score what came in
            journal.remember_measure(raw["exercise"], raw["step"], raw["title"], raw["scoring"])
        for exercise in catalog.exercises.values():
            if exercise.questionnaire is not None and has_entries_of(journal, exercise.id):
                remember_scoring(journal, exercise)  # a version 1 file, which had none
    return report


def checked_scoring(raw: Any, index: int) -> dict[str, Any]:
    """How a questionnaire is scored: its range and its bands, each field checked."""
    record = Record(raw, f"Questionnaire scoring {index + 1} in the file")
    for key in ("exercise", "step", "title"):
        record.text(key)
    scoring = Record(
        raw.get("scoring"), f"The scoring of {record.what[0].lower()}{record.what[1:]}"
    )
    low = scoring.whole("low", 0, 10_000)
    high = scoring.whole("high", low, 10_000)
    bands = scoring.records("bands", optional=False)
    if not bands:
        raise scoring.refuse("bands", "a list of bands")
    for j, band_raw in enumerate(bands):
        band = Record(band_raw, f"Band {j + 1} of {scoring.what[0].lower()}{scoring.what[1:]}")
        band.whole("max", low, high)
        band.text("label")
    scoring.optional_whole("caseness", low, high)
    scoring.optional_whole("reliable_change", 0, high)
    return raw


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


def mood_from_export(raw: Any, index: int) -> Mood:
    record = Record(raw, f"Mood check-in {index + 1} in the file")
    return Mood(
        record.text("id"),
        record.optional_whole("score", 0, 10),
        record.time("recorded_at"),
        record.optional_text("note", LONG_TEXT) or "",
        record.named_numbers("emotions"),
        record.texts("activities", SHORT_TEXT),
        record.alerts(),
    )


def import_mood(journal: Journal, mood: Mood, report: ImportReport) -> None:
    if mood_exists(journal, mood.id):
        report.unchanged += 1
        return
    journal.insert_mood(mood)
    report.added["moods"] += 1


def checked_ladder(raw: Any, index: int) -> dict[str, Any]:
    """A ladder of the file with its steps and practices, every field checked; times parsed."""
    record = Record(raw, f"Ladder {index + 1} in the file")
    name = record.text("name")
    record.what += f" ('{name[:40]}')"
    steps = []
    for j, step_raw in enumerate(record.records("steps", optional=False)):
        step = Record(step_raw, f"Step {j + 1} of {record.what[0].lower()}{record.what[1:]}")
        steps.append(
            {
                "id": step.text("id"),
                "text": step.text("text", LONG_TEXT),
                "suds": step.whole("suds", 0, 100),
                "removed": step.flag("removed"),
                "mastered_at": step.optional_time("mastered_at"),
            }
        )
    step_ids = {step["id"] for step in steps}
    if len(step_ids) < len(steps):
        raise record.refuse("steps", "a list of steps with different ids")
    practices = []
    for j, practice_raw in enumerate(record.records("practices")):
        practice = Record(
            practice_raw, f"Practice {j + 1} of {record.what[0].lower()}{record.what[1:]}"
        )
        if practice.text("step_id") not in step_ids:
            raise practice.refuse("step_id", "one of the ladder's steps")
        when = practice.time("practised_at")
        day = practice.optional_text("local_day")
        if day is not None and read_day(day) is None:
            raise practice.refuse("local_day", "a day written as YYYY-MM-DD")
        practices.append(
            {
                "entry_id": practice.text("entry_id"),
                "step_id": practice_raw["step_id"],
                "peak": practice.optional_whole("peak", 0, 100),
                "practised_at": when,
                "local_day": day,
            }
        )
    return {
        "id": record.text("id"),
        "name": name,
        "entry_id": record.optional_text("entry_id"),
        "created_at": record.time("created_at"),
        "archived": record.flag("archived"),
        "steps": steps,
        "practices": practices,
    }


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


def checked_goal(raw: Any, index: int) -> dict[str, Any]:
    record = Record(raw, f"Goal {index + 1} in the file")
    return {
        "exercise": record.text("exercise"),
        "per_week": record.whole("per_week", 1, 50),
        "set_at": record.optional_text("set_at") or "",
    }


def import_goal(journal: Journal, raw: dict[str, Any], report: ImportReport) -> None:
    if raw["exercise"] in goals(journal):
        report.unchanged += 1
        return
    set_goal(journal, raw["exercise"], raw["per_week"], set_at=raw.get("set_at") or "")
    report.added["goals"] += 1
