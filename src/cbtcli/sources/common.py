"""What the source readers share: stable ids, times without a zone, and slugs."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime
from typing import Any

from . import SourceError


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
