"""Everything a person wrote, as one list: entries and mood check-ins together, check-ins read
as entries of the `mood` exercise (see Mood.as_entry). `cbt journal`, `show`, `edit` and
`delete` go through here; summaries and exports read the two tables as they need."""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterator
from typing import Any

from ..definitions.check_in import CHECK_IN
from .connection import sqlite_errors
from .filters import EntryFilter, day_clauses
from .records import COMPLETE, Entry, mood_from_row
from .store import Journal, id_prefix


def moods_wanted(where: EntryFilter) -> bool:
    """Check-ins are complete, never flagged or private, and belong to the `mood` exercise."""
    return (
        (not where.exercises or CHECK_IN.id in where.exercises)
        and (not where.statuses or COMPLETE in where.statuses)
        and not where.flagged
    )


def mood_query(where: EntryFilter) -> tuple[str, list[Any]]:
    clauses, params = day_clauses(where.since, where.until)
    if where.search:
        pattern = "%" + where.search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern += "%"
        # The note, a feeling by name, or an activity: what the person wrote, not the keys.
        clauses.append(
            "(note LIKE ? ESCAPE '\\'"
            " OR EXISTS (SELECT 1 FROM json_each(moods.emotions) AS f"
            " WHERE f.key LIKE ? ESCAPE '\\')"
            " OR EXISTS (SELECT 1 FROM json_each(moods.activities) AS a"
            " WHERE a.value LIKE ? ESCAPE '\\'))"
        )
        params += [pattern] * 3
    order = "DESC" if where.newest_first else "ASC"
    sql = (
        "SELECT * FROM moods"
        + (" WHERE " + " AND ".join(clauses) if clauses else "")
        + f" ORDER BY recorded_at {order}, rowid {order}"
    )
    if where.limit:
        sql += f" LIMIT {int(where.limit)}"
    return sql, params


def iter_moods(journal: Journal, where: EntryFilter) -> Iterator[Entry]:
    if not moods_wanted(where):
        return
    with sqlite_errors(journal.path):  # streamed, like the entries
        cursor = journal.conn.execute(*mood_query(where))
        names = [d[0] for d in cursor.description]
        for row in cursor:
            yield mood_from_row(dict(zip(names, row, strict=True))).as_entry()


def when(entry: Entry) -> Any:
    return entry.completed or entry.started


def iter_items(journal: Journal, where: EntryFilter) -> Iterator[Entry]:
    """Entries and check-ins in the filter's order, one at a time, up to its limit."""
    only_moods = bool(where.exercises) and set(where.exercises) == {CHECK_IN.id}
    entries = iter(()) if only_moods else journal.iter_entries(where)
    merged = heapq.merge(entries, iter_moods(journal, where), key=when, reverse=where.newest_first)
    return itertools.islice(merged, where.limit) if where.limit else merged


def items(journal: Journal, where: EntryFilter) -> list[Entry]:
    return list(iter_items(journal, where))


def find(journal: Journal, prefix: str) -> Entry:
    """The entry or check-in whose id is, or starts with, `prefix` (ids are unique across
    both: a prefix both share is too short)."""
    prefix = id_prefix(prefix)
    if journal.query("SELECT 1 FROM moods WHERE id LIKE ? LIMIT 1", [prefix + "%"]):
        return mood_from_row(journal.row_by_id("moods", prefix, also="entries")).as_entry()
    return journal.get(prefix)
