"""The queries behind summaries and the home screen: aggregates over moods, ratings, choices,
entries, goals and ladders, each one SQL statement over its covering index."""

from __future__ import annotations

from typing import Any

from .connection import sqlite_errors
from .records import FINISHED_SQL
from .store import Journal

JULIAN = "CAST(julianday(local_day) + 0.5 AS INTEGER)"  # the day's Julian day number


def one(journal: Journal, sql: str, params: list[Any]) -> dict[str, Any]:
    return journal.query(sql, params)[0]


def mood_stats(journal: Journal, since: str, until: str) -> dict[str, Any]:
    """Count, average, lowest, highest, first and last day of scored check-ins."""
    return one(
        journal,
        "SELECT count(*) AS n, avg(score) AS average, min(score) AS lowest, max(score) AS highest,"
        " min(local_day) AS first_day, max(local_day) AS last_day"
        " FROM moods WHERE score IS NOT NULL AND local_day BETWEEN ? AND ?",
        [since, until],
    )


def mood_average(journal: Journal, since: str, until: str) -> float | None:
    return one(
        journal, "SELECT avg(score) AS a FROM moods WHERE local_day BETWEEN ? AND ?", [since, until]
    )["a"]


def mood_points(journal: Journal, since: str, until: str, weekly: bool) -> list[dict[str, Any]]:
    """The average score of each day, or of each week as the Julian day number of its Monday."""
    # Weeks start on Monday, the days whose Julian day number is a multiple of 7: plain
    # arithmetic on the number is much cheaper than SQLite's date modifiers.
    bucket = f"{JULIAN} - {JULIAN} % 7" if weekly else "local_day"
    return journal.query(
        f"SELECT {bucket} AS date, round(avg(score), 1) AS average, count(*) AS check_ins"
        " FROM moods WHERE score IS NOT NULL AND local_day BETWEEN ? AND ? GROUP BY 1 ORDER BY 1",
        [since, until],
    )


def mood_count(journal: Journal, since: str, until: str) -> int:
    return one(
        journal, "SELECT count(*) AS n FROM moods WHERE local_day BETWEEN ? AND ?", [since, until]
    )["n"]


def count_moods(journal: Journal) -> int:
    """Every mood check-in, whenever it was."""
    return one(journal, "SELECT count(*) AS n FROM moods", [])["n"]


def step_averages(
    journal: Journal,
    exercise: str,
    steps: tuple[str, ...],
    since: str,
    until: str,
    main_only: bool = False,
) -> dict[str, float | None]:
    """The average rating of each step over complete entries: one covering-index range each."""
    marks = ",".join("?" * len(steps))
    rows = journal.query(
        f"SELECT step_id, avg(value) AS average FROM ratings WHERE exercise_id = ?"
        f" AND step_id IN ({marks}) AND status = 'complete' AND local_day BETWEEN ? AND ?"
        + (" AND main = 1" if main_only else " AND main IN (0, 1)")  # both use the whole index
        + " GROUP BY step_id",
        [exercise, *steps, since, until],
    )
    found = {row["step_id"]: row["average"] for row in rows}
    return {step: found.get(step) for step in steps}


def complete_count(journal: Journal, exercise: str, since: str, until: str) -> int:
    return one(
        journal,
        "SELECT count(*) AS n FROM entries WHERE exercise_id = ? AND status = 'complete'"
        " AND local_day BETWEEN ? AND ?",
        [exercise, since, until],
    )["n"]


# Indexes in day order, for counting what was picked or rated over a short span.
DAY_ORDERED = {"choices": "choices_by_day", "ratings": "ratings_items_by_day"}
DAY_ORDERED_SPAN = 366  # days; past this, the item-ordered index counts without a sort


def counting_index(journal: Journal, table: str, since: str, until: str) -> str:
    """`INDEXED BY` the day-ordered index when the span is short enough for reading it in day
    order and sorting the few groups to beat reading every year in item order; SQLite's
    planner cannot tell without statistics the journal does not keep."""
    from datetime import date

    name = DAY_ORDERED[table]
    try:
        span = (date.fromisoformat(until) - date.fromisoformat(since)).days
    except ValueError:
        return ""
    if span > DAY_ORDERED_SPAN or not journal.has_index(name):
        return ""
    return f"INDEXED BY {name}"


def top_choices(
    journal: Journal, exercise: str, step: str, since: str, until: str, limit: int = 5
) -> list[dict[str, Any]]:
    """The choices picked most often at a step of complete entries: id, label, count."""
    index = counting_index(journal, "choices", since, until)
    return journal.query(
        f"""SELECT choice AS id, max(label) AS label, count(*) AS count FROM choices {index}
           WHERE exercise_id = ? AND step_id = ? AND status = 'complete'
           AND local_day BETWEEN ? AND ? GROUP BY choice ORDER BY count DESC, choice LIMIT ?""",
        [exercise, step, since, until, limit],
    )


def top_rated_items(
    journal: Journal, exercise: str, step: str, since: str, until: str, limit: int = 5
) -> list[dict[str, Any]]:
    """The items (feelings) rated most often at a step of complete entries: name, count."""
    index = counting_index(journal, "ratings", since, until)
    return journal.query(
        f"""SELECT item AS name, count(*) AS count FROM ratings {index}
           WHERE exercise_id = ? AND step_id = ? AND status = 'complete'
           AND local_day BETWEEN ? AND ? GROUP BY item ORDER BY count DESC, item LIMIT ?""",
        [exercise, step, since, until, limit],
    )


def practice_days(
    journal: Journal, since: str | None = None, until: str | None = None
) -> dict[str, int]:
    """Local days with any finished exercise or mood check-in, and how many each had."""
    where, params = "", []
    if since and until:
        where, params = " AND local_day BETWEEN ? AND ?", [since, until]
    sql = f"SELECT local_day, done FROM activity WHERE done > 0{where} ORDER BY local_day"
    with sqlite_errors(journal.path):
        return dict(journal.conn.execute(sql, params).fetchall())


def goal_counts(journal: Journal, monday: str, today: str) -> list[dict[str, Any]]:
    """Each weekly goal: exercise, per_week, its latest title, and how many were done since
    Monday (check-ins for the `mood` goal; finished entries for an exercise)."""
    return journal.query(
        f"""SELECT g.exercise_id AS exercise, g.per_week,
              (SELECT e.exercise_title FROM entries e WHERE e.exercise_id = g.exercise_id
               ORDER BY e.local_day DESC LIMIT 1) AS title,
              CASE WHEN g.exercise_id = 'mood'
                THEN (SELECT count(*) FROM moods m WHERE m.local_day BETWEEN ? AND ?)
                ELSE (SELECT count(*) FROM entries e WHERE e.exercise_id = g.exercise_id
                      AND e.status IN {FINISHED_SQL} AND e.local_day BETWEEN ? AND ?)
              END AS done
            FROM goals g ORDER BY g.exercise_id""",
        [monday, today] * 2,
    )


def latest_title(journal: Journal, exercise_id: str) -> str | None:
    """The title the exercise's latest entry was written under."""
    rows = journal.query(
        "SELECT exercise_title FROM entries WHERE exercise_id = ? ORDER BY local_day DESC LIMIT 1",
        [exercise_id],
    )
    return rows[0]["exercise_title"] if rows else None


def complete_per_exercise(
    journal: Journal, since: str, until: str, exercise: str | None = None
) -> list[dict[str, Any]]:
    """exercise_id and n of complete entries in the period, most first."""
    only = " AND exercise_id = ?" if exercise else ""
    return journal.query(
        f"SELECT exercise_id, count(*) AS n FROM entries WHERE status = 'complete'"
        f" AND local_day BETWEEN ? AND ?{only} GROUP BY exercise_id ORDER BY n DESC, exercise_id",
        [since, until] + ([exercise] if exercise else []),
    )


def awaiting_and_reviewed(
    journal: Journal, exercise: str, since: str, until: str
) -> dict[str, int]:
    """Entries of `exercise` awaiting their next phase (any time), and complete in the period."""
    return {
        row["status"]: row["n"]
        for row in journal.query(
            """SELECT 'awaiting' AS status, count(*) AS n FROM entries
               WHERE status = 'awaiting' AND exercise_id = ?
               UNION ALL SELECT 'complete', count(*) FROM entries
               WHERE status = 'complete' AND exercise_id = ? AND local_day BETWEEN ? AND ?""",
            [exercise, exercise, since, until],
        )
    }


def ladder_progress(journal: Journal) -> list[dict[str, Any]]:
    """Each ladder in use: name, steps, mastered steps, and the latest practice's peak."""
    return journal.query(
        """SELECT l.name,
             (SELECT count(*) FROM ladder_steps s WHERE s.ladder_id = l.id AND s.removed = 0) AS steps,
             (SELECT count(*) FROM ladder_steps s WHERE s.ladder_id = l.id AND s.removed = 0
                AND s.mastered_at IS NOT NULL) AS mastered,
             (SELECT p.peak FROM ladder_practices p WHERE p.ladder_id = l.id AND p.peak IS NOT NULL
                ORDER BY p.practised_at DESC, p.rowid DESC LIMIT 1) AS latest_peak
           FROM ladders l WHERE l.archived = 0 ORDER BY l.created_at"""
    )


def status_counts(journal: Journal, statuses: tuple[str, ...]) -> dict[str, int]:
    """How many entries have each of `statuses`."""
    marks = ", ".join("?" * len(statuses))
    return {
        row["status"]: row["n"]
        for row in journal.query(
            f"SELECT status, count(*) AS n FROM entries WHERE status IN ({marks}) GROUP BY status",
            list(statuses),
        )
    }
