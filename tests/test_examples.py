"""Every built-in exercise ships a complete answers file in exercises/examples/, and each
one runs end to end: every phase saved, then shown and exported under its steps' labels."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cbtcli.definitions.catalog import Catalog, ListFinder, exercise_files, list_folders
from cbtcli.paths import builtin_exercises_dir

from .helpers import flat

EXERCISES = builtin_exercises_dir()
EXAMPLES = EXERCISES / "examples"
# Exercises whose example needs something in the journal first (exposure practises a ladder).
NEEDS = {"exposure": ["fear-ladder"]}


def builtin_exercises():  # type: ignore[no-untyped-def]
    catalog = Catalog(EXERCISES, ListFinder(list_folders()))
    return [catalog.get(path.stem) for path in exercise_files(EXERCISES)]


def example_files(exercise) -> list[Path]:  # type: ignore[no-untyped-def]
    """One file for a one-phase exercise, ID.PHASE.yaml for each phase of a phased one."""
    if len(exercise.phases) == 1:
        return [EXAMPLES / f"{exercise.id}.yaml"]
    return [EXAMPLES / f"{exercise.id}.{phase.id}.yaml" for phase in exercise.phases] + [
        EXAMPLES / f"{exercise.id}.{phase.id}.again.yaml"
        for phase in exercise.phases
        if phase.repeat
    ]


def run_example(cli, exercise) -> str:  # type: ignore[no-untyped-def]
    """Do every phase from its example; returns the entry's id."""
    first, *later = example_files(exercise)
    cli.ok("do", exercise.id, "--answers", str(first))
    entry_id = cli.json("journal", "--json", "-e", exercise.id)[0]["id"]
    for path in later:
        cli.ok("review", entry_id, "--answers", str(path))
    return entry_id


ALL = builtin_exercises()


@pytest.mark.parametrize("exercise", ALL, ids=[e.id for e in ALL])
def test_every_builtin_exercise_has_its_examples(exercise) -> None:  # type: ignore[no-untyped-def]
    for path in example_files(exercise):
        assert path.is_file(), f"{exercise.id} has no example answers file {path.name}"
        assert isinstance(yaml.safe_load(path.read_text(encoding="utf-8")), dict)


def test_no_example_without_its_exercise() -> None:
    known = {path.name for e in ALL for path in example_files(e)}
    for path in EXAMPLES.glob("*.yaml"):
        assert path.name in known, f"{path.name} matches no built-in exercise or phase"


@pytest.mark.parametrize("exercise", ALL, ids=[e.id for e in ALL])
def test_each_example_runs_end_to_end_and_shows_its_labels(cli, exercise, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "250")  # labels on one line each, to find them whole
    for needed in NEEDS.get(exercise.id, []):
        cli.ok("do", needed, "--answers", str(EXAMPLES / f"{needed}.yaml"))
    entry_id = run_example(cli, exercise)

    entry = cli.json("show", entry_id, "--json")
    assert entry["status"] == "complete"
    answered = [s for s in exercise.steps if s.has_answer and s.id in entry["answers"]]
    given = {key for path in example_files(exercise) for key in yaml.safe_load(path.read_text())}
    assert given <= {s.id for s in answered}, "every answer in the example is kept"

    shown = flat(cli.ok("show", entry_id).output)
    exported = flat(cli.ok("export", "-f", "md", "-o", "-", "-e", exercise.id).output)
    for step in answered:
        if step.label and not step.private:
            # a long label wraps in its column, so `show` is checked word by word
            assert all(w in shown for w in step.label.split()), f"'{step.label}' not in show"
            assert step.label in exported, f"'{step.label}' not in the export"
