"""The queries behind `cbt patterns`: aggregates over ratings, choices, moods and activity.

Each function returns plain rows; what counts as a pattern, and how sure it is, is decided in
`cbtcli.insights.patterns`. Every query is bounded by a period of local days and, for sharing, can leave
out entries marked private."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .connection import sqlite_errors
from .store import Journal

THOUGHT_RECORD = "thought-record"


@dataclass(frozen=True)
class Window:
    """The local days a pattern looks at, and whether private entries may be read."""

    since: str
    until: str
    include_private: bool = True

    def entry_filter(self, alias: str) -> str:
        """SQL that keeps `alias`'s entries inside the window (and shareable, if asked)."""
        private = "" if self.include_private else f" AND {alias}.private = 0"
        return f"{alias}.local_day BETWEEN ? AND ?{private}"

    def shared_steps(self, alias: str, steps: tuple[str, ...]) -> tuple[str, list[str]]:
        """SQL (and its arguments) that, for sharing, leaves out `alias`'s entries in which
        any of `steps` was private when written: what a private step holds, even a number
        in an average, does not leave."""
        if self.include_private:
            return "", []
        marks = ", ".join("?" * len(steps))
        sql = f" AND NOT EXISTS (SELECT 1 FROM json_each({alias}.private_steps) WHERE value IN ({marks}))"
        return sql, list(steps)

    def args(self) -> list[str]:
        return [self.since, self.until]


# The answers of a thought record that its patterns read, in step order: picked out by SQLite
# in one pass over each record, so the long texts (evidence, thoughts) are never parsed here.
RECORD_STEPS = (
    "situation",
    "hot_thought",
    "belief_before",
    "belief_after",
    "emotions",
    "emotions_after",
    "distortions",
)


def record_answers(
    journal: Journal, window: Window
) -> Iterator[tuple[str, dict[str, Any], list[str]]]:
    """(entry id, the answers of RECORD_STEPS it has, the steps private when it was written)
    for every complete thought record in the window, one at a time, so memory stays flat."""
    import json

    from .records import stored_list

    paths = ", ".join(f"'$.{step}'" for step in RECORD_STEPS)
    sql = (
        f"SELECT e.id, json_extract(e.answers, {paths}), e.private_steps FROM entries e"
        f" WHERE e.exercise_id = ? AND e.status = 'complete' AND {window.entry_filter('e')}"
    )
    with sqlite_errors(journal.path):
        for entry_id, picked, private in journal.conn.execute(
            sql, [THOUGHT_RECORD, *window.args()]
        ):
            values = json.loads(picked)
            yield (
                entry_id,
                {
                    step: value
                    for step, value in zip(RECORD_STEPS, values, strict=True)
                    if value is not None
                },
                stored_list(private),
            )


def trap_labels(journal: Journal, window: Window) -> dict[str, str]:
    """Each thinking trap's label as it was when picked (the summary never reads the YAML)."""
    rows = journal.query(
        "SELECT choice, max(label) AS label FROM choices WHERE exercise_id = ?"
        " AND step_id = 'distortions' AND status = 'complete' AND local_day BETWEEN ? AND ?"
        " GROUP BY choice",
        [THOUGHT_RECORD, *window.args()],
    )
    return {row["choice"]: row["label"] for row in rows}


def predictions(
    journal: Journal, window: Window, exercise: str, rating_step: str, outcome_step: str
) -> list[dict[str, Any]]:
    """Per outcome picked ('yes', 'partly', 'no'): how many, and the average rating of how
    likely (or believed) the feared outcome was beforehand."""
    shared, steps = window.shared_steps("e", (rating_step, outcome_step))
    return journal.query(
        f"""SELECT c.choice AS outcome, count(*) AS times, avg(r.value) AS rated,
              count(r.value) AS rated_times
            FROM choices c JOIN entries e ON e.id = c.entry_id
            LEFT JOIN ratings r ON r.entry_id = c.entry_id AND r.step_id = ? AND r.item = ''
            WHERE c.exercise_id = ? AND c.step_id = ? AND c.status = 'complete'
              AND {window.entry_filter("e")}{shared}
            GROUP BY c.choice""",
        [rating_step, exercise, outcome_step, *window.args(), *steps],
    )


def activity_moods(
    journal: Journal, window: Window, exercise: str, label_step: str, mood_step: str
) -> list[dict[str, Any]]:
    """(label, mood) for each complete entry of an exercise that rates mood after something:
    the label is the text of `label_step` read from the answers, or for a choice (a life area)
    the choice's label as it was when picked."""
    shared, steps = window.shared_steps("e", (label_step, mood_step))
    return journal.query(
        f"""SELECT coalesce(nullif(c.label, ''), json_extract(e.answers, '$.{label_step}'))
              AS label, r.value AS mood
            FROM entries e JOIN ratings r ON r.entry_id = e.id AND r.step_id = ? AND r.item = ''
            LEFT JOIN choices c ON c.entry_id = e.id AND c.step_id = ?
            WHERE e.exercise_id = ? AND e.status = 'complete' AND {window.entry_filter("e")}
              {shared}""",
        [mood_step, label_step, exercise, *window.args(), *steps],
    )


def checkin_moods(journal: Journal, window: Window) -> list[tuple[int, str]]:
    """(score, activities as JSON) of every scored check-in (activities come from apps such as
    Daylio)."""
    sql = (
        "SELECT score, activities FROM moods WHERE score IS NOT NULL AND local_day BETWEEN ? AND ?"
    )
    with sqlite_errors(journal.path):
        return journal.conn.execute(sql, window.args()).fetchall()


def mood_rhythm(journal: Journal, window: Window) -> list[dict[str, Any]]:
    """Check-in counts and mood sums by local weekday (0 = Sunday) and part of the day."""
    local = "datetime(recorded_at, utc_offset || ' minutes')"
    return journal.query(
        f"""SELECT CAST(strftime('%w', local_day) AS INTEGER) AS weekday,
              CASE WHEN CAST(strftime('%H', {local}) AS INTEGER) BETWEEN 5 AND 11 THEN 'morning'
                   WHEN CAST(strftime('%H', {local}) AS INTEGER) BETWEEN 12 AND 16 THEN 'afternoon'
                   WHEN CAST(strftime('%H', {local}) AS INTEGER) BETWEEN 17 AND 21 THEN 'evening'
                   ELSE 'night' END AS part,
              count(*) AS check_ins, sum(score) AS total, sum(score * score) AS total_sq
            FROM moods WHERE score IS NOT NULL AND local_day BETWEEN ? AND ? GROUP BY 1, 2""",
        window.args(),
    )


def practice_weekdays(journal: Journal, window: Window) -> list[dict[str, Any]]:
    """Days with any practice, by local weekday (0 = Sunday)."""
    return journal.query(
        """SELECT CAST(strftime('%w', local_day) AS INTEGER) AS weekday, count(*) AS days
           FROM activity WHERE done > 0 AND local_day BETWEEN ? AND ? GROUP BY 1""",
        window.args(),
    )
