"""The export format, field by field, as `cbt import` reads it (format versions 1 and 2).

Every record in the file is read through `Record`, which checks each field's presence, type
and range and refuses the whole file with one sentence naming the record and the field. What
passes can be written without a surprise: every text encodes, every number fits SQLite, every
time is a real one within cbt's years, every link points at something that will exist. The
answers themselves are checked against their exercise's steps in import_checks."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

from ..dates import EARLIEST, LATEST
from ..errors import CbtError
from ..journal import AWAITING, COMPLETE, DRAFT, Entry, Mood

LONG_TEXT = 100_000  # characters in one answer, note or name: far beyond anything typed
SHORT_TEXT = 500  # an id, an exercise id, a title, a label
DEEPEST = 8  # nesting of an answer's lists and sets
LARGEST = 2**53  # whole numbers beyond this do not survive JSON or SQLite unchanged


class Refused(CbtError):
    """A record in the file that cbt cannot take; nothing is imported."""

    def __init__(self, what: str, problem: str) -> None:
        super().__init__(f"{what} {problem}; nothing was imported.")


def value_problem(value: Any, depth: int = 0) -> str:
    """Why a JSON value cannot be kept as it is ('' when it can): text that cannot be saved (a
    lone surrogate), a number SQLite cannot hold, or nesting deeper than any answer has."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "text with a broken character (a lone surrogate)"
        return "text longer than cbt keeps" if len(value) > LONG_TEXT else ""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int):
        return "a number too large to keep" if abs(value) > LARGEST else ""
    if isinstance(value, float):
        return "" if math.isfinite(value) else "a number that is not finite"
    if depth >= DEEPEST:
        return "values nested too deeply"
    if isinstance(value, list):
        inner = (value_problem(v, depth + 1) for v in value)
    elif isinstance(value, dict):
        inner = (
            value_problem(k, depth + 1) or value_problem(v, depth + 1) for k, v in value.items()
        )
    else:
        return "a value JSON cannot hold"
    return next((problem for problem in inner if problem), "")


def is_whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: Any) -> bool:
    return (is_whole(value) and abs(value) <= LARGEST) or (
        isinstance(value, float) and math.isfinite(value)
    )


def is_text(value: Any, limit: int = LONG_TEXT) -> bool:
    return isinstance(value, str) and not value_problem(value) and len(value) <= limit


def read_time(value: Any) -> datetime | None:
    """A time with its UTC offset, within the years cbt takes; None when it is not one."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None or not EARLIEST.year <= moment.year <= LATEST.year:
        return None
    return moment


def read_day(text: str) -> date | None:
    """A day written YYYY-MM-DD within cbt's years; None when it is not one."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if len(text) == 10 and EARLIEST <= day <= LATEST else None


class Record:
    """One record of the file, read field by field; any field that does not fit refuses the
    import with one sentence: "Entry 3 in the file has a 'cursor' that is not ..."."""

    def __init__(self, raw: Any, what: str) -> None:
        if not isinstance(raw, dict):
            raise Refused(what, "is not a record (a set of named fields)")
        self.raw = raw
        self.what = what

    def refuse(self, key: str, expected: str) -> Refused:
        if key not in self.raw:
            return Refused(self.what, f"has no '{key}'")
        return Refused(self.what, f"has a '{key}' that is not {expected}")

    def present(self, key: str, optional: bool) -> bool:
        if self.raw.get(key) is not None:
            return True
        if optional:
            return False
        raise self.refuse(key, "given")

    def text(self, key: str, limit: int = SHORT_TEXT, empty: bool = False) -> str:
        value = self.raw.get(key)
        if not is_text(value, limit) or (not value and not empty):
            raise self.refuse(key, f"text of at most {limit:,} characters")
        return str(value)

    def optional_text(self, key: str, limit: int = SHORT_TEXT) -> str | None:
        return self.text(key, limit, empty=True) if self.present(key, True) else None

    def whole(self, key: str, low: int, high: int, default: int | None = None) -> int:
        if default is not None and not self.present(key, True):
            return default
        value: Any = self.raw.get(key)
        if not is_whole(value) or not low <= value <= high:
            raise self.refuse(key, f"a whole number from {low:,} to {high:,}")
        return int(value)

    def optional_whole(self, key: str, low: int, high: int) -> int | None:
        return self.whole(key, low, high) if self.present(key, True) else None

    def flag(self, key: str) -> bool:
        value = self.raw.get(key, False)
        if not isinstance(value, bool):
            raise self.refuse(key, "true or false")
        return value

    def time(self, key: str) -> datetime:
        moment = read_time(self.raw.get(key))
        if moment is None:
            raise self.refuse(key, f"a time with its UTC offset, in {EARLIEST.year}-{LATEST.year}")
        return moment

    def optional_time(self, key: str) -> datetime | None:
        return self.time(key) if self.present(key, True) else None

    def texts(self, key: str, limit: int = LONG_TEXT) -> list[str]:
        value = self.raw.get(key) or []
        if not isinstance(value, list) or not all(is_text(v, limit) for v in value):
            raise self.refuse(key, "a list of texts")
        return list(value)

    def named_texts(self, key: str) -> dict[str, str]:
        value = self.raw.get(key) or {}
        if not isinstance(value, dict) or not all(
            is_text(k) and is_text(v) for k, v in value.items()
        ):
            raise self.refuse(key, "a set of named texts")
        return dict(value)

    def named_numbers(self, key: str) -> dict[str, Any]:
        value = self.raw.get(key) or {}
        if not isinstance(value, dict) or not all(
            is_text(k) and is_number(v) for k, v in value.items()
        ):
            raise self.refuse(key, "a set of named numbers")
        return dict(value)

    def records(self, key: str, optional: bool = True) -> list[Any]:
        value = self.raw.get(key)
        if value is None and optional:
            return []
        if not isinstance(value, list):
            raise self.refuse(key, "a list")
        return value

    def alerts(self) -> list[dict[str, Any]]:
        """The safety notes shown when the record was written: each a set of plain values,
        its 'reason' a text (it is printed and exported)."""
        found = self.records("alerts")
        for alert in found:
            if (
                not isinstance(alert, dict)
                or value_problem(alert)
                or any(isinstance(v, list | dict) for v in alert.values())
                or not isinstance(alert.get("reason", ""), str)
            ):
                raise self.refuse("alerts", "a list of safety notes, each with a 'reason' text")
        return found

    def json_value(self, key: str) -> Any:
        value = self.raw.get(key)
        problem = value_problem(value)
        if problem:
            raise Refused(self.what, f"has {problem} in '{key}'")
        return value


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


def checked_goal(raw: Any, index: int) -> dict[str, Any]:
    record = Record(raw, f"Goal {index + 1} in the file")
    return {
        "exercise": record.text("exercise"),
        "per_week": record.whole("per_week", 1, 50),
        "set_at": record.optional_text("set_at") or "",
        "assignment_id": record.optional_text("assignment_id"),
    }


def checked_assignment(raw: Any, index: int) -> dict[str, Any]:
    """An assignment from a therapist as the export carries it, every field checked."""
    record = Record(raw, f"Assignment {index + 1} in the file")
    row: dict[str, Any] = {
        "id": record.text("id"),
        "sender": record.text("sender", empty=True),
        "note": record.text("note", LONG_TEXT, empty=True),
        "until": record.optional_text("until"),
        "received_at": record.text("received_at"),
        "local_day": record.text("local_day"),
        "replaced_at": record.optional_text("replaced_at"),
        "file": record.text("file", LONG_TEXT, empty=True),
    }
    record.time("received_at")
    for key in ("exercises", "goals", "measures"):
        value = record.json_value(key)
        if not isinstance(value, list | dict):
            raise record.refuse(key, "a list or a mapping")
        row[key] = value
    return row
