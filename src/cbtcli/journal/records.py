"""The journal's records as dataclasses, and the times they carry."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from functools import cache, lru_cache
from typing import Any

from ..clock import now_local
from ..definitions.check_in import CHECK_IN, LABELS, is_check_in

DRAFT, AWAITING, COMPLETE = "draft", "awaiting", "complete"
# A finished phase counts as practice: the statuses of entries that count, and as SQL.
FINISHED = (COMPLETE, AWAITING)
FINISHED_SQL = "(" + ", ".join(f"'{status}'" for status in FINISHED) + ")"


def offset_minutes(moment: datetime) -> int:
    offset = moment.utcoffset() or timedelta(0)
    return int(offset.total_seconds() // 60)


def to_utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@cache
def zone_at(offset: int) -> timezone:
    """One zone object per offset: a journal of years has a handful, read thousands of times."""
    return timezone(timedelta(minutes=offset))


def from_utc_text(text: str, offset: int) -> datetime:
    """Rebuild the local time an entry was written at, whatever the zone is today."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone_at(offset))


def local_day(moment: datetime) -> str:
    return moment.date().isoformat()


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass(slots=True)
class Entry:
    id: str
    exercise_id: str
    exercise_version: int
    exercise_title: str
    status: str
    started: datetime
    updated: datetime
    completed: datetime | None = None
    phase: int = 0
    cursor: int = 0
    answers: dict[str, Any] = field(default_factory=dict)
    flagged: bool = False
    private: bool = False
    alerts: list[dict[str, Any]] = field(default_factory=list)  # safety messages shown
    # The steps that were private when the entry was written, and each step's label: privacy
    # and readability travel with the entry, whatever becomes of the exercise file.
    private_steps: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)

    @classmethod
    def new(
        cls,
        exercise_id: str,
        version: int,
        title: str,
        when: datetime | None = None,
        status: str = DRAFT,
        **fields: Any,
    ) -> Entry:
        """A new entry with a fresh id, begun `when` (now by default)."""
        import uuid  # only when writing: it costs start-up time for read-only commands

        when = when or now_local()
        return cls(str(uuid.uuid4()), exercise_id, version, title, status, when, when, **fields)

    @property
    def short_id(self) -> str:
        return self.id[:8]

    @property
    def is_mood(self) -> bool:
        """A mood check-in read as an entry (see Mood.as_entry)."""
        return is_check_in(self.exercise_id)

    @property
    def day(self) -> str:
        """The local day the entry counts for: when it was finished, or begun if not yet."""
        return local_day(self.completed or self.started)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "exercise": self.exercise_id,
            "exercise_version": self.exercise_version,
            "title": self.exercise_title,
            "status": self.status,
            "phase": self.phase,
            "started_at": self.started.isoformat(),
            "updated_at": self.updated.isoformat(),
            "completed_at": self.completed.isoformat() if self.completed else None,
            "flagged": self.flagged,
            "private": self.private,
            "alerts": self.alerts,
            "private_steps": self.private_steps,
            "labels": self.labels,
            "answers": self.answers,
        }


@dataclass
class Mood:
    id: str
    score: int | None  # None for a check-in of feelings alone, as some apps record them
    recorded: datetime
    note: str = ""
    emotions: dict[str, int] = field(default_factory=dict)
    activities: list[str] = field(default_factory=list)  # what was done, as other apps track
    alerts: list[dict[str, Any]] = field(default_factory=list)  # crisis lines shown, and why

    @property
    def short_id(self) -> str:
        return self.id[:8]

    def as_entry(self) -> Entry:
        """The check-in as a complete entry of the `mood` exercise: its answers are what was
        given (score, feelings, note, activities), so it is read like any entry."""
        answers: dict[str, Any] = {}
        if self.score is not None:
            answers["score"] = self.score
        if self.emotions:
            answers["emotions"] = dict(self.emotions)
        if self.note:
            answers["note"] = self.note
        if self.activities:
            answers["activities"] = list(self.activities)
        return Entry(
            self.id,
            CHECK_IN.id,
            CHECK_IN.version,
            CHECK_IN.title,
            COMPLETE,
            self.recorded,
            self.recorded,
            completed=self.recorded,
            answers=answers,
            alerts=list(self.alerts),
            labels=dict(LABELS),
        )

    @classmethod
    def from_entry(cls, entry: Entry) -> Mood:
        """The check-in an entry of the `mood` exercise stands for (after an edit)."""
        answers = entry.answers
        return cls(
            entry.id,
            answers.get("score"),
            entry.completed or entry.started,
            answers.get("note") or "",
            dict(answers.get("emotions") or {}),
            list(answers.get("activities") or []),
            list(entry.alerts),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "score": self.score,
            "recorded_at": self.recorded.isoformat(),
            "note": self.note,
            "emotions": self.emotions,
            "activities": self.activities,
            "alerts": self.alerts,
        }


def stored_list(text: str | None) -> list[Any]:
    """A JSON list column; most are empty, and reading '[]' needs no parser (a long export
    reads several per entry)."""
    return [] if not text or text == "[]" else json.loads(text)


def stored_dict(text: str | None) -> dict[str, Any]:
    return {} if not text or text == "{}" else json.loads(text)


@lru_cache(maxsize=512)
def parsed_labels(text: str) -> dict[str, str]:
    return json.loads(text)


def stored_labels(text: str) -> dict[str, str]:
    """An entry's step labels: the same few texts for every entry of an exercise version, so
    each is parsed once (and copied, so no two entries share a dict)."""
    return dict(parsed_labels(text))


def mood_from_row(row: dict[str, Any]) -> Mood:
    return Mood(
        id=row["id"],
        score=row["score"],
        recorded=from_utc_text(row["recorded_at"], row["utc_offset"]),
        note=row["note"],
        emotions=stored_dict(row["emotions"]),
        activities=stored_list(row.get("activities")),
        alerts=stored_list(row.get("alerts")),
    )


def entry_times(
    started_at: str, started_offset: int, updated_at: str, completed_at: str | None, offset: int
) -> tuple[datetime, datetime, datetime | None]:
    """An entry's (started, updated, completed), from its stored times and the offsets it was
    begun and finished at. Most were last written as they were finished, or begun: a time
    stored twice is read once (a long export reads thousands)."""
    updated_offset = offset or started_offset
    started = from_utc_text(started_at, started_offset)
    completed = None
    if completed_at:
        completed = (
            started
            if (completed_at, offset) == (started_at, started_offset)
            else from_utc_text(completed_at, offset)
        )
    if completed is not None and (updated_at, updated_offset) == (completed_at, offset):
        updated = completed
    elif (updated_at, updated_offset) == (started_at, started_offset):
        updated = started
    else:
        updated = from_utc_text(updated_at, updated_offset)
    return started, updated, completed


# The columns an entry is made from, in the order entry_from_values takes them.
ENTRY_COLUMNS = (
    "id",
    "exercise_id",
    "exercise_version",
    "exercise_title",
    "status",
    "started_at",
    "started_offset",
    "updated_at",
    "completed_at",
    "completed_offset",
    "phase",
    "cursor",
    "answers",
    "flagged",
    "private",
    "alerts",
    "private_steps",
    "labels",
)


def entry_from_row(row: dict[str, Any]) -> Entry:
    return entry_from_values([row.get(column) for column in ENTRY_COLUMNS])


def entry_from_values(values: Sequence[Any]) -> Entry:
    """An entry from its ENTRY_COLUMNS, in order (a long export reads them straight from the
    rows, with no mapping made per entry)."""
    (
        entry_id,
        exercise_id,
        version,
        title,
        status,
        started_at,
        started_offset,
        updated_at,
        completed_at,
        completed_offset,
        phase,
        cursor,
        answers,
        flagged,
        private,
        alerts,
        private_steps,
        labels,
    ) = values
    started, updated, completed = entry_times(
        started_at, started_offset, updated_at, completed_at, completed_offset
    )
    return Entry(
        entry_id,
        exercise_id,
        version,
        title,
        status,
        started,
        updated,
        completed,
        phase,
        cursor,
        json.loads(answers),
        bool(flagged),
        bool(private),
        stored_list(alerts),
        stored_list(private_steps),
        stored_labels(labels or "{}"),
    )
