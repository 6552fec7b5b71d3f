"""The queries over the entries an `EntryFilter` picks, for exports and the prep page: how
many of each exercise, over which days, which are private, and which exercises they are."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .filters import EntryFilter, entry_clauses
from .store import Journal


def count_sql(where: EntryFilter, select: str = "", extra: str = "") -> tuple[str, list[Any]]:
    """SELECT over the entries `where` picks: counts by exercise title unless `select` says
    what else."""
    clauses, params = entry_clauses(where)
    if extra:
        clauses.append(extra)
    columns = select or "exercise_id, exercise_title AS title, count(*) AS n"
    sql = f"SELECT {columns} FROM entries" + (" WHERE " + " AND ".join(clauses) if clauses else "")
    if not select:
        sql += " GROUP BY exercise_id ORDER BY n DESC, exercise_title"
    return sql, params


def counts_by_exercise(journal: Journal, where: EntryFilter) -> list[dict[str, Any]]:
    """How many entries of each exercise (exercise_id, title, n), most first."""
    return journal.query(*count_sql(where))


def private_entry_count(journal: Journal, where: EntryFilter) -> int:
    """How many entries `where` would pick if private ones were not left out, that are private."""
    private = EntryFilter(**{**where.__dict__, "shareable": False})
    sql, params = count_sql(private, extra="private = 1")
    return sum(row["n"] for row in journal.query(sql, params))


def entry_day_span(journal: Journal, where: EntryFilter) -> dict[str, str | None]:
    """The first and last local day of the entries picked."""
    sql, params = count_sql(where, select="min(local_day) AS first, max(local_day) AS last")
    return journal.query(sql, params)[0]


def mood_day_span(journal: Journal) -> dict[str, str | None]:
    """The first and last local day with a mood check-in."""
    return journal.query("SELECT min(local_day) AS first, max(local_day) AS last FROM moods")[0]


def answer_rows(
    journal: Journal, where: EntryFilter, private_exercises: list[str]
) -> Iterator[dict[str, Any]]:
    """The exercise_id, answers and private_steps (as stored, JSON) of each picked entry that
    can hold a private answer: one written with a private step, or of an exercise with one
    (`private_exercises`); the rest stay unread."""
    marks = ", ".join("?" * len(private_exercises))
    sql, params = count_sql(
        where,
        select="exercise_id, answers, private_steps",
        extra=f"(private_steps NOT IN ('', '[]') OR exercise_id IN ({marks}))",
    )
    yield from journal.query(sql, [*params, *private_exercises])


def exercise_ids(journal: Journal, where: EntryFilter) -> list[str]:
    """The exercises of the picked entries."""
    sql, params = count_sql(where, select="DISTINCT exercise_id")
    return [row["exercise_id"] for row in journal.query(sql, params)]


def private_entry_ids(journal: Journal) -> set[str]:
    """Every entry marked private."""
    return {row["id"] for row in journal.query("SELECT id FROM entries WHERE private = 1")}
