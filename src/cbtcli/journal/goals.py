"""Weekly practice goals (homework), such as three thought records a week. A goal set by an
assignment from a therapist remembers it (`assignment_id`); one the person set has none."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..clock import now_local
from .records import to_utc_text

if TYPE_CHECKING:
    from .store import Journal


def set_goal(
    journal: Journal,
    exercise_id: str,
    per_week: int,
    set_at: str | None = None,
    assignment_id: str | None = None,
) -> None:
    """Set (or change) a weekly goal; `set_at` is when it was set, now unless an import says.
    One the person sets themselves (no `assignment_id`) becomes theirs."""
    with journal.transaction():
        journal.conn.execute(
            """INSERT INTO goals (exercise_id, per_week, set_at, assignment_id)
               VALUES (?, ?, ?, ?)
               ON CONFLICT(exercise_id) DO UPDATE SET per_week = excluded.per_week,
               set_at = excluded.set_at, assignment_id = excluded.assignment_id""",
            [
                exercise_id,
                per_week,
                to_utc_text(now_local()) if set_at is None else set_at,
                assignment_id,
            ],
        )


def remove_goal(journal: Journal, exercise_id: str) -> bool:
    with journal.transaction():
        cursor = journal.conn.execute("DELETE FROM goals WHERE exercise_id = ?", [exercise_id])
    return cursor.rowcount > 0


def goals(journal: Journal) -> dict[str, int]:
    rows = journal.query("SELECT exercise_id, per_week FROM goals ORDER BY exercise_id")
    return {row["exercise_id"]: row["per_week"] for row in rows}


def goal_sources(journal: Journal) -> dict[str, tuple[int, str | None]]:
    """Each goal's weekly count and the assignment that set it (None: the person's own)."""
    rows = journal.query("SELECT exercise_id, per_week, assignment_id FROM goals")
    return {row["exercise_id"]: (row["per_week"], row["assignment_id"]) for row in rows}


def goal_rows(journal: Journal) -> list[dict[str, Any]]:
    """Every goal as exported: exercise, per_week, set_at, and the assignment that set it
    (null for the person's own)."""
    return journal.query(
        "SELECT exercise_id AS exercise, per_week, set_at, assignment_id"
        " FROM goals ORDER BY exercise_id"
    )


def apply_goals(journal: Journal, wanted: dict[str, int], replace: bool) -> None:
    """Set several goals at once; `replace` first removes every goal not among them."""
    with journal.transaction():
        if replace:
            journal.conn.execute("DELETE FROM goals")
        for exercise_id, per_week in wanted.items():
            set_goal(journal, exercise_id, per_week)
