"""Records brought in from other apps: which were imported, and the app's own copy of each."""

from __future__ import annotations

from typing import Any

from .records import dumps
from .store import Journal


def known_ids(journal: Journal, source: str) -> set[str]:
    """The ids (in the other app) of every record already imported from `source`."""
    rows = journal.query("SELECT source_id FROM imported WHERE source = ?", [source])
    return {row["source_id"] for row in rows}


def remember(
    journal: Journal, source: str, source_id: str, kind: str, record_id: str, raw: Any, at: str
) -> None:
    journal.conn.execute(
        "INSERT INTO imported (source, source_id, kind, record_id, raw, imported_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [source, source_id, kind, record_id, dumps(raw), at],
    )


def origin(journal: Journal, record_id: str) -> dict[str, Any] | None:
    """Where a record came from, with the app's copy of it; None for cbt's own."""
    rows = journal.query(
        "SELECT source, source_id, raw, imported_at FROM imported WHERE record_id = ?",
        [record_id],
    )
    return rows[0] if rows else None
