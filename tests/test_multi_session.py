"""Exercises done over days: phases, `when`, `cbt due`/`review`, and fear ladders."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from textwrap import dedent

import pytest

from cbtcli import paths

from .helpers import (
    EXPERIMENT_PLAN,
    EXPERIMENT_REVIEW,
    LADDER,
    assert_one_clear_sentence,
    entries,
    flat,
    practise,
)


def test_experiment_plan_then_due_then_review(cli) -> None:
    result = cli.ok(
        "do", "behavioural-experiment", "--answers", str(cli.write_answers(EXPERIMENT_PLAN))
    )
    [entry] = entries(cli)
    assert f"is waiting for you: run cbt review {entry['id'][:8]}" in flat(result.output)
    assert entry["status"] == "awaiting"
    due = flat(cli.ok("due").output)
    assert entry["id"][:8] in due and "Review" in due and "today" in due
    cli.ok(
        "review",
        entry["id"][:8],
        "--answers",
        str(cli.write_answers(EXPERIMENT_REVIEW, "review.yaml")),
    )
    [done] = entries(cli)
    assert done["status"] == "complete"
    assert done["answers"] == {
        **EXPERIMENT_PLAN,
        **EXPERIMENT_REVIEW,
    }  # `coped` skipped: the prediction did not come true
    assert "Nothing is waiting" in cli.ok("due").output


def test_when_asks_a_step_only_for_matching_answers(cli) -> None:
    cli.ok("do", "behavioural-experiment", "--answers", str(cli.write_answers(EXPERIMENT_PLAN)))
    entry_id = entries(cli)[0]["id"]
    partly = {**EXPERIMENT_REVIEW, "came_true": "Partly", "coped": "Better than I feared"}
    cli.ok("do", "--continue", entry_id, "--answers", str(cli.write_answers(partly, "r.yaml")))
    answers = entries(cli)[0]["answers"]
    assert answers["came_true"] == "partly" and answers["coped"] == "Better than I feared"


def test_review_in_plain_prompts_shows_the_plan_for_context(cli) -> None:
    cli.ok("do", "behavioural-experiment", "--answers", str(cli.write_answers(EXPERIMENT_PLAN)))
    entry_id = entries(cli)[0]["id"]
    typed = "\n".join(["It went fine", "1", "3", "People respond", "30", "60", ""]) + "\n"
    result = cli.ok("review", entry_id[:6], input=typed)
    output = flat(result.output)
    assert "What you wrote before" in output and "If I speak up, nobody will respond" in output
    assert entries(cli)[0]["answers"]["came_true"] == "no"


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["review", "abcd1234"], ["No entry has an id starting with 'abcd1234'"]),
        (["ladder", "practice", "flying"], ["no ladder called 'flying'"]),
        (["ladder", "show", "flying"], ["no ladder called 'flying'"]),
        (["do", "exposure"], ["you have none yet", "cbt ladder new"]),
    ],
)
def test_bad_multi_session_input(cli, args, fragments) -> None:
    assert_one_clear_sentence(cli(*args), *fragments)
    assert entries(cli) == [] and entries(cli, "--drafts") == []  # nothing half-written


def test_resuming_an_entry_that_waits_for_review_points_to_review(cli) -> None:
    cli.ok("do", "behavioural-experiment", "--answers", str(cli.write_answers(EXPERIMENT_PLAN)))
    entry_id = entries(cli)[0]["id"][:8]
    assert_one_clear_sentence(
        cli("do", "--resume", entry_id), f"is not a draft (`cbt review {entry_id}`)"
    )


def test_continuing_a_complete_entry_is_refused(cli) -> None:
    cli.ok("do", "problem-solving", "--answers", str(cli.write_answers(PROBLEM)))
    entry_id = entries(cli)[0]["id"]
    assert_one_clear_sentence(cli("review", entry_id), "already complete")


def test_a_review_answer_in_the_plan_phase_is_refused(cli) -> None:
    answers = {**EXPERIMENT_PLAN, "learned": "too early"}
    result = cli("do", "behavioural-experiment", "--answers", str(cli.write_answers(answers)))
    assert_one_clear_sentence(result, "learned", "belongs to the 'review' phase")
    assert entries(cli) == []


PROBLEM = {"problem": "What if my rent goes up next year?", "can_act": "no"}  # one phase
ACTIVATION_PLAN = {
    "activity": "Walk to the park",
    "life_area": "mind-body",
    "why_it_matters": "Looking after my health",
    "when": "Saturday 10am",
    "expected_pleasure": 3,
    "expected_mastery": 4,
}
ACTIVATION_RECORD = {
    "did_it": "yes",
    "mood_before": 3,
    "mood_after": 6,
    "actual_pleasure": 6,
    "actual_mastery": 7,
}


def test_every_builtin_exercise_runs_from_answers_files(cli) -> None:
    cli.ok("do", "problem-solving", "--answers", str(cli.write_answers(PROBLEM)))
    cli.ok("do", "behavioural-activation", "--answers", str(cli.write_answers(ACTIVATION_PLAN)))
    plan = next(e for e in entries(cli) if e["exercise"] == "behavioural-activation")
    cli.ok("review", plan["id"], "--answers", str(cli.write_answers(ACTIVATION_RECORD, "r.yaml")))
    cli.ok("ladder", "new", "--answers", str(cli.write_answers(LADDER, "ladder.yaml")))
    practise(cli, peak=60)
    statuses = {e["exercise"]: e["status"] for e in entries(cli)}
    assert statuses == {
        "problem-solving": "complete",
        "behavioural-activation": "complete",
        "fear-ladder": "complete",
        "exposure": "complete",
    }


def test_every_builtin_exercise_runs_through_plain_prompts(cli) -> None:
    typed = {
        "problem-solving": [
            "My rent goes up",
            "1",
            "Pay it by March",
            "Payment plan",
            "Lodger",
            "",
            "Payment plan: keeps my home; an awkward call",
            "",
            "Payment plan",
            "Email the landlord",
            "",
            "Monday",
            "",
        ],
        "fear-ladder": [
            "Speak in meetings",
            "meetings",
            "Say hello, 10",
            "Ask a question: 40",
            "Give a talk 90",
            "",
        ],
        "behavioural-activation": [
            "Call a friend",
            "1",
            "Being a good friend",
            "Tonight",
            "4",
            "5",
        ],
        "behavioural-experiment": [
            "Nobody will reply",
            "70",
            "Someone will reply",
            "30",
            "Post in the group chat",
            "Nobody answers by tomorrow",
            "Tonight",
            "",
            "",
        ],
    }
    for exercise, lines in typed.items():
        cli.ok("do", exercise, input="\n".join(lines) + "\n")
    ladder = next(e for e in entries(cli) if e["exercise"] == "fear-ladder")
    assert [s["suds"] for s in ladder["answers"]["ladder"]["steps"]] == [10, 40, 90]
    before = ["", "Everyone stares", "60", "", "50"]  # Enter takes the suggested (lowest) step
    result = cli.ok("ladder", "practice", "meetings", input="\n".join(before) + "\n")
    assert "Say hello" in result.output
    practice = next(e for e in entries(cli) if e["exercise"] == "exposure")
    after = [
        "10",
        "45",
        "20",
        "",
        "Two people said hello back",
        "no",
        "20",
        "People are kind",
        "70",
        "",
    ]
    cli.ok("review", practice["id"], input="\n".join(after) + "\n")
    assert {e["status"] for e in entries(cli)} == {"complete", "awaiting"}


def test_a_ladder_built_practised_three_times_and_mastered(cli) -> None:
    cli.ok("ladder", "new", "--answers", str(cli.write_answers(LADDER)))
    assert "driving" in cli.ok("ladder", "list").output
    practise(cli, peak=45, likely=40)  # lowest step (20) is suggested; 40 is above half of 70
    second = practise(cli, peak=25, likely=35)  # exactly half: counts, but only once so far
    assert "looks mastered" not in second
    third = practise(cli, peak=10, likely=20)
    assert "looks mastered" in third and "cbt ladder done driving 1" in third
    assert "Varying it" in third
    shown = flat(cli.ok("ladder", "show", "driving").output)
    assert "Goal: Drive on the motorway" in shown
    assert "Sit in the parked car 20 3" in shown  # step, SUDS, number of practices
    assert "▄▃▂ 45 → 10" in shown  # peak distress 45, 25, 10 on the 0-100 scale
    assert "looks mastered?" in shown and "without the things you do to feel safer" in shown
    cli.ok("ladder", "done", "driving", "1")
    shown = flat(cli.ok("ladder", "show", "driving").output)
    assert "✓ mastered" in shown
    # the next practice suggests the next step up
    practise(cli, peak=50)
    practices = [e for e in entries(cli) if e["exercise"] == "exposure"]
    assert practices[0]["answers"]["ladder_step"]["step"] == "Drive around the block"
    listed = flat(cli.ok("ladder", "list").output)
    assert "1 of 3" in listed and "4" in listed


def test_editing_a_ladder_keeps_past_practices(cli, home: Path) -> None:
    cli.ok("ladder", "new", "--answers", str(cli.write_answers(LADDER)))
    practise(cli, peak=40, step={"ladder": "driving", "step": 2})
    cli.ok(
        "ladder",
        "edit",
        "driving",
        "--rename",
        "2=Drive around two blocks",
        "--rerate",
        "2=45",
        "--add",
        "Drive to the shops=60",
    )
    shown = flat(cli.ok("ladder", "show", "driving").output)
    assert "Drive around two blocks 45 1" in shown  # reworded, re-rated, practice kept
    assert "Drive to the shops 60 0" in shown
    cli.ok("ladder", "edit", "driving", "--remove", "2")
    assert "two blocks" not in cli.ok("ladder", "show", "driving").output
    conn = sqlite3.connect(home / "journal.db")
    [(count,)] = conn.execute("SELECT count(*) FROM ladder_practices").fetchall()
    [(kept,)] = conn.execute("SELECT count(*) FROM ladder_steps WHERE removed = 1").fetchall()
    conn.close()
    assert count == 1 and kept == 1
    assert len([e for e in entries(cli) if e["exercise"] == "exposure"]) == 1
    cli.ok("ladder", "archive", "driving")
    assert "No ladders yet" in cli.ok("ladder", "list").output
    assert "archived" in cli.ok("ladder", "list", "--all").output


def test_deleting_entries_keeps_the_ladder_and_drops_only_that_practice(cli) -> None:
    cli.ok("ladder", "new", "--answers", str(cli.write_answers(LADDER)))
    practise(cli, peak=40, step={"ladder": "driving", "step": 1})
    practise(cli, peak=30, step={"ladder": "driving", "step": 1})
    built = next(e["id"] for e in entries(cli) if e["exercise"] == "fear-ladder")
    said = flat(cli.ok("delete", built, "--yes").output)
    assert "The ladder 'driving' it built stays, with its practices" in said
    assert "Sit in the parked car 20 2" in flat(cli.ok("ladder", "show", "driving").output)
    practice = next(e["id"] for e in entries(cli) if e["exercise"] == "exposure")
    assert "ladder" not in cli.ok("delete", practice, "--yes").output
    assert "Sit in the parked car 20 1" in flat(cli.ok("ladder", "show", "driving").output)


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        (
            {"ladder": {"name": "x", "steps": [{"step": "a", "suds": 120}]}},
            ["SUDS of 'a'", "120 is out of range"],
        ),
        ({"ladder": {"name": "x", "steps": [{"step": "a", "suds": -5}]}}, ["SUDS of 'a'"]),
        ({"ladder": {"steps": [{"step": "a", "suds": 5}]}}, ["needs a short name"]),
        ({"ladder": ["a", "b"]}, ["a ladder looks like"]),
    ],
)
def test_bad_ladders_save_nothing(cli, change, fragments) -> None:
    result = cli("ladder", "new", "--answers", str(cli.write_answers({**LADDER, **change})))
    assert_one_clear_sentence(result, *fragments)
    assert entries(cli) == []


def test_bad_ladder_edits(cli) -> None:
    cli.ok("ladder", "new", "--answers", str(cli.write_answers(LADDER)))
    assert_one_clear_sentence(cli("ladder", "edit", "driving", "--rerate", "9=10"), "has no step 9")
    assert_one_clear_sentence(cli("ladder", "edit", "driving", "--add", "Fly=101"), "from 0 to 100")
    assert_one_clear_sentence(cli("ladder", "edit", "driving"), "Say what to change")
    assert_one_clear_sentence(cli("ladder", "done", "driving", "7"), "has no step '7'")


def test_same_ladder_name_twice_gets_a_new_name(cli) -> None:
    cli.ok("ladder", "new", "--answers", str(cli.write_answers(LADDER)))
    result = cli.ok("ladder", "new", "--answers", str(cli.write_answers(LADDER)))
    assert "so this one is 'driving 2'" in flat(result.output)


THERAPIST_EXERCISE = """
id: worry-postponement
title: Worry postponement
summary: Notice a worry, park it, and look at it later at your worry time.
intro: Setting worries aside until a set time teaches you that you can control when you worry.
phases:
  - id: notice
    title: Notice
    steps:
      - id: worry
        type: text
        prompt: What is the worry?
      - id: urgency
        type: rating
        prompt: How urgent does "{worry}" feel (0-10)?
        min: 0
        max: 10
  - id: worry_time
    title: Worry time
    intro: It's your worry time. Let's look at the worry you parked.
    steps:
      - id: still_matters
        type: choice
        prompt: Does "{worry}" still matter?
        choices: [yes, a little, no]
      - id: action
        type: text
        prompt: Is there one thing you can do about it?
        when: {step: still_matters, in: ["yes", a-little]}
        context: [worry]
      - id: urgency_now
        type: rating
        prompt: How urgent does it feel now (0-10)?
        min: 0
        max: 10
"""


def test_an_exercise_written_only_in_yaml_runs_end_to_end(cli, home: Path) -> None:
    folder = paths.user_exercises_dir()
    folder.mkdir(parents=True)
    (folder / "worry.yaml").write_text(dedent(THERAPIST_EXERCISE), encoding="utf-8")
    assert "worry-postponement (yours)" in cli.ok("exercises").output
    cli.ok("do", "worry-postponement", input="The car might fail its test\n7\n")
    [entry] = entries(cli)
    assert entry["status"] == "awaiting"
    result = cli.ok("review", entry["id"], input="a little\nBook the test early\n3\n")
    assert 'Does "The car might fail its test" still matter?' in flat(result.output)
    [entry] = entries(cli)
    assert entry["answers"] == {
        "worry": "The car might fail its test",
        "urgency": 7,
        "still_matters": "a-little",
        "action": "Book the test early",
        "urgency_now": 3,
    }


def test_a_when_naming_an_unknown_step_or_value_is_a_loader_error(cli, tmp_path: Path) -> None:
    bad = THERAPIST_EXERCISE.replace("when: {step: still_matters", "when: {step: still_matterz")
    (tmp_path / "a.yaml").write_text(dedent(bad), encoding="utf-8")
    result = cli("exercises", "validate", str(tmp_path / "a.yaml"))
    assert_one_clear_sentence(result, "'when' refers to 'still_matterz'")
    bad = THERAPIST_EXERCISE.replace('in: ["yes", a-little]', 'in: ["yes", maybe]')
    (tmp_path / "b.yaml").write_text(dedent(bad), encoding="utf-8")
    result = cli("exercises", "validate", str(tmp_path / "b.yaml"))
    assert_one_clear_sentence(result, "'when' value 'maybe' is not a choice of 'still_matters'")


def test_exercises_new_writes_a_template_that_validates(cli, home: Path) -> None:
    result = cli.ok("exercises", "new", "worry-time")
    path = paths.user_exercises_dir() / "worry-time.yaml"
    assert str(path) in flat(result.output)
    cli.ok("exercises", "validate", str(path))
    text = path.read_text(encoding="utf-8")
    comment_columns = {line.index("  # ") for line in text.splitlines() if "  # " in line[:30]}
    assert "id: worry-time           # kebab-case" in text and len(comment_columns) == 1
    assert "worry-time (yours)" in cli.ok("exercises").output
    assert_one_clear_sentence(cli("exercises", "new", "worry-time"), "already an exercise")
    assert_one_clear_sentence(cli("exercises", "new", "Bad Name"), "kebab-case")
    cli.ok("do", "worry-time", input="Late for work\nanxious 60\n\nno\nLeave earlier\n30\n")
