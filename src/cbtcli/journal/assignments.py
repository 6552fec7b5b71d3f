"""Assignments from a therapist as the journal keeps them, and the counts their progress
needs. A goal an assignment set carries its id; the person's own goals carry none."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..clock import now_local
from ..definitions.check_in import is_check_in
from .records import FINISHED_SQL, to_utc_text

if TYPE_CHECKING:
    from .store import Journal


def record_assignment(
    journal: Journal,
    row: dict[str, Any],
    goals: dict[str, int],
    replacing: list[str],
) -> str:
    """Keep an assignment and set its goals in one transaction. `replacing` assignments end
    here, and so do the goals they set that this one does not set again; a goal the person
    set is never in `goals` (the caller leaves those alone)."""
    import uuid

    assignment_id = uuid.uuid4().hex
    now = now_local()
    with journal.transaction():
        conn = journal.conn
        for old in replacing:
            conn.execute(
                "UPDATE assignments SET replaced_at = ? WHERE id = ?", [to_utc_text(now), old]
            )
            conn.execute("DELETE FROM goals WHERE assignment_id = ?", [old])
        conn.execute(
            """INSERT INTO assignments (id, sender, note, until, exercises, goals, measures,
                 received_at, local_day, replaced_at, file)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)""",
            [
                assignment_id,
                row["sender"],
                row["note"],
                row["until"],
                json.dumps(row["exercises"], ensure_ascii=False),
                json.dumps(row["goals"], ensure_ascii=False),
                json.dumps(row["measures"], ensure_ascii=False),
                to_utc_text(now),
                now.date().isoformat(),
                row["file"],
            ],
        )
        for exercise_id, per_week in goals.items():
            conn.execute(
                """INSERT INTO goals (exercise_id, per_week, set_at, assignment_id)
                   VALUES (?, ?, ?, ?)
                   ON CONFLICT(exercise_id) DO UPDATE SET per_week = excluded.per_week,
                   set_at = excluded.set_at, assignment_id = excluded.assignment_id""",
                [exercise_id, per_week, to_utc_text(now), assignment_id],
            )
    return assignment_id


def assignment_rows(journal: Journal) -> list[dict[str, Any]]:
    """Every assignment, the oldest first, with its lists read back."""
    rows = journal.query(
        "SELECT id, sender, note, until, exercises, goals, measures, local_day, replaced_at"
        " FROM assignments ORDER BY received_at, rowid"
    )
    for row in rows:
        for key in ("exercises", "goals", "measures"):
            row[key] = json.loads(row[key])
    return rows


def done_days(journal: Journal, exercise_id: str, since: str, until: str) -> list[str]:
    """The local day of each finished entry (or check-in, for 'mood') in the period."""
    if is_check_in(exercise_id):  # check-ins have a table of their own
        sql = "SELECT local_day FROM moods WHERE local_day BETWEEN ? AND ?"
        params: list[Any] = [since, until]
    else:
        sql = (
            f"SELECT local_day FROM entries WHERE exercise_id = ? AND status IN {FINISHED_SQL}"
            " AND local_day BETWEEN ? AND ?"
        )
        params = [exercise_id, since, until]
    return sorted(row["local_day"] for row in journal.query(sql, params))


def last_done(journal: Journal, exercise_id: str) -> str | None:
    rows = journal.query(
        "SELECT max(local_day) AS last FROM entries WHERE exercise_id = ? AND status = 'complete'",
        [exercise_id],
    )
    return rows[0]["last"] if rows else None


EXPORTED = (
    "id",
    "sender",
    "note",
    "until",
    "exercises",
    "goals",
    "measures",
    "received_at",
    "local_day",
    "replaced_at",
    "file",
)


def exported_assignments(journal: Journal) -> list[dict[str, Any]]:
    """Every assignment whole, as the JSON export carries it (the file as it came, too)."""
    rows = journal.query(
        f"SELECT {', '.join(EXPORTED)} FROM assignments ORDER BY received_at, rowid"
    )
    for row in rows:
        for key in ("exercises", "goals", "measures"):
            row[key] = json.loads(row[key])
    return rows


def import_assignment(journal: Journal, row: dict[str, Any]) -> bool:
    """Keep an exported assignment as it was; False when the journal has it already."""
    values = [
        json.dumps(row[key], ensure_ascii=False)
        if key in ("exercises", "goals", "measures")
        else row[key]
        for key in EXPORTED
    ]
    with journal.transaction():
        cursor = journal.conn.execute(
            f"INSERT OR IGNORE INTO assignments ({', '.join(EXPORTED)})"
            f" VALUES ({', '.join('?' * len(EXPORTED))})",
            values,
        )
    return cursor.rowcount == 1
