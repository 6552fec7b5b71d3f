"""`?` (help) and `<` (back) in every kind of prompt, in a real pseudo-terminal: what the hint
above every step promises, typed or picked from a menu."""

from __future__ import annotations

from pathlib import Path

import pexpect

from .helpers import answer, interrupt, journal_json, spawn

ENTER, DOWN, SPACE = "\r", "\x1b[B", " "
TRAPS = 13  # thinking traps in the built-in list, before the menu's separator


def test_keys_in_tick_boxes_feelings_and_ratings(cbt_script: str, home: Path) -> None:
    child = spawn(cbt_script, home, "do", "thought-record")
    answer(child, "What was happening?", "At my desk" + ENTER)
    # feelings: `?` shows help and keeps the tick; `<` at the first rating goes back to the ticks
    answer(child, "What did you feel", SPACE + "?")
    child.expect_exact("Feelings are usually one word")
    answer(child, "What did you feel", ENTER)
    answer(child, "How strong is 'anxious'", "<" + ENTER)
    answer(child, "What did you feel", DOWN + SPACE + ENTER)  # anxious still ticked, add sad
    answer(child, "How strong is 'anxious'", "?" + ENTER)
    child.expect_exact("Feelings are usually one word")
    answer(child, "How strong is 'anxious'", "70" + ENTER)
    answer(child, "How strong is 'sad'", "<" + ENTER)  # back to the rating before
    answer(child, "How strong is 'anxious'", "\x7f\x7f75" + ENTER)
    answer(child, "How strong is 'sad'", "30" + ENTER)
    answer(child, "What went through your mind", "They think I'm slow" + ENTER)
    answer(child, "2.", "<" + ENTER)  # a list: `<` takes the item before back to edit
    answer(child, "1.", " today" + ENTER)
    answer(child, "2.", ENTER)
    answer(child, "Which thought hit hardest?", "They think I'm slow" + ENTER)
    # a rating: typed `?` shows its range, typed `<` goes back a step
    answer(child, "How much do you believe", "?" + ENTER)
    child.expect_exact("A whole number from 0 to 100")
    answer(child, "How much do you believe", "<" + ENTER)
    answer(child, "Which thought hit hardest?", ENTER)  # keeps the answer
    answer(child, "How much do you believe", "80" + ENTER)
    # tick boxes: Enter on "Show help" shows help and keeps the ticks; Enter on "Go back" goes
    # back rather than saying the step needs an answer; typed `?` and `<` do the same
    answer(child, "thinking traps", DOWN * 4 + SPACE + DOWN * (TRAPS - 4) + ENTER)
    child.expect_exact("Thinking traps are common patterns")
    answer(child, "thinking traps", DOWN * (TRAPS + 1) + ENTER)
    answer(child, "How much do you believe", ENTER)  # keeps 80
    answer(child, "thinking traps", "<")
    answer(child, "How much do you believe", "\x7f\x7f85" + ENTER)
    answer(child, "thinking traps", DOWN * 4 + SPACE + "?")
    child.expect_exact("Thinking traps are common patterns")
    answer(child, "thinking traps", ENTER)  # mind reading is still ticked
    child.expect_exact("What facts support")
    assert interrupt(child, at="1.", says="cbt do --resume") == 130
    [draft] = journal_json(cbt_script, home, "--drafts")
    assert draft["answers"]["emotions"] == {"anxious": 75, "sad": 30}
    assert draft["answers"]["automatic_thoughts"] == ["They think I'm slow today"]
    assert draft["answers"]["belief_before"] == 85
    assert draft["answers"]["distortions"] == ["mind-reading"]


def test_keys_in_menus_and_questionnaire_items(cbt_script: str, home: Path) -> None:
    child = spawn(cbt_script, home, "measure", "phq9")
    answer(child, "(1/9)", "<")  # the first question: nowhere to go back to, said in place
    child.expect_exact("nowhere to go back to")
    answer(child, "(1/9)", ENTER)  # Not at all
    answer(child, "(2/9)", DOWN + ENTER)  # Several days
    answer(child, "(3/9)", "<")  # back to the item before, its answer still picked
    answer(child, "(2/9)", DOWN + ENTER)  # so one more down is "More than half the days"
    answer(child, "(3/9)", "?")
    child.expect_exact("Answer for the last two weeks as a whole")
    for number in range(3, 10):
        answer(child, f"({number}/9)", ENTER)
    # a one-choice menu: `?` and Enter on "Show help" show its help; `<` goes back a step
    answer(child, "how difficult", "?")
    child.expect_exact("doesn't change your score")
    answer(child, "how difficult", DOWN * 4 + ENTER)
    child.expect_exact("doesn't change your score")
    answer(child, "how difficult", "<")
    for number in range(1, 10):
        answer(child, f"({number}/9)", ENTER)  # each keeps its answer
    answer(child, "how difficult", DOWN + ENTER)  # Somewhat difficult
    child.expect_exact("Flag this")
    child.sendintr()
    child.expect(pexpect.EOF)
    [entry] = journal_json(cbt_script, home)
    assert entry["answers"]["phq9"]["down"] == 2
    assert entry["answers"]["phq9"]["interest"] == 0
    assert entry["answers"]["difficulty"] == "somewhat"


def test_typing_in_a_tick_box_menu_moves_and_never_ticks(cbt_script: str, home: Path) -> None:
    """questionary ticks every box on "a": someone typing "sad 90" ticked a dozen feelings.
    Letters move to the next choice starting with them; only space ticks."""
    child = spawn(cbt_script, home, "do", "thought-record")
    answer(child, "What was happening?", "At my desk" + ENTER)
    answer(child, "What did you feel", "sad 90" + ENTER)  # letters move; the space ticks one
    child.expect(r"How strong is '(\w+)'")
    first = child.match.group(1)
    child.send("40" + ENTER)
    child.expect_exact("What went through your mind")
    assert interrupt(child, at="1.", says="cbt do --resume") == 130
    [draft] = journal_json(cbt_script, home, "--drafts")
    assert draft["answers"]["emotions"] == {first: 40}  # one feeling, not all of them
