"""Mood check-ins in the journal: a table of their own, added, changed and read back."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..clock import now_local
from .connection import JournalFile
from .filters import day_clauses
from .records import Mood, dumps, local_day, mood_from_row, offset_minutes, to_utc_text


class MoodRecords(JournalFile):
    """Mood check-ins, kept in a table of their own."""

    # -- moods ---------------------------------------------------------------
    def add_mood(
        self,
        score: int,
        note: str = "",
        emotions: dict[str, int] | None = None,
        when: datetime | None = None,
        alerts: list[dict[str, Any]] | None = None,
    ) -> Mood:
        import uuid

        mood = Mood(
            str(uuid.uuid4()),
            score,
            when or now_local(),
            note,
            dict(emotions or {}),
            alerts=list(alerts or []),
        )
        self.insert_mood(mood)
        return mood

    def moods(self, since: str | None = None, until: str | None = None) -> list[Mood]:
        clauses, params = day_clauses(since, until)
        sql = "SELECT * FROM moods" + (" WHERE " + " AND ".join(clauses) if clauses else "")
        return [mood_from_row(row) for row in self.query(sql + " ORDER BY recorded_at", params)]

    def insert_mood(self, mood: Mood) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO moods (id, score, note, emotions, recorded_at, utc_offset,"
                " local_day, activities, alerts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    mood.id,
                    mood.score,
                    mood.note,
                    dumps(mood.emotions),
                    to_utc_text(mood.recorded),
                    offset_minutes(mood.recorded),
                    local_day(mood.recorded),
                    dumps(mood.activities),
                    dumps(mood.alerts),
                ],
            )

    def update_mood(self, mood: Mood) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE moods SET score = ?, note = ?, emotions = ?, activities = ?, alerts = ?"
                " WHERE id = ?",
                [
                    mood.score,
                    mood.note,
                    dumps(mood.emotions),
                    dumps(mood.activities),
                    dumps(mood.alerts),
                    mood.id,
                ],
            )

    def last_mood(self) -> Mood | None:
        rows = self.query(
            "SELECT * FROM moods WHERE score IS NOT NULL ORDER BY recorded_at DESC LIMIT 1"
        )
        return mood_from_row(rows[0]) if rows else None
