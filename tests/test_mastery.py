"""When a ladder step looks mastered (inhibitory learning, Craske et al. 2014): at least two
practices without safety habits in which the feared outcome did not happen and its expected
likelihood fell to at most half where it started. Distress falling is not the test."""

from __future__ import annotations

import pytest

from cbtcli.guide.ladders import suggests_mastered
from cbtcli.journal.ladders import LadderStep, Practice, practice_from_answers


def practice(after: int | None = 30, happened: str | None = "no", used: int = 0, before=70):
    return Practice(
        peak=80,  # high distress throughout: it must not matter
        likelihood_before=before,
        likelihood_after=after,
        feared_outcome=happened,
        safety_habits_used=used,
    )


def step(*practices: Practice) -> LadderStep:
    return LadderStep("s1", "Ride one stop", 45, practices=list(practices))


@pytest.mark.parametrize(
    ("practices", "mastered"),
    [
        ([], False),
        ([practice()], False),  # one practice is not enough
        ([practice(), practice()], True),
        ([practice(after=35), practice(after=35)], True),  # exactly half of 70
        ([practice(after=36), practice(after=35)], False),  # one just above half
        ([practice(after=0), practice(after=0)], True),
        ([practice(happened="partly"), practice()], False),
        ([practice(happened="yes"), practice()], False),
        ([practice(used=1), practice()], False),  # a safety habit used in one
        ([practice(used=1), practice(), practice()], True),  # two clean ones are enough
        ([practice(after=None), practice()], False),  # not re-rated (an older practice)
        ([practice(happened=None), practice()], False),
        # the start is the first practice's rating: later, lower "before" ratings don't move it
        ([practice(before=70, after=60), practice(before=40, after=30), practice(before=30, after=20)], True),
        ([practice(before=40, after=30), practice(before=70, after=21), practice(before=70, after=21)], False),
        # an older practice with no ratings at all: the start comes from the first that has one
        ([practice(before=None, after=None, happened=None), practice(), practice()], True),
    ],
)  # fmt: skip
def test_mastery_rule_boundaries(practices, mastered) -> None:
    assert suggests_mastered(step(*practices)) is mastered


def test_peak_distress_alone_never_makes_a_step_mastered() -> None:
    calm = Practice(peak=5, likelihood_before=70)  # the old rule's "peak fell" case
    assert not suggests_mastered(step(calm, calm, calm))


def test_a_practice_is_read_from_its_answers_old_and_new() -> None:
    old = practice_from_answers({"expectation_likelihood": 70, "suds_peak": 20}, 20)
    assert (old.likelihood_before, old.likelihood_after, old.feared_outcome) == (70, None, None)
    new = practice_from_answers(
        {
            "expectation_likelihood": 70,
            "likelihood_after": 30,
            "feared_outcome_happened": "no",
            "safety_behaviours_used": ["held the rail"],
        },
        40,
    )
    assert (new.likelihood_after, new.feared_outcome, new.safety_habits_used) == (30, "no", 1)
