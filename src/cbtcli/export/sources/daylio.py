"""Daylio's CSV export: one mood check-in per row, with its activities and note.

Columns `full_date,date,weekday,time,mood,activities,note_title,note` (older exports have no
`note_title`, and the oldest `year,date,...`); activities joined by ` | `; times as `6:50 pm`
or `14:58`. Daylio's five moods, or the names a person gave them, become cbt's 0-10 score
through a mood map: `rad=9,good=7,meh=5,bad=3,awful=1` unless the person gives their own."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, time
from typing import Any

from ...errors import OptionName
from .common import ForeignMood, Found, SourceError, local_time, stable_id

MOOD_MAP = OptionName("mood_map")  # how a person gives their own names and scores
DEFAULT_MOODS = {"rad": 9, "good": 7, "meh": 5, "bad": 3, "awful": 1}
TIME = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*([ap]\.?m\.?)?\s*$", re.IGNORECASE)


def mood_map(option: str | None) -> dict[str, int]:
    """The default map, with each `name=score` the person gave added or replacing."""
    moods = dict(DEFAULT_MOODS)
    for part in (option or "").split(","):
        if not part.strip():
            continue
        name, _, score = part.partition("=")
        if not name.strip() or not score.strip().isdigit() or not 0 <= int(score) <= 10:
            from ...errors import UsageError

            raise UsageError(
                MOOD_MAP,
                " takes name=score pairs with scores from 0 to 10, such as "
                f"'rad=9,good=7'; '{part.strip()}' is not one.",
            )
        moods[name.strip().casefold()] = int(score)
    return moods


def parse_time(text: str, line: int) -> time:
    match = TIME.match(text or "")
    if not match:
        raise SourceError(f"Line {line} has a time cbt cannot read ({text!r}).")
    hour, minute, half = int(match.group(1)), int(match.group(2)), match.group(3)
    if half:
        if not 1 <= hour <= 12:
            raise SourceError(f"Line {line} has a time cbt cannot read ({text!r}).")
        hour = hour % 12 + (12 if half.lower().startswith("p") else 0)
    if hour > 23 or minute > 59:
        raise SourceError(f"Line {line} has a time cbt cannot read ({text!r}).")
    return time(hour, minute)


def parse_day(row: dict[str, str], line: int) -> date:
    try:
        if row.get("full_date"):
            return date.fromisoformat(row["full_date"].strip())
        # The oldest exports: a year column and a day like "18 May".
        return datetime.strptime(f"{row['date'].strip()} {row['year'].strip()}", "%d %B %Y").date()
    except (KeyError, ValueError):
        raise SourceError(f"Line {line} has a date cbt cannot read.") from None


def read(text: str, options: dict[str, Any]) -> Found:
    moods = mood_map(options.get("mood_map"))
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = {name.strip() for name in reader.fieldnames or []}
    if not {"time", "mood"} <= columns or not columns & {"full_date", "year"}:
        raise SourceError(
            "This is not a Daylio CSV export (it needs the columns full_date, time and mood)."
        )
    found = Found()
    for line, row in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "") for k, v in row.items()}
        name = row["mood"].strip()
        if name.casefold() not in moods:
            raise SourceError(
                f"Line {line} has the mood '{name}', which cbt cannot score; give it one with ",
                MOOD_MAP,
                f' "{name}=N" (0 lowest to 10 best).',
            )
        when = local_time(datetime.combine(parse_day(row, line), parse_time(row["time"], line)))
        parts = (row.get("note_title", ""), row.get("note", ""))
        note = "\n\n".join(part.strip() for part in parts if part.strip())
        activities = [a.strip() for a in row.get("activities", "").split("|") if a.strip()]
        found.moods.append(
            ForeignMood(
                source_id=stable_id(row),
                recorded=when,
                score=moods[name.casefold()],
                note=note,
                emotions={},
                activities=activities,
                raw=row,
            )
        )
    return found
