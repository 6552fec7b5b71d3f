"""The queries behind standard measures: how each questionnaire is scored (kept when first
done), and each complete questionnaire's total as a SUM over the ratings table."""

from __future__ import annotations

from typing import Any

from .store import Journal


def measure_rows(journal: Journal, exercise_id: str | None = None) -> list[dict[str, Any]]:
    """The measures done so far (exercise_id, step_id, title, scoring as JSON), by id; or the
    one for `exercise_id`."""
    if exercise_id is not None:
        return journal.query("SELECT * FROM measures WHERE exercise_id = ?", [exercise_id])
    return journal.query("SELECT * FROM measures ORDER BY exercise_id")


def questionnaire_totals(
    journal: Journal,
    exercise_id: str,
    step_id: str,
    since: str | None,
    until: str | None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Each complete questionnaire's id, local_day and total, oldest first."""
    days = ""
    params: list[Any] = [step_id, exercise_id]
    # The first few (a baseline) are found walking the entries in order of completion; a
    # period's are found by their days, and then sorted.
    day = "+e.local_day" if limit else "e.local_day"
    if since:
        days += f" AND {day} >= ?"
        params.append(since)
    if until:
        days += f" AND {day} <= ?"
        params.append(until)
    if limit:
        params.append(limit)
    # Each total is a primary-key range of the ratings table; no grouping of a join to sort.
    return journal.query(
        f"""SELECT e.id, e.local_day,
                   (SELECT sum(r.value) FROM ratings r WHERE r.entry_id = e.id AND r.step_id = ?)
                   AS total
            FROM entries e WHERE e.exercise_id = ? AND e.status = 'complete'{days}
            ORDER BY e.completed_at, e.rowid{" LIMIT ?" if limit else ""}""",
        params,
    )


def latest_total(
    journal: Journal, exercise_id: str, step_id: str, until: str | None
) -> dict[str, Any] | None:
    """The latest complete questionnaire with this step's answers (up to `until`): id,
    local_day and total. Found among the entries first and summed for that one alone, so a
    summary reads one entry's ratings, not years of them."""
    # `+` keeps SQLite from reading it by day: in completion order, the latest is the first.
    days, params = (" AND +e.local_day <= ?", [until]) if until else ("", [])
    found = journal.query(
        f"""SELECT e.id, e.local_day FROM entries e
            WHERE e.exercise_id = ? AND e.status = 'complete'{days}
            AND EXISTS (SELECT 1 FROM ratings r WHERE r.entry_id = e.id AND r.step_id = ?)
            ORDER BY e.completed_at DESC, e.rowid DESC LIMIT 1""",
        [exercise_id, *params, step_id],
    )
    if not found:
        return None
    total = journal.query(
        "SELECT sum(value) AS total FROM ratings WHERE entry_id = ? AND step_id = ?",
        [found[0]["id"], step_id],
    )
    return {**found[0], "total": total[0]["total"]}


def last_scored(journal: Journal) -> list[dict[str, Any]]:
    """Each measure done so far: exercise_id, title, and the last day it was complete."""
    return journal.query(
        """SELECT m.exercise_id, m.title, (SELECT max(local_day) FROM entries e
             WHERE e.exercise_id = m.exercise_id AND e.status = 'complete') AS last
           FROM measures m ORDER BY m.exercise_id"""
    )
