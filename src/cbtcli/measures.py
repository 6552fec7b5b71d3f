"""Standard measures (PHQ-9, GAD-7, or any questionnaire with scoring in its YAML): scores
over time, and change counted as NHS Talking Therapies counts it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from .journal import Journal
from .scoring import Band, Scoring

if TYPE_CHECKING:
    from .model import Exercise

REPEAT_AFTER_DAYS = 14


@dataclass(repr=False, eq=False)
class Score:
    entry_id: str
    day: date
    total: int
    band: str


@dataclass(repr=False, eq=False)
class Change:
    first: int
    latest: int
    reliable_improvement: bool
    reliable_deterioration: bool
    recovery: bool  # from at or above the usual threshold to below it
    reliable_recovery: bool

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def scoring_json(scoring: Scoring) -> dict[str, Any]:
    return {
        "low": scoring.low,
        "high": scoring.high,
        "bands": [{"max": b.max, "label": b.label} for b in scoring.bands],
        "caseness": scoring.caseness,
        "reliable_change": scoring.reliable_change,
    }


def scoring_from_json(data: dict[str, Any]) -> Scoring:
    bands = tuple(Band(b["max"], b["label"]) for b in data["bands"])
    return Scoring(
        data["low"], data["high"], bands, data.get("caseness"), data.get("reliable_change")
    )


@dataclass(repr=False, eq=False)
class MeasureSummary:
    id: str
    title: str
    scores: list[Score]
    change: Change | None
    sentence: str
    high: int

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "scores": [
                {"date": s.day.isoformat(), "total": s.total, "band": s.band} for s in self.scores
            ],
            "first": self.scores[0].total,
            "latest": self.scores[-1].total,
            "latest_band": self.scores[-1].band,
            "change": self.change.to_json() if self.change else None,
            "summary": self.sentence,
        }


def summaries(journal: Journal, since: str, until: str) -> list[MeasureSummary]:
    """Each measure done in the period: its scores, the change from first to latest, in words."""
    found = []
    for row in journal.query("SELECT * FROM measures ORDER BY exercise_id"):
        scoring = scoring_from_json(json.loads(row["scoring"]))
        totals = score_rows(journal, row["exercise_id"], row["step_id"], scoring, since, until)
        if not totals:
            continue
        moved = change(totals[0].total, totals[-1].total, scoring) if len(totals) > 1 else None
        if moved:
            sentence = in_words(row["title"], moved, scoring)
        else:
            sentence = (
                f"One {row['title']} score in this period: {totals[0].total} ({totals[0].band})."
            )
        found.append(
            MeasureSummary(row["exercise_id"], row["title"], totals, moved, sentence, scoring.high)
        )
    return found


def measure_title(exercise: Exercise) -> str:
    """'PHQ-9' from 'PHQ-9 (mood questionnaire)'."""
    return exercise.title.split(" (")[0]


def score_rows(
    journal: Journal,
    exercise_id: str,
    step_id: str,
    scoring: Scoring,
    since: str | None,
    until: str | None,
) -> list[Score]:
    """Each complete questionnaire's total, oldest first (a SUM over the ratings table)."""
    days = ""
    params: list[Any] = [step_id, exercise_id]
    if since:
        days += " AND e.local_day >= ?"
        params.append(since)
    if until:
        days += " AND e.local_day <= ?"
        params.append(until)
    # Each total is a primary-key range of the ratings table; no grouping of a join to sort.
    rows = journal.query(
        f"""SELECT e.id, e.local_day,
                   (SELECT sum(r.value) FROM ratings r WHERE r.entry_id = e.id AND r.step_id = ?)
                   AS total
            FROM entries e WHERE e.exercise_id = ? AND e.status = 'complete'{days}
            ORDER BY e.completed_at, e.rowid""",
        params,
    )
    return [
        Score(r["id"], date.fromisoformat(r["local_day"]), r["total"], scoring.band(r["total"]))
        for r in rows
        if r["total"] is not None  # an entry of that exercise without this step's answers
    ]


def scores(
    journal: Journal, exercise: Exercise, since: str | None = None, until: str | None = None
) -> list[Score]:
    step = exercise.questionnaire
    assert step is not None and step.scoring is not None
    return score_rows(journal, exercise.id, step.id, step.scoring, since, until)


def change(first: int, latest: int, scoring: Scoring) -> Change:
    """Reliable change, recovery and reliable recovery between a first and a latest score."""
    rc, case = scoring.reliable_change, scoring.caseness
    improvement = rc is not None and first - latest >= rc
    deterioration = rc is not None and latest - first >= rc
    recovery = case is not None and first >= case and latest < case
    return Change(first, latest, improvement, deterioration, recovery, recovery and improvement)


def in_words(title: str, moved: Change, scoring: Scoring) -> str:
    """One plain sentence; it describes scores, and never diagnoses."""
    start = f"Your {title} went from {moved.first} to {moved.latest}"
    if moved.first == moved.latest:
        start = f"Your {title} stayed at {moved.latest}"
    if moved.reliable_recovery:
        return f"{start}: a reliable improvement, and now below the usual threshold (reliable recovery)."
    if moved.reliable_improvement:
        still = (
            " It is still at or above the usual threshold."
            if scoring.caseness is not None and moved.latest >= scoring.caseness
            else ""
        )
        return f"{start}: a reliable improvement.{still}"
    if moved.recovery:
        return f"{start}: now below the usual threshold, though the change is smaller than a reliable one."
    if moved.reliable_deterioration:
        return (
            f"{start}: a reliable rise. It may help to talk this over with your doctor or "
            "therapist; `cbt help-now` is there if things feel unmanageable."
        )
    return f"{start}: within the range that can vary from week to week (not a reliable change)."


def change_sentence(title: str, exercise: Exercise, found: list[Score]) -> str:
    """The first score, or the change from the first to the latest, in plain words."""
    step = exercise.questionnaire
    if not found or step is None or step.scoring is None:
        return ""
    if len(found) == 1:
        score = found[0]
        return (
            f"Your first {title} score is {score.total} ({score.band}). "
            "Repeating it in two weeks will show how things change."
        )
    return in_words(title, change(found[0].total, found[-1].total, step.scoring), step.scoring)


def score_words(journal: Journal, exercise: Exercise) -> str:
    """What to say as a questionnaire is finished: its score, or the change since the first."""
    step = exercise.questionnaire
    if step is None or step.scoring is None:
        return ""
    found = scores(journal, exercise)
    sentence = change_sentence(measure_title(exercise), exercise, found)
    nudge = signpost([score.total for score in found], step.scoring.caseness)
    return f"{sentence} {nudge}" if nudge else sentence


SIGNPOST_AT = 15  # PHQ-9 and GAD-7: 15 and above is in the (moderately) severe range


def signpost(totals: list[int], caseness: int | None) -> str:
    """One plain sentence after a high score, or one that has just crossed the usual
    threshold: talk to someone soon, and where help is now. Never a diagnosis."""
    if not totals:
        return ""
    latest = totals[-1]
    crossed = caseness is not None and len(totals) > 1 and totals[-2] < caseness <= latest
    if latest < SIGNPOST_AT and not crossed:
        return ""
    return (
        "A score like this is worth talking over with a GP or your therapist soon. If things "
        "feel too much right now, `cbt help-now` shows where help is."
    )


def measures(exercises: list[Exercise]) -> list[Exercise]:
    """The exercises with a scored questionnaire (one without scoring has no history)."""
    return sorted(
        (e for e in exercises if e.questionnaire is not None and e.questionnaire.scoring),
        key=lambda e: e.id,
    )


def due(journal: Journal, today: date) -> list[tuple[str, str, int]]:
    """(id, title, days since) for measures done before whose last score is two weeks old or
    more: a gentle nudge to repeat them, as therapists usually do."""
    found = []
    for row in journal.query(
        """SELECT m.exercise_id, m.title, (SELECT max(local_day) FROM entries e
             WHERE e.exercise_id = m.exercise_id AND e.status = 'complete') AS last
           FROM measures m ORDER BY m.exercise_id"""
    ):
        if row["last"]:
            waited = (today - date.fromisoformat(row["last"])).days
            if waited >= REPEAT_AFTER_DAYS:
                found.append((row["exercise_id"], row["title"], waited))
    return found
