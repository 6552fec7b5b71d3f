"""The exercise loader: every built-in file loads, and each kind of mistake is reported."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from cbtcli import paths
from cbtcli.definitions.catalog import ListFinder, list_folders, load_catalog, validate_files
from cbtcli.definitions.loader import load_exercise
from cbtcli.errors import ExerciseError

from .helpers import assert_one_clear_sentence, flat

GOOD = """
id: tiny
title: Tiny
summary: A tiny exercise.
intro: Why it helps.
steps:
  - id: feeling
    type: emotions
    prompt: How do you feel?
  - id: thought
    type: text
    prompt: What went through your mind?
  - id: belief
    type: rating
    prompt: How much do you believe "{thought}"?
  - id: again
    type: rerate
    of: feeling
    prompt: And now?
"""


def write(tmp_path: Path, text: str, name: str = "ex.yaml") -> Path:
    path = tmp_path / name
    path.write_text(dedent(text), encoding="utf-8")
    return path


def problems_for(tmp_path: Path, text: str) -> list[str]:
    path = write(tmp_path, text)
    with pytest.raises(ExerciseError) as caught:
        load_exercise(path, ListFinder(list_folders()))
    assert all(str(path) in p for p in caught.value.problems)
    return caught.value.problems


def test_every_builtin_exercise_loads(home: Path) -> None:
    catalog = load_catalog()
    assert "thought-record" in catalog.exercises
    assert catalog.problems == []
    record = catalog.get("thought-record")
    assert [s.id for s in record.steps] == [
        "situation",
        "emotions",
        "automatic_thoughts",
        "hot_thought",
        "belief_before",
        "distortions",
        "evidence_for",
        "evidence_against",
        "balanced_thought",
        "belief_balanced",
        "belief_after",
        "emotions_after",
        "new_emotions",
        "action_plan",
    ]
    traps = record.step("distortions")
    assert traps is not None and len(traps.choices) >= 10
    assert all(c.help and c.example for c in traps.choices)


def test_every_builtin_exercise_opens_with_why_and_has_help_on_every_step(home: Path) -> None:
    catalog = load_catalog()
    for exercise in catalog.exercises.values():
        assert exercise.intro.strip(), exercise.id
        missing = [s.id for s in exercise.steps if s.type != "info" and not s.help.strip()]
        assert missing == [], f"{exercise.id}: no help for {missing}"


def test_builtin_files_are_named_after_their_id(home: Path) -> None:
    # the catalog finds a built-in exercise by its file name, so it reads only that file
    catalog = load_catalog()
    for path in sorted(paths.builtin_exercises_dir().glob("*.yaml")):
        assert catalog.get(path.stem).source == path


def test_a_good_file_loads(tmp_path: Path) -> None:
    exercise = load_exercise(write(tmp_path, GOOD), ListFinder(list_folders()))
    assert exercise.id == "tiny" and exercise.version == 1
    assert exercise.step("again").of == "feeling"


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    problems = problems_for(tmp_path, "id: x\ntitle: X\nsteps:\n  - id: a\n    type: [text\n")
    assert len(problems) == 1
    assert ":6:" in problems[0] or ":5:" in problems[0]
    assert "YAML syntax error" in problems[0]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("    type: emotions\n", "missing required key 'prompt'"),
        ("    type: slider\n    prompt: x\n", "unknown step type 'slider'"),
        (
            "    type: rating\n    prompt: x\n    min: 10\n    max: 5\n",
            "'min' (10) is greater than 'max' (5)",
        ),
        (
            "    type: choice\n    prompt: x\n    choices: no-such-list\n",
            "unknown shared list 'no-such-list'",
        ),
        (
            "    type: text\n    prompt: About {later}?\n",
            "'{later}' refers to 'later', which is not an earlier step",
        ),
        (
            "    type: rerate\n    prompt: x\n    of: later\n",
            "'of: later' must name an earlier emotions step",
        ),
        (
            "    type: text\n    prompt: x\n    context: [nothing]\n",
            "context 'nothing' is not an earlier step",
        ),
        ("    type: text\n    prompt: x\n    colour: red\n", "unknown key 'colour'"),
        (
            "    type: text\n    prompt: x\n    when: {step: later, answered: true}\n",
            "'when' refers to 'later', which is not an earlier step",
        ),
        (
            "    type: text\n    prompt: x\n    when: {step: later, answered: yes please}\n",
            "{step: STEP_ID, answered: true}",
        ),
    ],
)
def test_each_kind_of_mistake_is_reported(tmp_path: Path, change: str, expected: str) -> None:
    text = f"id: x\ntitle: X\nsteps:\n  - id: first\n{change}  - id: later\n    type: emotions\n    prompt: y\n"
    problems = problems_for(tmp_path, text)
    assert any(expected in p for p in problems), problems
    assert any("step 'first'" in p for p in problems)


def test_missing_top_level_keys_and_duplicate_ids_are_all_reported(tmp_path: Path) -> None:
    problems = problems_for(
        tmp_path,
        """
        steps:
          - id: same
            type: text
            prompt: a
          - id: same
            type: text
            prompt: b
        """,
    )
    text = "\n".join(problems)
    assert "missing required key 'id'" in text
    assert "missing required key 'title'" in text
    assert "duplicate step id" in text
    assert len(problems) == 3


def test_validate_command_reports_and_fails(cli, tmp_path: Path) -> None:
    bad = write(tmp_path, "id: Bad Id\ntitle: X\nsteps: []\n", "bad.yaml")
    good = write(tmp_path, GOOD, "good.yaml")
    assert cli("exercises", "validate", str(good)).exit_code == 0
    result = cli("exercises", "validate", str(good), str(bad))
    assert_one_clear_sentence(result, "bad.yaml", "kebab-case", "non-empty list")
    assert result.exit_code == 1
    assert "good.yaml" not in result.output


def test_user_exercise_overrides_builtin_with_notice(cli, home: Path) -> None:
    folder = paths.user_exercises_dir()
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text(
        GOOD.replace("id: tiny", "id: thought-record"), encoding="utf-8"
    )
    result = cli.ok("exercises")
    assert "replaces the built-in 'thought-record'" in flat(result.output)
    assert "(yours)" in result.output


def test_broken_user_exercise_is_skipped_with_a_warning(cli, home: Path) -> None:
    folder = paths.user_exercises_dir()
    folder.mkdir(parents=True)
    (folder / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    result = cli.ok("exercises")
    assert "broken.yaml" in result.output
    assert "thought-record" in result.output


def test_validate_names_a_missing_file(cli, tmp_path: Path) -> None:
    assert validate_files([tmp_path / "nope.yaml"]) == [f"{tmp_path / 'nope.yaml'}: no such file."]


def test_a_rating_condition_needs_an_earlier_rating_and_a_number(tmp_path: Path) -> None:
    condition = "    when: {{step: {step}, at_least: {least}}}\n"
    text = GOOD + "  - id: note\n    type: info\n    prompt: A note.\n"
    good = write(tmp_path, text + condition.format(step="belief", least=70))
    assert load_exercise(good, ListFinder(list_folders()))
    on_text = problems_for(tmp_path, text + condition.format(step="thought", least=70))
    assert any("'at_least' needs an earlier rating, not 'thought'" in p for p in on_text)
    not_a_number = problems_for(tmp_path, text + condition.format(step="belief", least="high"))
    assert any("{step: RATING, at_least: NUMBER}" in p for p in not_a_number)
