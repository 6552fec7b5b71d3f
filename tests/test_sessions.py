"""`cbt session`: the note after a therapy session, whose homework becomes weekly goals."""

from __future__ import annotations

from pathlib import Path

import pytest

from cbtcli.paths import builtin_exercises_dir

from .helpers import flat

pytestmark = pytest.mark.usefixtures("clock")

EXAMPLE = builtin_exercises_dir() / "examples" / "session.yaml"


def note(cli, **answers: object) -> str:
    base = {
        "date": "2026-11-20",
        "worked_on": "Worry about the new job",
        "homework": [],
        "goals": "add",
        "heard": 8,
        "my_topics": 8,
        "approach": 8,
        "overall": 8,
    }
    path = cli.write_answers({**base, **answers}, name=f"session-{len(str(answers))}.yaml")
    return cli.ok("session", "--answers", str(path)).output


def goals(cli) -> dict[str, int]:
    return {
        g["exercise"]: g["per_week"] for g in cli.json("export", "-f", "json", "-o", "-")["goals"]
    }


def test_the_example_note_adds_its_homework_to_the_goals(cli) -> None:
    cli.ok("goal", "set", "grounding", "2/week")
    output = flat(cli.ok("session", "--answers", str(EXAMPLE)).output)
    assert "Added to your goals: thought-record 3/week, mood 7/week" in output
    assert goals(cli) == {"grounding": 2, "thought-record": 3, "mood": 7}
    listed = flat(cli.ok("session", "list").output)
    assert "2026-11-20" in listed and "Next session: 2026-11-27" in listed
    assert "Ask Sam about the project deadline" in listed
    assert "heard 8, what I wanted 7, fit 8, overall 8" in listed


def test_replace_keep_and_tasks(cli) -> None:
    cli.ok("goal", "set", "grounding", "2/week")
    note(cli, homework=["behavioural-activation 2 per week", "Call the GP"], goals="keep")
    assert goals(cli) == {"grounding": 2}
    output = flat(note(cli, homework=["thought-record 4/week", "thought-record"], goals="replace"))
    assert "Your goals are now thought-record 4/week" in output
    assert "'thought-record' is kept as a task" in output
    assert goals(cli) == {"thought-record": 4}
    listed = flat(cli.ok("session", "list").output)
    assert "Call the GP" in listed and "2 sessions" in listed


def test_a_low_check_gets_a_gentle_word_and_a_high_one_does_not(cli) -> None:
    assert "worth saying to your therapist" not in flat(note(cli))
    assert "worth saying to your therapist" in flat(note(cli, approach=3))


def test_cbt_do_session_sets_goals_too(cli, tmp_path: Path) -> None:
    cli.ok("do", "session", "--answers", str(EXAMPLE))
    assert goals(cli) == {"thought-record": 3, "mood": 7}


def test_no_sessions_yet(cli) -> None:
    assert "No session notes yet" in cli.ok("session", "list").output


def test_no_homework_asks_nothing_about_the_goals(cli) -> None:
    """The goals question follows the homework: with none, it is not asked."""
    typed = ["2026-11-20", "Sleep", "", "", "", "", "8", "8", "8", "8"]
    result = cli("session", input="\n".join(typed) + "\n")
    assert result.exit_code == 0, result.output
    text = flat(result.output)
    assert "What should the exercises in your homework do" not in text
    assert "this step needs an answer" not in text
