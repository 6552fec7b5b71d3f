"""`cbt import`: bring back a JSON export, all of it or none of it.

Entries, moods and ladders are matched by their ids, so importing the same file twice adds
nothing; an entry that exists with other content is reported and kept as it is, unless
`--replace` says to take the file's version."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .catalog import Catalog
from .errors import CbtError, UsageError
from .export.json_file import FORMAT, FORMAT_VERSION, entry_json
from .import_checks import check_entry_answers
from .journal import AWAITING, COMPLETE, DRAFT, Entry, Journal, Mood
from .journal.goals import goals, set_goal
from .journal.ladders import (
    keep_only_steps,
    ladder_by_id,
    record_practice,
    save_ladder,
    set_archived,
    set_mastered,
)
from .journal.restore import entry_exists, has_entries_of, mood_exists, replace_entry


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
    from .safety import alerts_for_answers

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
            raise UsageError(f"The file {path} {reason}; nothing was imported.")
        return path.open("rb")
    except OSError as exc:
        raise CbtError(f"The file {path} cannot be read ({exc.strerror}).") from None


def read_header(path: Path) -> dict[str, Any]:
    """The export's top-level facts (format, version...), read as a stream: the entries that
    follow them are never loaded whole."""
    import ijson

    header: dict[str, Any] = {}
    with open_export(path) as stream:
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
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise CbtError(
            f"{path} was made by a newer version of cbt (export format {version}); "
            "upgrade cbt to import it; nothing was imported."
        )
    return header


def damaged(path: Path) -> CbtError:
    return CbtError(f"{path} is a cbt export that is truncated or damaged; nothing was imported.")


def items(path: Path, section: str) -> Iterator[Any]:
    """The items of one top-level list, one at a time."""
    import ijson

    with open_export(path) as stream:
        try:
            yield from ijson.items(stream, f"{section}.item", use_float=True)
        except ijson.JSONError:
            raise damaged(path) from None
        except UnicodeDecodeError:
            raise damaged(path) from None


def parse_time(value: Any, what: str) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise CbtError(
            f"{what} has a time cbt cannot read ({value!r}); nothing was imported."
        ) from None
    if moment.tzinfo is None:
        raise CbtError(f"{what} has a time without a UTC offset ({value!r}); nothing was imported.")
    return moment


def entry_from_export(raw: Any, index: int) -> Entry:
    what = f"Entry {index + 1} in the file"
    if not isinstance(raw, dict) or not isinstance(raw.get("answers"), dict):
        raise CbtError(f"{what} is not an entry with answers; nothing was imported.")
    for key in ("id", "exercise", "title", "status", "started_at", "updated_at"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise CbtError(f"{what} has no '{key}'; nothing was imported.")
    if raw["status"] not in (DRAFT, AWAITING, COMPLETE):
        raise CbtError(f"{what} has an unknown status '{raw['status']}'; nothing was imported.")
    completed = raw.get("completed_at")
    return Entry(
        id=raw["id"],
        exercise_id=raw["exercise"],
        exercise_version=int(raw.get("exercise_version") or 1),
        exercise_title=raw["title"],
        status=raw["status"],
        started=parse_time(raw["started_at"], what),
        updated=parse_time(raw["updated_at"], what),
        completed=parse_time(completed, what) if completed else None,
        phase=int(raw.get("phase") or 0),
        cursor=int(raw.get("cursor") or 0),
        answers=raw["answers"],
        flagged=bool(raw.get("flagged")),
        private=bool(raw.get("private")),
        alerts=[a for a in raw.get("alerts") or [] if isinstance(a, dict)],
        private_steps=[str(s) for s in raw.get("private_steps") or []],
        labels={str(k): str(v) for k, v in (raw.get("labels") or {}).items()},
    )


def comparable(entry: Entry) -> dict[str, Any]:
    data = entry_json(entry, entry.answers)
    data.pop("ratings")
    return data


def import_export(
    journal: Journal, catalog: Catalog, path: Path, replace: bool = False
) -> ImportReport:
    """All of the file or none of it: every record is checked in a first pass over the file,
    and only then written, in batches, in a second; memory stays flat however large it is."""
    from .practice import remember_scoring
    from .progress import Progress

    read_header(path)
    total = 0
    for i, raw in enumerate(items(path, "entries")):
        # checked now, so nothing is written if any is wrong
        check_entry_answers(entry_from_export(raw, i), catalog, f"Entry {i + 1} in the file")
        total += 1
    moods = [mood_from_export(raw) for raw in items(path, "moods")]
    ladders = [checked_ladder(raw) for raw in items(path, "ladders")]
    goals = [checked_goal(raw) for raw in items(path, "goals")]
    scorings = [checked_scoring(raw) for raw in items(path, "scoring")]
    report = ImportReport()
    for exercise in catalog.exercises.values():
        journal.learn(exercise)
    with Progress("Importing", total) as progress:
        batch: list[Entry] = []
        for i, raw in enumerate(items(path, "entries")):
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


def checked_scoring(raw: Any) -> dict[str, Any]:
    from .measures import scoring_from_json

    problem = CbtError("A questionnaire's scoring in the file is incomplete; nothing was imported.")
    if not isinstance(raw, dict) or not all(
        isinstance(raw.get(k), str) for k in ("exercise", "step", "title")
    ):
        raise problem
    try:
        scoring_from_json(raw["scoring"])
    except (KeyError, TypeError, ValueError):
        raise problem from None
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


def mood_from_export(raw: Any) -> Mood:
    score = raw.get("score") if isinstance(raw, dict) else None
    if (
        not isinstance(raw, dict)
        or not raw.get("id")
        or not (score is None or (isinstance(score, int) and 0 <= score <= 10))
    ):
        raise CbtError("A mood check-in in the file is incomplete; nothing was imported.")
    return Mood(
        raw["id"],
        score,
        parse_time(raw.get("recorded_at"), "A mood check-in"),
        raw.get("note") or "",
        raw.get("emotions") or {},
        [str(a) for a in raw.get("activities") or []],
        [a for a in raw.get("alerts") or [] if isinstance(a, dict)],
    )


def import_mood(journal: Journal, mood: Mood, report: ImportReport) -> None:
    if mood_exists(journal, mood.id):
        report.unchanged += 1
        return
    journal.insert_mood(mood)
    report.added["moods"] += 1


def checked_ladder(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict) or not raw.get("id") or not isinstance(raw.get("steps"), list):
        raise CbtError("A ladder in the file is incomplete; nothing was imported.")
    return raw


def import_ladder(journal: Journal, raw: dict[str, Any], report: ImportReport) -> None:
    if ladder_by_id(journal, raw["id"]) is not None:
        report.unchanged += 1
        return
    created = parse_time(raw.get("created_at"), f"The ladder '{raw.get('name')}'")
    live = [s for s in raw["steps"] if not s.get("removed")]
    save_ladder(journal, raw["id"], raw["name"], raw["steps"], raw.get("entry_id"), created)
    # steps removed before the export stay removed (their practices still point at them)
    keep_only_steps(journal, raw["id"], [s["id"] for s in live])
    for step in raw["steps"]:
        if step.get("mastered_at"):
            set_mastered(
                journal, raw["id"], step["id"], parse_time(step["mastered_at"], "A ladder step")
            )
    for practice in raw.get("practices") or []:
        when = parse_time(practice["practised_at"], "A practice")
        record_practice(
            journal,
            practice["entry_id"],
            raw["id"],
            practice["step_id"],
            practice.get("peak"),
            when,
            practice.get("local_day"),
        )
    if raw.get("archived"):
        set_archived(journal, raw["id"], True)
    report.added["ladders"] += 1


def checked_goal(raw: Any) -> dict[str, Any]:
    if (
        not isinstance(raw, dict)
        or not raw.get("exercise")
        or not isinstance(raw.get("per_week"), int)
    ):
        raise CbtError("A goal in the file is incomplete; nothing was imported.")
    return raw


def import_goal(journal: Journal, raw: dict[str, Any], report: ImportReport) -> None:
    if raw["exercise"] in goals(journal):
        report.unchanged += 1
        return
    set_goal(journal, raw["exercise"], raw["per_week"], set_at=raw.get("set_at") or "")
    report.added["goals"] += 1
