"""Bringing a cbt export back (`cbt import`): what is already here, matched by id, and an entry
replaced in place so the ratings and ladder practices linked to it stay linked."""

from __future__ import annotations

from .records import Entry, offset_minutes, to_utc_text
from .store import Journal


def entry_exists(journal: Journal, entry_id: str) -> bool:
    return bool(journal.query("SELECT 1 FROM entries WHERE id = ?", [entry_id]))


def mood_exists(journal: Journal, mood_id: str) -> bool:
    return bool(journal.query("SELECT 1 FROM moods WHERE id = ?", [mood_id]))


def has_entries_of(journal: Journal, exercise_id: str) -> bool:
    return bool(journal.query("SELECT 1 FROM entries WHERE exercise_id = ? LIMIT 1", [exercise_id]))


def replace_entry(journal: Journal, entry: Entry) -> None:
    """The stored entry becomes `entry`: its exercise and start time, then everything else."""
    journal.conn.execute(
        "UPDATE entries SET exercise_id = ?, exercise_title = ?, started_at = ?, started_offset = ? WHERE id = ?",
        [
            entry.exercise_id,
            entry.exercise_title,
            to_utc_text(entry.started),
            offset_minutes(entry.started),
            entry.id,
        ],
    )
    journal.save(entry, entry.updated)
