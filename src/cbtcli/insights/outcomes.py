"""Change between two scores, and the outcome across the PHQ-9 and GAD-7 together, counted as
NHS Talking Therapies counts them.

Sources: NHS Talking Therapies for anxiety and depression Manual (NHS England, 2024 edition),
"Outcome measures" and its appendix on recovery; NHS Digital, Psychological Therapies annual
report glossary (caseness, recovery, reliable improvement, reliable deterioration, reliable
recovery). A person is a "case" when either measure is at or above its threshold (PHQ-9 10,
GAD-7 8); recovery is moving from caseness to below both thresholds; reliable improvement is a
drop of at least the reliable change (PHQ-9 6, GAD-7 4) on at least one measure with no
reliable rise on the other; reliable deterioration the reverse; reliable recovery is both
recovery and reliable improvement. Pure functions: no journal, no clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..definitions.scoring import Scoring

# Two scores closer together than this never count as a change: the questionnaires ask about
# the last two weeks, so same-day or next-day repeats mostly measure the same fortnight.
MIN_GAP_DAYS = 7
# The PHQ-9 and GAD-7 count as one assessment when taken within this many days of each other.
PAIR_WITHIN_DAYS = 7


@dataclass(frozen=True, repr=False, eq=False)
class Reading:
    day: date
    total: int


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


def far_enough_apart(first: Reading, latest: Reading) -> bool:
    return (latest.day - first.day).days >= MIN_GAP_DAYS


def change(first: int, latest: int, scoring: Scoring) -> Change:
    """Reliable change, and crossing the threshold, between a first and a latest score."""
    rc, case = scoring.reliable_change, scoring.caseness
    improvement = rc is not None and first - latest >= rc
    deterioration = rc is not None and latest - first >= rc
    recovery = case is not None and first >= case and latest < case
    return Change(first, latest, improvement, deterioration, recovery, recovery and improvement)


@dataclass(repr=False, eq=False)
class JointOutcome:
    """The outcome across several measures taken together (the PHQ-9 and GAD-7)."""

    start_day: date
    end_day: date
    caseness_at_start: bool
    recovery: bool
    reliable_improvement: bool
    reliable_deterioration: bool
    reliable_recovery: bool

    def to_json(self) -> dict[str, Any]:
        found = dict(self.__dict__)
        found["start_day"], found["end_day"] = self.start_day.isoformat(), self.end_day.isoformat()
        return found


def taken_together(readings: list[Reading]) -> bool:
    days = [r.day for r in readings]
    return (max(days) - min(days)).days <= PAIR_WITHIN_DAYS


def joint_outcome(
    measured: list[tuple[Scoring, Reading, Reading]],
) -> JointOutcome | None:
    """Each measure's (scoring, start, end). None unless the starts were taken within a week
    of each other, the ends too, and every end is at least a week after every start."""
    if len(measured) < 2 or any(
        s.caseness is None or s.reliable_change is None for s, _, _ in measured
    ):
        return None
    starts = [start for _, start, _ in measured]
    ends = [end for _, _, end in measured]
    if not (taken_together(starts) and taken_together(ends)):
        return None
    start_day, end_day = max(r.day for r in starts), min(r.day for r in ends)
    if (end_day - start_day).days < MIN_GAP_DAYS:
        return None
    changes = [change(start.total, end.total, scoring) for scoring, start, end in measured]
    thresholds = [scoring.caseness or 0 for scoring, _, _ in measured]
    cases = [start.total >= t for (_, start, _), t in zip(measured, thresholds, strict=True)]
    below_all = all(end.total < t for (_, _, end), t in zip(measured, thresholds, strict=True))
    caseness = any(cases)
    dropped = any(c.reliable_improvement for c in changes)
    rose = any(c.reliable_deterioration for c in changes)
    recovery = caseness and below_all
    improvement = dropped and not rose
    return JointOutcome(
        start_day=min(r.day for r in starts),
        end_day=max(r.day for r in ends),
        caseness_at_start=caseness,
        recovery=recovery,
        reliable_improvement=improvement,
        reliable_deterioration=rose and not dropped,
        reliable_recovery=recovery and improvement,
    )


def joint_in_words(outcome: JointOutcome) -> str:
    """One plain sentence about the PHQ-9 and GAD-7 together; scores, never a diagnosis."""
    start = f"Taking the PHQ-9 and GAD-7 together, from {outcome.start_day:%d %b %Y} to {outcome.end_day:%d %b %Y}"
    if outcome.reliable_recovery:
        return (
            f"{start}: both are now below the usual thresholds, with a drop bigger than normal "
            "week-to-week ups and downs. NHS Talking Therapies calls this reliable recovery."
        )
    if outcome.recovery:
        return (
            f"{start}: both are now below the usual thresholds (NHS Talking Therapies calls this "
            "recovery), though the drop is within normal week-to-week ups and downs."
        )
    if outcome.reliable_improvement:
        return f"{start}: a drop bigger than normal week-to-week ups and downs."
    if outcome.reliable_deterioration:
        return (
            f"{start}: a rise bigger than normal week-to-week ups and downs. It may help to talk "
            "this over with your doctor or therapist."
        )
    if not outcome.caseness_at_start:
        return f"{start}: both started below the usual thresholds, and the change is within normal week-to-week ups and downs."
    return f"{start}: the change is within normal week-to-week ups and downs."
