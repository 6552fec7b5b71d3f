"""The `pause` step: a quiet countdown in a terminal, skippable with Enter; instant with an
answers file or piped input."""

from __future__ import annotations

from pathlib import Path

import pexpect
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .helpers import ENTER, flat, journal_json, spawn

PAUSE_EXERCISE = """
id: still
title: Be still
summary: A pause between two ratings.
intro: A short pause helps.
steps:
  - id: before
    type: rating
    label: Calm before
    prompt: How calm are you?
    min: 0
    max: 10
  - id: breathe
    type: pause
    prompt: Breathe slowly and notice the breath.
    help: Eyes open or closed, whichever feels better.
    seconds: {seconds}
  - id: after
    type: rating
    label: Calm after
    prompt: How calm are you now?
    min: 0
    max: 10
"""


def write_exercise(home: Path, seconds: int) -> None:
    folder = home / "exercises"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "still.yaml").write_text(PAUSE_EXERCISE.replace("{seconds}", str(seconds)))


def test_a_pause_is_skipped_with_enter(cbt_script: str, home: Path) -> None:
    write_exercise(home, 600)
    child = spawn(cbt_script, home, "do", "still")
    child.expect_exact("How calm are you?")
    child.send("3" + ENTER)
    child.expect_exact("Breathe slowly")
    child.expect_exact("10:00")  # the countdown, from ten minutes
    child.expect_exact("Enter to carry on")
    child.send("?")  # help, then the countdown carries on
    child.expect_exact("Eyes open or closed")
    child.expect(r"\d:\d\d")
    child.send(ENTER)
    child.expect_exact("Carrying on.")
    child.expect_exact("How calm are you now?")
    child.send("7" + ENTER)
    child.expect_exact("Flag this to discuss with your therapist?")
    child.send(ENTER)  # the first choice: not now
    child.expect(pexpect.EOF)
    [entry] = journal_json(cbt_script, home)
    assert entry["answers"] == {"before": 3, "after": 7}


def test_a_pause_ends_by_itself_and_goes_back_with_the_back_key(
    cbt_script: str, home: Path
) -> None:
    write_exercise(home, 1)
    child = spawn(cbt_script, home, "do", "still")
    child.expect_exact("How calm are you?")
    child.send("3" + ENTER)
    child.expect_exact("0:01")
    child.expect_exact("Time's up.")  # nothing pressed: it carries on by itself
    child.expect_exact("How calm are you now?")
    child.send("<" + ENTER)  # back past the pause, to the first rating
    child.expect_exact("How calm are you?")
    child.sendintr()
    child.expect(pexpect.EOF)


def test_a_pause_is_instant_with_answers_and_piped_input(cli, home: Path) -> None:
    write_exercise(home, 600)
    cli.ok("do", "still", "--answers", str(cli.write_answers({"before": 2, "after": 5})))
    piped = cli.ok("do", "still", input="4\n6\nn\n")
    assert "Breathe slowly and notice the breath." in flat(piped.output)
    answers = [e["answers"] for e in cli.json("journal", "--json")]
    assert {"before": 4, "after": 6} in answers and {"before": 2, "after": 5} in answers


def test_a_pause_needs_seconds_in_range(cli, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(PAUSE_EXERCISE.replace("{seconds}", "0").replace("id: still", "id: b"))
    result = cli("exercises", "validate", str(broken))
    assert result.exit_code == 1
    assert "'seconds' must be from 1 to 600" in flat(result.output)


@settings(max_examples=40, deadline=None)
@given(seconds=st.integers(min_value=-5, max_value=700))
def test_pause_seconds_are_checked_at_load(tmp_path_factory, seconds: int) -> None:
    from cbtcli.definitions.catalog import ListFinder, list_folders
    from cbtcli.definitions.loader import load_exercise
    from cbtcli.errors import ExerciseError

    path = tmp_path_factory.mktemp("pause") / "still.yaml"
    path.write_text(PAUSE_EXERCISE.replace("{seconds}", str(seconds)))
    if 1 <= seconds <= 600:
        exercise = load_exercise(path, ListFinder(list_folders()))
        assert exercise.step("breathe").seconds == seconds
        assert not exercise.step("breathe").has_answer
    else:
        with pytest.raises(ExerciseError, match="'seconds' must be from 1 to 600"):
            load_exercise(path, ListFinder(list_folders()))
