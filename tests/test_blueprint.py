"""`cbt blueprint`: drafted from a journal built for it, each drafted line citing its entry,
and the check-ins after 4 and 12 weeks comparing scores."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cbtcli.clock import now_local
from cbtcli.journal import AWAITING, open_journal

from .helpers import THOUGHT_RECORD_ANSWERS, add_entry, dated_phq9, flat

pytestmark = pytest.mark.usefixtures("clock")


def last_id(cli, exercise: str) -> str:
    return cli.json("journal", "--json", "-e", exercise)[0]["id"]


def thought_record(cli, balanced: str, before: int, after: int) -> str:
    answers = {**THOUGHT_RECORD_ANSWERS, "balanced_thought": balanced}
    answers.update(belief_before=before, belief_after=after)
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(answers)))
    return last_id(cli, "thought-record")


def activity(cli, name: str, pleasure: int, mastery: int) -> str:
    plan = {
        "activity": name,
        "life_area": "recreation",
        "why_it_matters": "Fun matters",
        "when": "Saturday",
        "expected_pleasure": 3,
        "expected_mastery": 3,
    }
    cli.ok("do", "behavioural-activation", "--answers", str(cli.write_answers(plan)))
    entry_id = last_id(cli, "behavioural-activation")
    done = {"did_it": "yes", "mood_before": 4, "mood_after": 6}
    done.update(actual_pleasure=pleasure, actual_mastery=mastery)
    cli.ok("review", entry_id, "--answers", str(cli.write_answers(done, "done.yaml")))
    return entry_id


@pytest.fixture
def journal_for_blueprint(cli) -> dict[str, str]:
    ids = {
        "big": thought_record(cli, "One deadline doesn't make me a failure.", 90, 30),
        "middle": thought_record(cli, "She was busy, not angry with me.", 80, 50),
        "small": thought_record(cli, "I can ask for help.", 60, 50),
        "tiny": thought_record(cli, "Maybe it went fine.", 50, 45),
        "secret": thought_record(cli, "A private thought that stays home.", 100, 0),
        "walk": activity(cli, "Walk by the river", 8, 5),
        "pottery": activity(cli, "Pottery class", 6, 8),
        "tidy": activity(cli, "Tidy the desk", 2, 4),
    }
    cli.ok("private", ids["secret"])
    ladder = {
        "goal": "Drive again",
        "ladder": {
            "name": "driving",
            "steps": [
                {"step": "Sit in the parked car", "suds": 20},
                {"step": "Drive round the block", "suds": 50},
            ],
        },
    }
    cli.ok("ladder", "new", "--answers", str(cli.write_answers(ladder, "ladder.yaml")))
    ids["ladder"] = last_id(cli, "fear-ladder")
    cli.ok("ladder", "done", "driving", "1")
    plan = {
        "warning_signs": ["Not sleeping", "Staying in my room all day"],
        "coping_strategies": ["A hot shower"],
        "distractions": ["The library"],
        "people_to_ask": ["Sam"],
        "professionals": ["My GP"],
        "safe_environment": ["Ask Sam to keep my car keys"],
        "reasons_for_living": ["My nephew"],
        "likelihood": 8,
    }
    cli.ok("do", "safety-plan", "--answers", str(cli.write_answers(plan, "plan.yaml")))
    ids["plan"] = last_id(cli, "safety-plan")
    ids["phq9_first"] = dated_phq9(16, days_ago=70)
    ids["phq9_latest"] = dated_phq9(7, days_ago=3)
    return ids


def test_the_draft_cites_the_entries_each_section_came_from(cli, journal_for_blueprint) -> None:
    ids = journal_for_blueprint
    own = {
        "brought_me": "Low mood.",
        "high_risk": ["Winter"],
        "plan_exercises": ["thought-record"],
        "plan_contacts": ["Sam"],
        "keep_practising": "Sundays",
    }
    result = cli.ok("blueprint", "--answers", str(cli.write_answers(own)))
    said = flat(result.output)
    assert "Drafted from your journal" in said
    entry = cli.json("show", last_id(cli, "relapse-blueprint"), "--json")
    assert entry["status"] == "awaiting"
    answers = entry["answers"]

    learned = answers["learned"]  # the three biggest belief drops, biggest first
    assert [line.split(" (belief")[0] for line in learned] == [
        "One deadline doesn't make me a failure.",
        "She was busy, not angry with me.",
        "I can ask for help.",
    ]
    assert "(belief 90 % → 30 %)" in learned[0] and ids["big"][:8] in learned[0]
    assert ids["middle"][:8] in learned[1] and ids["small"][:8] in learned[2]
    assert not any("private thought" in line for line in answers["learned"])

    helped = answers["helped_most"]
    assert helped[0].startswith("Walk by the river") and ids["walk"][:8] in helped[0]
    assert helped[1].startswith("Pottery class") and ids["pottery"][:8] in helped[1]
    assert any("Sit in the parked car" in line and ids["ladder"][:8] in line for line in helped)
    assert not any("Drive round the block" in line for line in helped)  # not mastered

    assert answers["warning_signs"] == [
        f"Not sleeping (safety plan {ids['plan'][:8]}, {now_local().date()})",
        f"Staying in my room all day (safety plan {ids['plan'][:8]}, {now_local().date()})",
    ]
    [progress] = answers["progress"]
    assert "PHQ-9 went from 16 to 7" in progress
    assert ids["phq9_first"][:8] in progress and ids["phq9_latest"][:8] in progress
    assert answers["brought_me"] == "Low mood."  # the person's own words take the draft's place
    assert "Check-ins: run cbt blueprint after 4 weeks" in said


def test_a_blueprint_from_an_empty_journal_starts_blank(cli) -> None:
    given = {
        "brought_me": "Worry.",
        "learned": ["Worry is not a warning"],
        "helped_most": ["Walking"],
        "warning_signs": ["Checking the news all night"],
        "high_risk": ["Exams"],
        "plan_exercises": ["thought-record"],
        "plan_contacts": ["Mum"],
        "keep_practising": "Sunday evenings",
    }
    result = cli.ok("blueprint", "--answers", str(cli.write_answers(given)))
    assert "not much in your journal to draft from" in flat(result.output)
    answers = cli.json("show", last_id(cli, "relapse-blueprint"), "--json")["answers"]
    assert answers["plan_return"].startswith("If my PHQ-9 is 10 or more twice")


def blueprint_written(weeks_ago: int, phase: int) -> str:
    answers = {"brought_me": "Low mood", "learned": ["x"], "helped_most": ["y"],
               "warning_signs": ["z"], "high_risk": ["h"], "plan_exercises": ["p"],
               "plan_contacts": ["c"], "plan_return": "r", "keep_practising": "k"}  # fmt: skip
    with open_journal() as journal:
        when = now_local() - timedelta(weeks=weeks_ago)
        return add_entry(journal, "relapse-blueprint", when, answers, AWAITING, phase=phase).id


def test_a_check_in_waits_for_its_day(cli) -> None:
    blueprint_written(weeks_ago=1, phase=1)
    result = cli.ok("blueprint")
    assert "4-week check-in is due on" in flat(result.output)


def test_check_ins_compare_scores_with_the_day_the_blueprint_was_written(cli) -> None:
    dated_phq9(6, days_ago=40)  # before the blueprint
    entry_id = blueprint_written(weeks_ago=5, phase=1)
    dated_phq9(12, days_ago=2)
    four = {"how_going_4": 4, "signs_seen_4": "yes", "used_plan_4": "Called my GP."}
    said = flat(cli.ok("blueprint", "--answers", str(cli.write_answers(four))).output)
    assert "4-week check-in" in said
    assert "PHQ-9 went from 6 to 12" in said
    entry = cli.json("show", entry_id, "--json")
    assert entry["answers"]["used_plan_4"] == "Called my GP." and entry["status"] == "awaiting"

    cli.ok("delete", entry_id, "--yes")
    later = blueprint_written(weeks_ago=13, phase=2)
    twelve = {"how_going_12": 7, "signs_seen_12": "no"}
    said = flat(cli.ok("blueprint", "--answers", str(cli.write_answers(twelve, "t.yaml"))).output)
    assert "12-week check-in" in said
    done = cli.json("show", later, "--json")
    assert done["status"] == "complete" and "used_plan_12" not in done["answers"]


def test_new_writes_a_fresh_blueprint_while_one_awaits_its_check_in(cli) -> None:
    waiting = blueprint_written(weeks_ago=1, phase=1)
    own = {
        "brought_me": "Worry.",
        "learned": ["a"],
        "helped_most": ["b"],
        "warning_signs": ["c"],
        "high_risk": ["d"],
        "plan_exercises": ["e"],
        "plan_contacts": ["f"],
        "keep_practising": "g",
    }
    cli.ok("blueprint", "--new", "--answers", str(cli.write_answers(own)))
    blueprints = cli.json("journal", "--json", "-e", "relapse-blueprint")
    assert len(blueprints) == 2 and waiting in {b["id"] for b in blueprints}
    assert cli.json("show", waiting, "--json")["phase"] == 1  # the waiting one is untouched
