"""Branches added to the thought record and the behavioural experiment in version 2."""

from __future__ import annotations

import yaml

from cbtcli.paths import builtin_exercises_dir

from .conftest import flat

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
