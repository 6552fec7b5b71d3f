"""`cbt import` checks every answer against its exercise's steps before writing anything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .helpers import THOUGHT_RECORD_ANSWERS, assert_one_clear_sentence, flat


def exported(cli, tmp_path: Path) -> dict:
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(THOUGHT_RECORD_ANSWERS)))
    cli.ok("mood", "6", "-n", "steady")
    path = tmp_path / "all.json"
    cli.ok("export", "-f", "json", "-o", str(path))
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("step", "value", "problem"),
    [
        ("belief_before", 900, "from 0 to 100"),
        ("belief_before", "a lot", "from 0 to 100"),
        ("emotions", {"anxious": 250}, "intensity of 'anxious'"),
        ("distortions", ["not-a-distortion"], "not-a-distortion"),
        ("automatic_thoughts", {"a": 1}, "list"),
    ],
)
def test_a_bad_answer_refuses_the_whole_file_and_leaves_the_journal_as_it_was(
    cli, home, tmp_path, step, value, problem
) -> None:
    data = exported(cli, tmp_path)
    data["entries"][0]["answers"][step] = value
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "other.db"
    cli.ok("--db", str(target), "mood", "3")
    before = target.read_bytes()
    result = cli("--db", str(target), "import", str(path))
    assert result.exit_code == 1
    assert_one_clear_sentence(result, "Entry 1 in the file", f"step '{step}'", problem)
    assert "nothing was imported" in flat(result.output)
    assert target.read_bytes() == before


def test_an_entry_of_an_exercise_cbt_does_not_know_is_still_imported(cli, home, tmp_path) -> None:
    data = exported(cli, tmp_path)
    entry = data["entries"][0]
    entry["exercise"] = "someone-elses-exercise"
    entry["labels"] = {"belief_before": "How strongly"}
    entry["answers"]["belief_before"] = 900  # nothing to check it against: kept as written
    path = tmp_path / "foreign.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    cli.ok("--db", str(tmp_path / "new.db"), "import", str(path))
    shown = cli.json("--db", str(tmp_path / "new.db"), "show", entry["id"], "--json")
    assert shown["answers"]["belief_before"] == 900
    assert shown["exercise"] == "someone-elses-exercise"
