"""What the source readers share: the records they find, their error, stable ids, times
without a zone, and slugs."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ...errors import CbtError


class SourceError(CbtError):
    """A file that is not what its source writes, or a record that cannot be read."""


@dataclass
class ForeignMood:
    source_id: str
    recorded: datetime
    score: int | None  # 0 (lowest) to 10 (best), as cbt's check-ins; None when not given
    note: str
    emotions: dict[str, int]
    activities: list[str]
    raw: dict[str, Any]


@dataclass
class ForeignEntry:
    source_id: str
    exercise_id: str
    when: datetime
    answers: dict[str, Any]
    raw: dict[str, Any]
    flagged: bool = False


@dataclass
class Found:
    moods: list[ForeignMood] = field(default_factory=list)
    entries: list[ForeignEntry] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)  # one plain line each, for the report


@dataclass(frozen=True)
class Source:
    name: str
    title: str
    reads: str  # what file to give it, for help and errors
    read: Callable[[str, dict[str, Any]], Found]


def stable_id(*parts: Any) -> str:
    """An id for a record its app gave none: the same record always gets the same id, so
    importing a file twice adds nothing."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def local_time(moment: datetime) -> datetime:
    """A time written without a zone is the computer's local time on that day."""
    return moment if moment.tzinfo else moment.astimezone()


def parse_iso(value: Any, where: str) -> datetime:
    """An ISO 8601 time (a trailing Z included), or milliseconds since 1970."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value / 1000).astimezone()
        except (OverflowError, OSError, ValueError):
            pass
    elif isinstance(value, str) and value.strip():
        try:
            return local_time(datetime.fromisoformat(value.strip().replace("Z", "+00:00")))
        except ValueError:
            pass
    raise SourceError(f"{where} has a date cbt cannot read ({str(value)[:40]!r}).")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.strip().lower()).strip("-")


def parse_json(text: str, what: str) -> Any:
    import json

    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(
            f"{what} is not valid JSON (line {exc.lineno}); nothing was imported."
        ) from None
