"""Branches added to the thought record and the behavioural experiment in version 2."""

from __future__ import annotations

import yaml

from cbtcli.paths import builtin_exercises_dir

from .helpers import flat

EXAMPLES = builtin_exercises_dir() / "examples"


def test_a_thought_record_needs_evidence_against(cli) -> None:
    answers = yaml.safe_load((EXAMPLES / "thought-record.yaml").read_text(encoding="utf-8"))
    del answers["evidence_against"]
    result = cli("do", "thought-record", "--answers", str(cli.write_answers(answers)))
    assert result.exit_code == 1 and "evidence_against" in result.output
    assert cli.json("journal", "--json") == []


def thought_record(**changes: object) -> dict:
    answers = yaml.safe_load((EXAMPLES / "thought-record.yaml").read_text(encoding="utf-8"))
    return {**answers, **changes}


def test_a_hot_thought_still_believed_points_to_an_action_plan(cli) -> None:
    # 70 % and over: the pointer to problem solving shows, from an answers file too
    held = cli(
        "do", "thought-record", "--answers", str(cli.write_answers(thought_record(belief_after=70)))
    )
    assert held.exit_code == 0, held.output
    assert "cbt do problem-solving" in flat(held.output)
    eased = cli(
        "do", "thought-record", "--answers", str(cli.write_answers(thought_record(belief_after=69)))
    )
    assert eased.exit_code == 0, eased.output
    assert "problem-solving" not in flat(eased.output)


def test_new_feelings_are_optional_and_kept_apart_from_the_re_rating(cli) -> None:
    answers = thought_record()
    del answers["new_emotions"], answers["belief_balanced"]
    assert cli("do", "thought-record", "--answers", str(cli.write_answers(answers))).exit_code == 0
    with_new = cli("do", "thought-record", "--answers", str(cli.write_answers(thought_record())))
    assert with_new.exit_code == 0
    entries = cli.json("journal", "--json")
    newest = next(e for e in entries if "new_emotions" in e["answers"])
    assert newest["answers"]["new_emotions"] == {"relieved": 50}
    assert newest["answers"]["belief_balanced"] == 70
    assert "relieved" not in newest["answers"]["emotions_after"]


def activity_plan(cli, area: str, mood_after: int, did_it: str = "yes") -> dict:
    plan = yaml.safe_load((EXAMPLES / "behavioural-activation.plan.yaml").read_text("utf-8"))
    plan["life_area"] = area
    cli.ok("do", "behavioural-activation", "--answers", str(cli.write_answers(plan)))
    entry_id = cli.json("journal", "--json")[0]["id"]
    record = {"did_it": did_it}
    if did_it != "no":
        record.update(mood_before=3, mood_after=mood_after, actual_pleasure=5, actual_mastery=5)
    if did_it != "yes":
        record["what_got_in_the_way"] = "Too tired after work"
    result = cli.ok("review", entry_id, "--answers", str(cli.write_answers(record, "r.yaml")))
    assert "cbt patterns" in flat(result.output)  # the outro
    return cli.json("show", entry_id, "--json")


def test_an_activity_plan_links_a_life_area_and_mood_before_and_after(cli) -> None:
    done = activity_plan(cli, "relationships", 7)
    assert done["answers"]["life_area"] == "relationships"
    assert done["answers"]["mood_before"] == 3 and done["answers"]["mood_after"] == 7
    shown = flat(cli.ok("show", done["id"]).output)
    assert "Relationships (family, friends, partner)" in shown and "3 / 10 → 7 / 10" in shown


def test_what_got_in_the_way_is_asked_for_partly_and_not_at_all(cli) -> None:
    partly = activity_plan(cli, "recreation", 5, did_it="partly")
    assert partly["answers"]["what_got_in_the_way"] == "Too tired after work"
    not_done = activity_plan(cli, "recreation", 5, did_it="no")
    assert "mood_after" not in not_done["answers"]
    assert not_done["answers"]["what_got_in_the_way"] == "Too tired after work"


def test_life_areas_and_logged_activities_show_in_patterns(cli) -> None:
    for mood in (8, 8, 9, 8, 9):
        activity_plan(cli, "relationships", mood)
    for mood in (2, 3, 2, 3, 2):
        log = {"activity": "Scrolling in bed", "mood": mood, "achievement": 1, "enjoyment": 2}
        cli.ok("do", "activity-monitoring", "--answers", str(cli.write_answers(log, "a.yaml")))
    found = {f["label"]: f for f in cli.json("patterns", "--json")["activities"]["findings"]}
    area = found["Relationships (family, friends, partner)"]
    assert area["kind"] == "life area" and area["occasions"] == 5
    assert found["Scrolling in bed"]["difference"] < 0 < area["difference"]


def problem_plan(**changes: object) -> dict:
    plan = yaml.safe_load((EXAMPLES / "problem-solving.plan.yaml").read_text("utf-8"))
    return {**plan, **changes}


def test_a_problem_plan_waits_for_its_review_and_due_lists_it(cli) -> None:
    planned = cli.ok("do", "problem-solving", "--answers", str(cli.write_answers(problem_plan())))
    assert "cbt review" in flat(planned.output)
    [entry] = cli.json("journal", "--json")
    assert entry["status"] == "awaiting"
    assert "Problem solving" in flat(cli.ok("due").output)
    review = yaml.safe_load((EXAMPLES / "problem-solving.review.yaml").read_text("utf-8"))
    cli.ok("review", entry["id"], "--answers", str(cli.write_answers(review, "r.yaml")))
    done = cli.json("show", entry["id"], "--json")
    assert done["status"] == "complete" and done["answers"]["worked"] == "helped"
    assert "Problem solving" not in flat(cli.ok("due").output)


def test_a_what_if_worry_goes_to_worry_time_with_no_review(cli) -> None:
    worry = {"problem": "What if I get ill next year?", "can_act": "no"}
    result = cli.ok("do", "problem-solving", "--answers", str(cli.write_answers(worry)))
    assert "worry time" in flat(result.output)
    [entry] = cli.json("journal", "--json")
    assert entry["status"] == "complete" and set(entry["answers"]) == {"problem", "can_act"}
    assert "Problem solving" not in flat(cli.ok("due").output)
