"""Branches added to the thought record and the behavioural experiment in version 2."""

from __future__ import annotations

import yaml

from cbtcli.paths import builtin_exercises_dir

EXAMPLES = builtin_exercises_dir() / "examples"


def test_a_thought_record_needs_evidence_against(cli) -> None:
    answers = yaml.safe_load((EXAMPLES / "thought-record.yaml").read_text(encoding="utf-8"))
    del answers["evidence_against"]
    result = cli("do", "thought-record", "--answers", str(cli.write_answers(answers)))
    assert result.exit_code == 1 and "evidence_against" in result.output
    assert cli.json("journal", "--json") == []
