"""`cbt import` reads every field of the export format (versions 1 and 2) before writing
anything: a field missing or of the wrong type or range refuses the whole file with one
sentence naming the record and the field, and the journal is left byte for byte as it was."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from . import demo
from .conftest import Cli
from .helpers import assert_one_clear_sentence, flat


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The demo journal's export, with a goal added: every kind of record the format holds."""
    folder = tmp_path_factory.mktemp("demo")
    demo.build(folder)
    mp = pytest.MonkeyPatch()
    mp.setenv("CBT_HOME", str(folder))
    try:
        Cli(folder).ok("export", "-f", "json", "-o", str(folder / "all.json"))
    finally:
        mp.undo()
    data = json.loads((folder / "all.json").read_text(encoding="utf-8"))
    data["goals"] = [{"exercise": "thought-record", "per_week": 3, "set_at": "2026-11-01"}]
    return data


def as_version_1(data: dict[str, Any]) -> dict[str, Any]:
    """What an export of format version 1 held: no private steps, labels or scoring."""
    old = copy.deepcopy(data)
    old["format_version"] = 1
    old.pop("scoring")
    for entry in old["entries"]:
        entry.pop("private_steps")
        entry.pop("labels")
    return old


def entry_of(data: dict[str, Any], exercise: str) -> dict[str, Any]:
    return next(e for e in data["entries"] if e["exercise"] == exercise)


def set_in(path: list[Any], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        if value is KeyError:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return change


def answer(exercise: str, step: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        entry_of(data, exercise)["answers"][step] = value

    return change


MUTATIONS = [
    (set_in(["entries", 0, "id"], KeyError), "Entry 1 in the file", "has no 'id'"),
    (set_in(["entries", 1, "started_at"], 5), "Entry 2 in the file", "'started_at'"),
    (set_in(["entries", 0, "updated_at"], "2026-11-01T10:00"), "'updated_at'", "UTC offset"),
    (set_in(["entries", 0, "completed_at"], "9999-01-01T00:00:00+00:00"), "'completed_at'", ""),
    (set_in(["entries", 0, "cursor"], 2**60), "'cursor'", "whole number from 0"),
    (set_in(["entries", 0, "phase"], "two"), "'phase'", "whole number"),
    (set_in(["entries", 0, "exercise_version"], "1"), "'exercise_version'", ""),
    (set_in(["entries", 0, "flagged"], "yes"), "'flagged'", "true or false"),
    (set_in(["entries", 0, "alerts"], ["help"]), "'alerts'", "safety notes"),
    (set_in(["entries", 0, "alerts"], [{"reason": 5}]), "'alerts'", "'reason' text"),
    (set_in(["entries", 0, "labels"], {"x": 1}), "'labels'", "named texts"),
    (set_in(["entries", 0, "private_steps"], "situation"), "'private_steps'", "list of texts"),
    (set_in(["entries", 0, "answers"], []), "'answers'", "a set of answers"),
    (set_in(["entries", 2, "title"], "x" * 1000), "Entry 3 in the file", "'title'"),
    (set_in(["entries", 0, "answers", "x"], [[[[[[[[[[1]]]]]]]]]]), "'answers'", "too deeply"),
    (answer("thought-record", "emotions", True), "step 'emotions'", ""),
    (answer("phq9", "phq9", [1, 2]), "step 'phq9'", ""),
    (answer("fear-ladder", "ladder", {"name": "x", "steps": [{"text": "a"}]}), "SUDS", ""),
    (set_in(["moods", 2, "score"], 11), "Mood check-in 3 in the file", "'score'"),
    (set_in(["moods", 0, "recorded_at"], KeyError), "Mood check-in 1", "has no 'recorded_at'"),
    (set_in(["moods", 0, "emotions"], True), "Mood check-in 1", "'emotions'"),
    (set_in(["moods", 0, "activities"], [1]), "Mood check-in 1", "'activities'"),
    (set_in(["ladders", 0, "steps", 1, "suds"], KeyError), "Step 2 of ladder 1", "'suds'"),
    (set_in(["ladders", 0, "steps", 0, "suds"], 101), "Step 1 of ladder 1", "0 to 100"),
    (set_in(["ladders", 0, "practices", 0, "practised_at"], None), "Practice 1 of ladder", ""),
    (set_in(["ladders", 0, "practices", 0, "step_id"], "s9"), "'step_id'", "ladder's steps"),
    (set_in(["ladders", 0, "practices", 0, "entry_id"], "nowhere"), "entry nowhere", "neither"),
    (set_in(["ladders", 0, "practices", 0, "local_day"], "13/11"), "'local_day'", "YYYY-MM-DD"),
    (set_in(["ladders", 0, "name"], {"a": 1}), "Ladder 1 in the file", "'name'"),
    (set_in(["goals", 0, "per_week"], 0), "Goal 1 in the file", "from 1 to 50"),
    (set_in(["scoring", 0, "scoring", "bands"], []), "The scoring of questionnaire", "bands"),
    (set_in(["scoring", 0, "scoring", "high"], "27"), "scoring", "'high'"),
    (set_in(["moods"], {"a": 1}), "something other than a list of 'moods'", ""),
    (set_in(["entries"], KeyError), "has no list of 'entries'", ""),
    (set_in(["format_version"], 0), "export format cbt does not know", ""),
]


@pytest.mark.parametrize(("change", "named", "detail"), MUTATIONS)
def test_every_field_is_checked_before_anything_is_written(
    cli, tmp_path: Path, exported, change, named, detail
) -> None:
    data = copy.deepcopy(exported)
    change(data)
    source = tmp_path / "changed.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "journal.db"
    cli.ok("--db", str(target), "mood", "4")
    before = target.read_bytes()
    result = cli("--db", str(target), "import", str(source))
    assert result.exit_code == 1, result.output
    assert_one_clear_sentence(result, named, detail, "othing was imported")
    assert len(result.output.strip().splitlines()) <= 3  # one sentence, wrapped at most
    assert target.read_bytes() == before


@pytest.mark.parametrize("version", [1, 2])
def test_both_versions_of_the_format_import_whole(cli, tmp_path: Path, exported, version) -> None:
    data = exported if version == 2 else as_version_1(exported)
    source = tmp_path / "all.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    said = flat(cli.ok("import", str(source)).output)
    assert "Imported 10 entries, 28 moods, 1 ladder, 1 goal" in said
    listed = {item["id"] for item in cli.json("journal", "--json", "-n", "1000")}
    assert {entry["id"] for entry in data["entries"]} <= listed
    for entry in data["entries"]:  # every imported entry can be shown and exported
        cli.ok("show", entry["id"])
    for fmt in ("md", "html", "csv"):
        cli.ok("export", "-f", fmt, "-o", str(tmp_path / f"out.{fmt}"))


def test_a_version_1_file_is_checked_field_by_field_too(cli, tmp_path: Path, exported) -> None:
    data = as_version_1(exported)
    data["entries"][0]["status"] = "done"
    source = tmp_path / "old.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    result = cli("import", str(source))
    assert_one_clear_sentence(result, "Entry 1 in the file", "'status'", "draft, awaiting")
