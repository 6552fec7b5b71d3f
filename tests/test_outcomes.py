"""Change on one questionnaire and the outcome across the PHQ-9 and GAD-7, at every boundary:
a fixed baseline, pairs at least 7 days apart, and the joint categories NHS Talking Therapies
uses."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from cbtcli.definitions.catalog import load_catalog
from cbtcli.insights.outcomes import Reading, joint_outcome
from cbtcli.journal import open_journal

from .helpers import add_entry, flat

pytestmark = pytest.mark.usefixtures("clock")

START = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 20, 0).astimezone()


def scoring(measure: str):
    return load_catalog().get(measure).questionnaire.scoring


def item_scores(measure: str, total: int) -> dict[str, int]:
    """Items adding up to `total`, highest first; item 9 of the PHQ-9 stays 0."""
    step = load_catalog().get(measure).questionnaire
    items = [i.id for i in step.items if i.id != "self_harm"]
    left, found = total, {}
    for item in items:
        found[item] = min(3, left)
        left -= found[item]
    assert left == 0
    return {**found, **({"self_harm": 0} if measure == "phq9" else {})}


def record(home: Path, measure: str, total: int, day: int) -> None:
    """A complete questionnaire `day` days after START, written as `cbt measure` writes it."""
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    answers = {measure: item_scores(measure, total)}
    with open_journal(home / "journal.db") as journal:
        add_entry(journal, measure, NOW + timedelta(days=day), answers)


def at(day: int, total: int) -> Reading:
    return Reading(START + timedelta(days=day), total)


# (PHQ-9 start, GAD-7 start, PHQ-9 end, GAD-7 end): PHQ-9 caseness 10, reliable 6;
# GAD-7 caseness 8, reliable 4.
CATEGORIES = [
    # both fall below their thresholds with a reliable drop: reliable recovery
    ((16, 12, 9, 7), dict(caseness_at_start=True, recovery=True, reliable_improvement=True,
                          reliable_deterioration=False, reliable_recovery=True)),
    # below both, but neither drop is reliable (10 -> 9, 8 -> 7): recovery only
    ((10, 8, 9, 7), dict(caseness_at_start=True, recovery=True, reliable_improvement=False,
                         reliable_deterioration=False, reliable_recovery=False)),
    # one reliable drop (16 -> 10 is exactly 6), the other still a case: improvement only
    ((16, 12, 10, 12), dict(caseness_at_start=True, recovery=False, reliable_improvement=True,
                            reliable_deterioration=False, reliable_recovery=False)),
    # a drop of 5 on the PHQ-9 is not reliable; GAD-7 3 is not either
    ((16, 12, 11, 9), dict(caseness_at_start=True, recovery=False, reliable_improvement=False,
                           reliable_deterioration=False, reliable_recovery=False)),
    # reliable drop on one, reliable rise on the other: neither improvement nor deterioration
    ((16, 4, 9, 8), dict(caseness_at_start=True, recovery=False, reliable_improvement=False,
                         reliable_deterioration=False, reliable_recovery=False)),
    # a rise of exactly 4 on the GAD-7, PHQ-9 steady: reliable deterioration
    ((12, 8, 12, 12), dict(caseness_at_start=True, recovery=False, reliable_improvement=False,
                           reliable_deterioration=True, reliable_recovery=False)),
    # only the GAD-7 at caseness (PHQ-9 9 is below 10): still a case; both end below
    ((9, 8, 9, 7), dict(caseness_at_start=True, recovery=True, reliable_improvement=False,
                        reliable_deterioration=False, reliable_recovery=False)),
    # both just below (9, 7): not a case, so never recovery, even after a drop
    ((9, 7, 2, 2), dict(caseness_at_start=False, recovery=False, reliable_improvement=True,
                        reliable_deterioration=False, reliable_recovery=False)),
    # ending exactly at a threshold (PHQ-9 10) is not below it
    ((18, 12, 10, 3), dict(caseness_at_start=True, recovery=False, reliable_improvement=True,
                           reliable_deterioration=False, reliable_recovery=False)),
]  # fmt: skip


@pytest.mark.parametrize(("totals", "expected"), CATEGORIES)
def test_joint_outcome_categories(home, totals, expected) -> None:
    phq_start, gad_start, phq_end, gad_end = totals
    outcome = joint_outcome(
        [
            (scoring("phq9"), at(0, phq_start), at(14, phq_end)),
            (scoring("gad7"), at(0, gad_start), at(14, gad_end)),
        ]
    )
    assert outcome is not None
    assert {k: getattr(outcome, k) for k in expected} == expected


@pytest.mark.parametrize(
    ("phq_days", "gad_days", "counted"),
    [
        ((0, 7), (0, 7), True),  # exactly a week between start and end
        ((0, 6), (0, 6), False),  # six days: too close
        ((0, 0), (0, 0), False),  # the same day: never a change
        ((0, 14), (7, 21), True),  # taken 7 days apart still count as one assessment
        ((0, 14), (8, 22), False),  # 8 days apart do not
        ((0, 14), (0, 22), False),  # the ends 8 days apart
        ((0, 7), (1, 7), False),  # end only 6 days after the later start
    ],
)
def test_joint_outcome_needs_pairs_within_and_a_week_apart(
    home, phq_days, gad_days, counted
) -> None:
    outcome = joint_outcome(
        [
            (scoring("phq9"), at(phq_days[0], 16), at(phq_days[1], 4)),
            (scoring("gad7"), at(gad_days[0], 12), at(gad_days[1], 3)),
        ]
    )
    assert (outcome is not None) == counted


def test_one_measure_alone_has_no_joint_outcome(home) -> None:
    assert joint_outcome([(scoring("phq9"), at(0, 16), at(14, 4))]) is None


@pytest.mark.parametrize(
    ("gap", "expected"),
    [
        (0, "Change is counted between scores at least a week apart"),
        (6, "Change is counted between scores at least a week apart"),
        (7, "Your PHQ-9 went from 16 to 9: a drop bigger than normal week-to-week ups and downs, and now below the usual threshold on this questionnaire."),
    ],
)  # fmt: skip
def test_one_measure_changes_only_between_scores_a_week_apart(cli, home, gap, expected) -> None:
    record(home, "phq9", 16, 0)
    record(home, "phq9", 9, gap)
    text = flat(cli.ok("measure", "history", "phq9").output)
    assert expected in text
    assert "recovery" not in text.lower()


def test_baseline_is_the_first_score_ever_not_the_first_in_the_period(cli, home) -> None:
    record(home, "phq9", 18, -200)
    record(home, "phq9", 12, -100)
    record(home, "phq9", 11, 0)
    text = flat(cli.ok("summary", "--since", "2026-02-01", "--until", "2026-03-03").output)
    assert "Your PHQ-9 went from 18 to 11: a drop bigger than normal" in text
    [measure] = cli.json("summary", "--json", "--since", "2026-02-01", "--until", "2026-03-03")[
        "measures"
    ]
    assert measure["baseline"] == {"date": "2025-08-14", "total": 18}
    assert measure["change"]["first"] == 18 and measure["change"]["reliable_improvement"]


def test_therapy_start_moves_the_baseline(cli, home) -> None:
    record(home, "phq9", 18, -200)
    record(home, "phq9", 12, -100)
    record(home, "phq9", 11, 0)
    cli.ok("config", "set", "therapy-start", "2025-11-01")
    text = flat(cli.ok("measure", "history", "phq9").output)
    assert "Your PHQ-9 went from 12 to 11: within normal week-to-week ups and downs." in text
    assert cli("config", "set", "therapy-start", "last spring").exit_code == 2


def test_both_measures_together_in_history(cli, home) -> None:
    record(home, "phq9", 16, 0)
    record(home, "gad7", 12, 1)
    record(home, "phq9", 7, 14)
    record(home, "gad7", 5, 14)
    expected = (
        "Taking the PHQ-9 and GAD-7 together, from 02 Mar 2026 to 16 Mar 2026: both are now "
        "below the usual thresholds, with a drop bigger than normal week-to-week ups and downs."
    )
    assert expected in flat(cli.ok("measure", "history").output)
    assert "in the 'mild' range on this questionnaire" not in flat(
        cli.ok("measure", "history").output
    )


def test_a_first_score_names_its_range_in_plain_words(cli, home) -> None:
    record(home, "gad7", 15, 0)
    text = flat(cli.ok("measure", "history", "gad7").output)
    assert "Your first GAD-7 score is 15, in the 'severe' range on this questionnaire." in text


@pytest.mark.parametrize(("scores", "asked"), [([0] * 9, False), ([0] * 8 + [1], True)])
def test_the_closing_question_is_asked_only_when_a_problem_was_checked(cli, scores, asked) -> None:
    typed = "\n".join(str(s) for s in scores) + "\n2\n"
    output = cli.ok("measure", "phq9", input=typed).output
    assert ("If you checked off any problems, how difficult" in output) == asked


def test_both_measures_together_in_summary_and_export(cli, home, tmp_path) -> None:
    record(home, "phq9", 12, 0)
    record(home, "gad7", 8, 0)
    record(home, "phq9", 12, 14)
    record(home, "gad7", 12, 13)
    period = ("--since", "2026-03-01", "--until", "2026-03-20")
    together = cli.json("summary", "--json", *period)["measures_together"]
    assert together["reliable_deterioration"] is True and together["recovery"] is False
    assert "a rise bigger than normal week-to-week ups and downs" in together["summary"]
    assert together["summary"] in flat(cli.ok("summary", *period).output)
    out = tmp_path / "x.md"
    cli.ok("export", "-f", "md", "-o", str(out), *period)
    assert "**PHQ-9 and GAD-7:** Taking the PHQ-9 and GAD-7 together" in out.read_text()


def test_baseline_and_latest_are_found_by_completion_whatever_the_order_written(cli, home) -> None:
    """The first and latest scores are found in completion order (an index of its own since
    migration 0015): written out of order, with one past the period's end, and on a journal
    without that index, the figures are the same."""
    import sqlite3

    for measure, total, day in [
        ("phq9", 12, -100),
        ("gad7", 5, 0),
        ("phq9", 7, 0),
        ("phq9", 18, -200),  # the first ever, written after the others
        ("gad7", 12, -199),
        ("phq9", 2, 30),  # after the period
        ("gad7", 3, 30),
    ]:
        record(home, measure, total, day)
    period = ["--since", "2026-02-01", "--until", "2026-03-03"]
    summary = cli.json("summary", "--json", *period)
    phq = next(m for m in summary["measures"] if m["id"] == "phq9")
    assert phq["baseline"] == {"date": "2025-08-14", "total": 18}
    assert phq["latest"] == 7
    assert "from 18 to 7" in phq["summary"]
    assert summary["measures_together"]
    conn = sqlite3.connect(home / "journal.db")
    conn.execute("DROP INDEX entries_by_completed")
    conn.commit()
    conn.close()
    assert cli.json("summary", "--json", *period) == summary
