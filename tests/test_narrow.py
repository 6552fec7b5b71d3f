"""At 40 columns (a phone's SSH app, a split pane) every list is stacked rather than cut: no id
shortened to `7a97…`, no step broken into one or two letters a line, nothing past the edge."""

from __future__ import annotations

import os
from pathlib import Path

import pexpect
import pytest

from .helpers import LADDER, THOUGHT_RECORD_ANSWERS, answer, practise

ENTER = "\r"


@pytest.fixture
def narrow(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    return cli


def fits(output: str, width: int = 40) -> bool:
    return all(len(line.rstrip()) <= width for line in output.splitlines())


def test_ladder_show_and_list_are_stacked(narrow) -> None:
    narrow.ok("ladder", "new", "--answers", str(narrow.write_answers(LADDER)))
    practise(narrow, peak=45, likely=40)
    practise(narrow, peak=25, likely=35)
    shown = narrow.ok("ladder", "show", "driving").output
    assert fits(shown)
    lines = [line.strip(" │") for line in shown.splitlines()]
    assert "3. Drive on the motorway for one" in lines  # the step's words, wrapped whole
    assert "1. Sit in the parked car" in lines
    assert "SUDS 20 · 2 practices" in lines
    assert "peaks ▄▃ 45 → 25" in lines
    assert "…" not in shown
    listed = narrow.ok("ladder", "list").output
    assert fits(listed) and "…" not in listed
    assert "driving  0 of 3 mastered" in listed and "2 practices" in listed


def test_journal_shows_whole_ids_and_text(narrow) -> None:
    narrow.ok(
        "do", "thought-record", "--answers", str(narrow.write_answers(THOUGHT_RECORD_ANSWERS))
    )
    narrow.ok("mood", "6", "-n", "A long walk by the river with Sam after work")
    [mood, record] = narrow.json("journal", "--json")
    output = narrow.ok("journal").output
    assert fits(output) and "…" not in output
    assert record["id"][:8] in output and mood["id"][:8] in output
    assert "Thought record · done" in output
    lines = [line.strip() for line in output.splitlines()]
    assert "Tuesday 3pm at my desk; my manager" in lines  # wrapped, not cut
    assert "asked to see me tomorrow." in lines


def test_show_puts_each_answer_under_its_label(narrow) -> None:
    result = narrow.ok(
        "do", "thought-record", "--answers", str(narrow.write_answers(THOUGHT_RECORD_ANSWERS))
    )
    entry = narrow.json("journal", "--json")[0]["id"]
    assert result.exit_code == 0
    shown = narrow.ok("show", entry).output
    assert fits(shown)
    lines = [line.strip(" │") for line in shown.splitlines()]
    assert "Belief in the hot thought now" in lines  # a label on a line of its own
    assert lines[lines.index("Belief in the hot thought now") + 1] == "85 % → 30 %"


def test_exercises_and_due_fit(narrow) -> None:
    exercises = narrow.ok("exercises").output
    assert fits(exercises)
    lines = [line.rstrip() for line in exercises.splitlines()]
    assert "  thought-record  5 min" in lines
    before = {
        "prediction": "If I speak up in the meeting, people will think I'm stupid",
        "belief_before": 80,
        "alternative": "Most people won't mind",
        "alternative_belief_before": 30,
        "experiment": "Ask one question",
        "how_will_i_know": "Someone laughs or sighs",
        "when_where": "Monday standup",
    }
    narrow.ok("do", "behavioural-experiment", "--answers", str(narrow.write_answers(before)))
    due = narrow.ok("due").output
    assert fits(due) and "…" not in due
    assert "next: Review" in due


def test_menu_descriptions_wrap_at_words(cbt_script: str, home: Path) -> None:
    env = {**os.environ, "CBT_HOME": str(home), "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    env.pop("COLUMNS", None)
    child = pexpect.spawn(
        cbt_script, ["do", "thought-record"], env=env, encoding="utf-8", dimensions=(30, 40)
    )
    child.timeout = 15
    answer(child, "What was happening?", "At work" + ENTER)
    answer(child, "(0-100)?", " " + ENTER)
    answer(child, "How strong", "70" + ENTER)
    answer(child, "What went through", "I failed" + ENTER + ENTER)
    answer(child, "hardest?", "I failed" + ENTER)
    answer(child, "believe", "80" + ENTER)
    answer(child, "thinking", "\x1b[B" * 4)  # to "Mind reading"
    # the question and the description break between words, not inside them
    child.expect(r"Assuming you know what(\x1b\[[0-9;]*[A-Za-z]|\s)+others")
    child.sendintr()
    child.expect(pexpect.EOF)


def test_prep_lists_hang_under_their_first_word(narrow) -> None:
    from .helpers import PHQ9_ITEMS, answers_for

    for scores in ([3, 3, 2, 2, 2, 2, 1, 1, 0], [1, 1, 1, 0, 1, 1, 0, 0, 0]):
        narrow.ok(
            "measure",
            "phq9",
            "--answers",
            str(narrow.write_answers(answers_for(PHQ9_ITEMS, scores))),
        )
    page = narrow.ok("prep", "--talk-about", "Sleep").output
    assert fits(page)
    lines = page.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("- PHQ-9:"))
    assert lines[start + 1].startswith("  ") and lines[start + 1][2] != " "  # wrapped, hung
