"""jrnl's JSON export (`jrnl --export json`): each entry becomes a journal note.

`{"tags": {...}, "entries": [{"title", "body", "date", "time", "tags", "starred"}]}`; a
starred entry is flagged, and tags are kept with the note."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .common import ForeignEntry, Found, SourceError, local_time, parse_json, stable_id

EXERCISE = "journal-note"


def read(text: str, options: dict[str, Any]) -> Found:
    data = parse_json(text, "The jrnl file")
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise SourceError("This is not a jrnl JSON export (made by `jrnl --export json`).")
    found = Found()
    for number, raw in enumerate(data["entries"], start=1):
        where = f"jrnl entry {number}"
        if not isinstance(raw, dict) or not isinstance(raw.get("date"), str):
            raise SourceError(f"{where} has no date.")
        try:
            when = local_time(datetime.fromisoformat(f"{raw['date']}T{raw.get('time') or '00:00'}"))
        except ValueError:
            raise SourceError(f"{where} has a date cbt cannot read ({raw['date']!r}).") from None
        title = str(raw.get("title") or "").strip()
        body = str(raw.get("body") or "").strip()
        if not title and not body:
            found.unmapped.append(f"{where} ({raw['date']}) is empty and was left out.")
            continue
        tags = [str(t) for t in raw.get("tags") or [] if str(t).strip()]
        # jrnl takes a short entry's only sentence as its title: then that is the note.
        answers: dict[str, Any] = {"title": title, "body": body} if body else {"body": title}
        if tags:
            answers["tags"] = tags
        found.entries.append(
            ForeignEntry(
                source_id=stable_id(raw.get("date"), raw.get("time"), title, body),
                exercise_id=EXERCISE,
                when=when,
                answers=answers,
                raw=raw,
                flagged=bool(raw.get("starred")),
            )
        )
    return found
