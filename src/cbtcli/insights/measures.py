"""Standard measures (PHQ-9, GAD-7, or any questionnaire with scoring in its YAML): scores
over time, and change counted as NHS Talking Therapies counts it (rules in outcomes.py).

Change is always counted from a fixed baseline, the first score ever or the first on or after
the `therapy-start` setting, whatever period is being shown, and only between scores at least
a week apart."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from ..definitions.scoring import Scoring, scoring_from_json
from ..journal import Journal
from ..journal.measures import last_scored, latest_total, measure_rows, questionnaire_totals
from ..terminal.invocation import command
from .outcomes import Change, JointOutcome, Reading, change, far_enough_apart, joint_outcome

if TYPE_CHECKING:
    from ..definitions.model import Exercise

REPEAT_AFTER_DAYS = 14


@dataclass(repr=False, eq=False)
class Score:
    entry_id: str
    day: date
    total: int
    band: str


@dataclass(repr=False, eq=False)
class MeasureSummary:
    id: str
    title: str
    scores: list[Score]
    change: Change | None
    sentence: str
    high: int
    baseline: Score | None = None

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
            "baseline": (
                {"date": self.baseline.day.isoformat(), "total": self.baseline.total}
                if self.baseline
                else None
            ),
            "change": self.change.to_json() if self.change else None,
            "summary": self.sentence,
        }


def therapy_start() -> str | None:
    from ..config import load_config

    value = load_config().get("therapy-start")
    return str(value) if value else None


def baseline(
    journal: Journal, exercise_id: str, step_id: str, scoring: Scoring, until: str | None
) -> Score | None:
    """The score change is counted from: the first ever, or the first since therapy started."""
    found = score_rows(journal, exercise_id, step_id, scoring, therapy_start(), until, limit=1)
    return found[0] if found else None


def change_between(first: Score, latest: Score, scoring: Scoring) -> Change | None:
    if first is latest or not far_enough_apart(reading(first), reading(latest)):
        return None
    return change(first.total, latest.total, scoring)


def reading(score: Score) -> Reading:
    return Reading(score.day, score.total)


def band_words(score: Score) -> str:
    return f"{score.total}, in the '{score.band}' range on this questionnaire"


def summaries(journal: Journal, since: str, until: str) -> list[MeasureSummary]:
    """Each measure done in the period: its scores, the change from the baseline to the
    latest, in words."""
    found = []
    for row in measure_rows(journal):
        scoring = scoring_from_json(json.loads(row["scoring"]))
        totals = score_rows(journal, row["exercise_id"], row["step_id"], scoring, since, until)
        if not totals:
            continue
        first = baseline(journal, row["exercise_id"], row["step_id"], scoring, until)
        sentence = change_words(row["title"], first or totals[0], totals[-1], scoring)
        moved = change_between(first, totals[-1], scoring) if first else None
        found.append(
            MeasureSummary(
                row["exercise_id"], row["title"], totals, moved, sentence, scoring.high, first
            )
        )
    return found


def joint_summary(journal: Journal, until: str | None = None) -> tuple[JointOutcome, str] | None:
    """The PHQ-9 and GAD-7 taken together, from their baselines to their latest scores."""
    from .outcomes import joint_in_words

    measured = []
    for exercise_id in ("phq9", "gad7"):
        rows = measure_rows(journal, exercise_id)
        if not rows:
            return None
        scoring = scoring_from_json(json.loads(rows[0]["scoring"]))
        first = baseline(journal, exercise_id, rows[0]["step_id"], scoring, until)
        latest = latest_total(journal, exercise_id, rows[0]["step_id"], until)
        if first is None or latest is None:
            return None
        measured.append(
            (
                scoring,
                reading(first),
                Reading(date.fromisoformat(latest["local_day"]), latest["total"]),
            )
        )
    outcome = joint_outcome(measured)
    return (outcome, joint_in_words(outcome)) if outcome else None


def score_rows(
    journal: Journal,
    exercise_id: str,
    step_id: str,
    scoring: Scoring,
    since: str | None,
    until: str | None,
    limit: int | None = None,
) -> list[Score]:
    """Each complete questionnaire's total, oldest first (a SUM over the ratings table)."""
    rows = questionnaire_totals(journal, exercise_id, step_id, since, until, limit)
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


def in_words(title: str, moved: Change, scoring: Scoring) -> str:
    """One plain sentence about one questionnaire; it describes scores, and never diagnoses.
    With one measure alone it never says "recovery": that needs both (see outcomes.py)."""
    start = f"Your {title} went from {moved.first} to {moved.latest}"
    if moved.first == moved.latest:
        start = f"Your {title} stayed at {moved.latest}"
    bigger = "bigger than normal week-to-week ups and downs"
    if moved.reliable_recovery:
        return f"{start}: a drop {bigger}, and now below the usual threshold on this questionnaire."
    if moved.reliable_improvement:
        still = (
            " It is still at or above the usual threshold on this questionnaire."
            if scoring.caseness is not None and moved.latest >= scoring.caseness
            else ""
        )
        return f"{start}: a drop {bigger}.{still}"
    if moved.recovery:
        return (
            f"{start}: now below the usual threshold on this questionnaire, though the drop is "
            "within normal week-to-week ups and downs."
        )
    if moved.reliable_deterioration:
        return (
            f"{start}: a rise {bigger}. It may help to talk this over with your doctor or "
            f"therapist; `{command('help-now')}` is there if things feel unmanageable."
        )
    return f"{start}: within normal week-to-week ups and downs."


def change_words(title: str, first: Score, latest: Score, scoring: Scoring) -> str:
    """The first score, or the change from the baseline to the latest, in plain words."""
    if first is latest or first.entry_id == latest.entry_id:
        return (
            f"Your first {title} score is {band_words(first)}. "
            "Repeating it in two weeks will show how things change."
        )
    moved = change_between(first, latest, scoring)
    if moved is None:
        return (
            f"Your latest {title} score is {band_words(latest)}. Change is counted between "
            "scores at least a week apart, so this one is not compared with your first."
        )
    return in_words(title, moved, scoring)


def change_sentence(title: str, exercise: Exercise, found: list[Score], journal: Journal) -> str:
    """The change from the baseline to the latest of `found`, in plain words."""
    step = exercise.questionnaire
    if not found or step is None or step.scoring is None:
        return ""
    first = baseline(journal, exercise.id, step.id, step.scoring, found[-1].day.isoformat())
    return change_words(title, first or found[0], found[-1], step.scoring)


def score_words(journal: Journal, exercise: Exercise) -> str:
    """What to say as a questionnaire is finished: its score, or the change since the first."""
    step = exercise.questionnaire
    if step is None or step.scoring is None:
        return ""
    from ..definitions.model import measure_title  # the definitions take a while to import

    found = scores(journal, exercise)
    sentence = change_sentence(measure_title(exercise), exercise, found, journal)
    joint = joint_summary(journal) if exercise.id in ("phq9", "gad7") else None
    if joint:
        sentence = f"{sentence} {joint[1]}"
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
        f"feel too much right now, `{command('help-now')}` shows where help is."
    )


def measures(exercises: list[Exercise]) -> list[Exercise]:
    """The exercises with a scored questionnaire (one without scoring has no history)."""
    return sorted(
        (e for e in exercises if e.questionnaire is not None and e.questionnaire.scoring),
        key=lambda e: e.id,
    )


class Due(NamedTuple):
    id: str
    title: str
    waited: int | None  # days since it was last done; None when never (an assignment asks)


def due(journal: Journal, today: date) -> list[Due]:
    """Measures done before whose last score is two weeks old or more (a gentle nudge to
    repeat them, as therapists usually do), or as often as a therapist's assignment asks,
    which also asks for one never done yet."""
    from .assignments import measure_schedule

    asked = measure_schedule(journal, today)
    found = []
    for row in last_scored(journal):
        measure = asked.pop(row["exercise_id"], None)
        every = measure.every_days if measure else REPEAT_AFTER_DAYS
        if row["last"]:
            waited = (today - date.fromisoformat(row["last"])).days
            if waited >= every:
                found.append(Due(row["exercise_id"], row["title"], waited))
        elif measure is not None:
            found.append(Due(measure.id, measure.title, None))
    found += [Due(m.id, m.title, None) for m in asked.values()]
    return sorted(found)
