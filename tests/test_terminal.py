"""The installed `cbt` console script in a real pseudo-terminal (pexpect) and over a pipe."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from .helpers import (
    DOWN,
    ENTER,
    PIPED_THOUGHT_RECORD,
    SPACE,
    answer,
    interrupt,
    journal_json,
    spawn,
)


def test_a_whole_thought_record_in_a_terminal(cbt_script: str, home: Path) -> None:
    child = spawn(cbt_script, home, "do", "thought-record")
    child.expect_exact("Thought record")  # the title, then why it helps, then the keys
    child.expect_exact("How we feel is shaped partly by what we tell ourselves")
    child.expect_exact("Ctrl-C saves a draft")
    answer(child, "What was happening?", "Waiting for test results" + ENTER)
    answer(child, "What did you feel", SPACE + ENTER)
    answer(child, "How strong is 'anxious'", "75" + ENTER)
    answer(child, "What went through your mind", "It will be bad news" + ENTER)
    child.expect_exact("2.")
    child.send(ENTER)
    answer(child, "Which thought hit hardest?", "It will be bad news" + ENTER)
    answer(child, "How much do you believe", "70" + ENTER)
    answer(child, "thinking traps", DOWN * 5 + SPACE + ENTER)
    answer(child, "What facts support", ENTER)
    answer(child, "What facts don't fit", "The doctor said it's routine" + ENTER)
    child.expect_exact("2.")
    child.send(ENTER)
    answer(child, "more balanced way", "It is most likely routine" + ENTER)
    answer(child, 'believe "It is most likely routine"', "60" + ENTER)
    answer(child, "Now, how much do you believe", "30" + ENTER)
    answer(child, "anxious (was 75)", "40" + ENTER)
    answer(child, "Are there any new feelings", ENTER)  # none: the step is optional
    child.expect_exact("Saved to your journal")
    answer(child, "Flag this to discuss with your therapist?", DOWN + ENTER)
    child.expect_exact("Flagged")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    [entry] = journal_json(cbt_script, home)
    assert entry["status"] == "complete" and entry["flagged"] is True
    assert entry["answers"]["distortions"] == ["fortune-telling"]
    assert "evidence_for" not in entry["answers"]  # left empty: optional, so no answer
    assert entry["answers"]["emotions_after"] == {"anxious": 40}


def test_ctrl_c_in_a_terminal_saves_a_draft(cbt_script: str, home: Path) -> None:
    child = spawn(cbt_script, home, "do", "thought-record")
    answer(child, "What was happening?", "On the train" + ENTER)
    assert interrupt(child, at="What did you feel", says="cbt do --resume") == 130
    [draft] = journal_json(cbt_script, home, "--drafts")
    assert draft["answers"] == {"situation": "On the train"}
    child = spawn(cbt_script, home, "do", "--resume")
    child.expect_exact("Welcome back. We'll pick up where you left off.")
    child.expect_exact("What did you feel")  # the first question not yet answered
    child.sendintr()
    child.expect(pexpect.EOF)


def test_list_items_and_feelings_are_kept_as_they_are_typed(cbt_script: str, home: Path) -> None:
    child = spawn(cbt_script, home, "do", "thought-record")
    answer(child, "What was happening?", "On the train" + ENTER)
    answer(child, "What did you feel", SPACE + DOWN * 3 + SPACE + ENTER)  # two feelings
    answer(child, "How strong is 'anxious'", "75" + ENTER)
    assert interrupt(child, at="How strong is 'ashamed'", says="cbt do --resume") == 130
    [draft] = journal_json(cbt_script, home, "--drafts")
    assert draft["answers"]["emotions"] == {"anxious": 75}  # the one rated is kept

    child = spawn(cbt_script, home, "do", "--resume")
    child.expect_exact("What did you feel")  # back at the step it was stopped in
    child.send(ENTER)  # the feeling kept is ticked already
    answer(child, "How strong is 'anxious'", ENTER)  # and keeps its strength
    answer(child, "What went through your mind", "Everyone is staring" + ENTER)
    answer(child, "2.", "I'll miss the stop" + ENTER)
    assert interrupt(child, at="3.", says="cbt do --resume") == 130
    [draft] = journal_json(cbt_script, home, "--drafts")
    assert draft["answers"]["emotions"] == {"anxious": 75}
    assert draft["answers"]["automatic_thoughts"] == ["Everyone is staring", "I'll miss the stop"]

    child = spawn(cbt_script, home, "do", "--resume")
    child.expect_exact("What went through your mind")  # the list, with both items in it
    answer(child, "1.", ENTER)
    child.expect_exact("Everyone is staring")
    answer(child, "2.", ENTER)
    answer(child, "3.", "It will never end" + ENTER)
    answer(child, "4.", ENTER)
    assert interrupt(child, at="Which thought hit hardest?", says="cbt do --resume") == 130
    [draft] = journal_json(cbt_script, home, "--drafts")
    assert draft["answers"]["automatic_thoughts"] == [
        "Everyone is staring",
        "I'll miss the stop",
        "It will never end",
    ]


def test_piped_input_uses_plain_prompts(cbt_script: str, home: Path) -> None:
    env = {**os.environ, "CBT_HOME": str(home)}
    result = subprocess.run(
        [cbt_script, "do", "thought-record"],
        input=PIPED_THOUGHT_RECORD,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "\x1b[" not in result.stdout  # no escape codes when output is not a terminal
    assert "Saved to your journal" in result.stdout
    assert journal_json(cbt_script, home)[0]["answers"]["belief_after"] == 40


@pytest.mark.parametrize("args", [["--version"], ["--help"]])
def test_console_script_starts(cbt_script: str, args: list[str]) -> None:
    result = subprocess.run([cbt_script, *args], capture_output=True, text=True)
    assert result.returncode == 0
    assert "cbt" in result.stdout


def test_the_home_menu_starts_a_mood_check_in(cbt_script: str, home: Path) -> None:
    child = spawn(cbt_script, home)
    child.expect_exact("What would you like to do?")
    child.send(DOWN + ENTER)  # second in the menu, after the thought record
    answer(child, "How is your mood right now", "7" + ENTER)
    answer(child, "Any feelings you'd like to name?", ENTER)
    answer(child, "Anything you'd like to note", "Sunny walk" + ENTER)
    child.expect_exact("Mood 7/10")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    conn = sqlite3.connect(home / "journal.db")
    assert conn.execute("SELECT score, note FROM moods").fetchall() == [(7, "Sunny walk")]
    conn.close()


def test_the_home_menu_is_short_and_every_exercise_is_one_step_away(
    cbt_script: str, home: Path
) -> None:
    env = {**os.environ, "CBT_HOME": str(home)}
    set_goal = [cbt_script, "goal", "set", "behavioural-activation", "3/week"]
    assert subprocess.run(set_goal, env=env, capture_output=True).returncode == 0
    child = spawn(cbt_script, home)
    child.expect_exact("Not now")
    first = child.before
    # the thought record, a check-in, the exercise with a weekly goal, then the rest
    assert first.index("Mood check-in") < first.index("Activity plan") < first.index("More")
    assert "Fear ladder" not in first and first.count("\n   ") < 8  # short: the day stays in view
    child.send(DOWN * 3 + ENTER)
    child.expect_exact("Which exercise?")
    child.expect_exact("Fear ladder")
    child.send("<")  # back to the short menu
    child.expect_exact("What would you like to do?")
    child.send(DOWN * 3 + ENTER)
    child.expect_exact("Which exercise?")
    child.send(ENTER)  # the first of them all: a mood check-in
    child.expect_exact("How is your mood right now")
    child.sendintr()
    child.expect(pexpect.EOF)


def test_a_long_menu_entry_on_a_narrow_screen_breaks_between_words(
    cbt_script: str, home: Path
) -> None:
    environ = {**os.environ, "CBT_HOME": str(home), "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    for size in ("COLUMNS", "LINES"):  # the terminal's own size, as a person's would be
        environ.pop(size, None)
    child = pexpect.spawn(
        cbt_script, ["do"], env=environ, encoding="utf-8", dimensions=(24, 40), timeout=15
    )
    answer(child, "Not now", DOWN * 2 + ENTER)  # More exercises
    child.expect_exact("Which exercise?")
    child.send("\x1b[A" * 5)  # up from the top: round to the end of the list, in view
    # "Three-minute breathing space (mindfulness)" is 45 columns with the pointer: whole
    # words on two lines, "(mindfulness)" starting the second, not "(mindfulnes" and "s)".
    codes = r"(?:\x1b\[[0-9;?]*[A-Za-z]| )*"
    child.expect(r"space" + codes + r"\r\r\n" + codes + r"\(mindfulne")
    child.sendintr()
    child.expect(pexpect.EOF)


def test_ctrl_c_at_the_home_menu_starts_nothing(cbt_script: str, home: Path) -> None:
    child = spawn(cbt_script, home)
    assert interrupt(child, at="What would you like to do?", says="Nothing was started.") == 130
    assert journal_json(cbt_script, home, "--drafts") == []


def test_editing_a_ladder_with_arrow_keys(cbt_script: str, home: Path, tmp_path: Path) -> None:
    ladder = tmp_path / "ladder.yaml"
    ladder.write_text(
        "goal: Drive again\nladder:\n  name: driving\n  steps:\n"
        "    - {step: Sit in the car, suds: 20}\n    - {step: Drive round the block, suds: 50}\n",
        encoding="utf-8",
    )
    assert (
        subprocess.run(
            [cbt_script, "ladder", "new", "--answers", str(ladder)],
            env={**os.environ, "CBT_HOME": str(home)},
            capture_output=True,
        ).returncode
        == 0
    )
    child = spawn(cbt_script, home, "ladder", "edit", "driving")
    answer(child, "Its name (Enter keeps it)", ENTER)  # keep the name
    answer(child, "Anything to change?", DOWN + ENTER)  # add steps
    answer(child, "Step 3:", "Drive to the shops" + ENTER)
    answer(child, "How much distress", "70" + ENTER)
    answer(child, "Step 4:", ENTER)
    answer(child, "Anything to change?", ENTER)  # the ladder is ready
    child.expect_exact("Saved the ladder 'driving' (3 steps)")
    child.expect(pexpect.EOF)
    child.close()
    shown = subprocess.run(
        [cbt_script, "ladder", "show", "driving"],
        env={**os.environ, "CBT_HOME": str(home)},
        capture_output=True,
        text=True,
    ).stdout
    assert "Drive to the shops" in shown and "70" in shown


def test_do_without_an_exercise_offers_the_menu_in_a_terminal(cbt_script: str, home: Path) -> None:
    child = spawn(cbt_script, home, "do")
    answer(child, "What would you like to do?", ENTER)  # the thought record comes first
    child.expect_exact("What was happening?")
    child.sendintr()
    child.expect_exact("nothing to save")
    child.expect(pexpect.EOF)


def test_commands_never_import_pydantic(tmp_path: Path) -> None:
    """cli/fastparams.py converts cbt's plain parameters itself; if a Typer release changes
    the internals it relies on, this fails (cbt would still work, about 80 ms slower)."""
    program = (
        "import sys\n"
        "sys.argv = ['cbt', 'summary', '--since', '7d', '--json']\n"
        "from cbtcli.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('pydantic' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "CBT_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [sys.executable, "-c", program], env=env, capture_output=True, text=True
    )
    assert result.stderr.strip().splitlines()[-1] == "False", result.stderr


def test_the_first_question_comes_before_rich_loads(home: Path) -> None:
    """An exercise opens with prompt_toolkit's own printing so its first question is on the
    screen sooner; rich (about 30 ms) loads after. If an import creeps in, this fails."""
    program = (
        "import sys\n"
        "from prompt_toolkit.application import Application\n"
        "def first_question(self, *args, **kwargs):\n"
        "    print('rich loaded:', 'rich.console' in sys.modules, flush=True)\n"
        "    raise KeyboardInterrupt\n"
        "Application.run = first_question\n"
        "sys.argv = ['cbt', 'do', 'thought-record']\n"
        "from cbtcli.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
    )
    env = {**os.environ, "CBT_HOME": str(home), "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    child = pexpect.spawn(sys.executable, ["-c", program], env=env, encoding="utf-8", timeout=15)
    child.expect(r"rich loaded: (True|False)")
    assert child.match.group(1) == "False"
    child.expect(pexpect.EOF)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["mood", "abc"], "'abc' is not a whole number"),
        (["journal", "-n", "0"], "0 is too small; the least is 1"),
    ],
)
def test_the_console_scripts_own_parameter_errors(
    cbt_script: str, home: Path, args, message
) -> None:
    result = subprocess.run(
        [cbt_script, *args],
        env={**os.environ, "CBT_HOME": str(home)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert message in " ".join(result.stderr.split()) and "Traceback" not in result.stderr
