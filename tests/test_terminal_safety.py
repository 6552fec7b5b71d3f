"""Text read from anywhere never drives the terminal: stored escape sequences are shown, not
obeyed, by every command that prints them, and exports are safe for their format."""

from __future__ import annotations

import csv
import io

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cbtcli.terminal.console import for_terminal

from .helpers import THOUGHT_RECORD_ANSWERS

TITLE = "\x1b]0;pwned\x07"  # sets the window title
CLIPBOARD = "\x1b]52;c;ZXZpbA==\x07"  # writes the clipboard
CLEAR = "\x1b[2J"  # clears the screen
C1 = "\x9b31m"  # a C1 control sequence introducer
HOSTILE = f"before{TITLE}{CLIPBOARD}{CLEAR}{C1}after"


def test_for_terminal_shows_controls_and_keeps_the_rest() -> None:
    assert for_terminal("a\x1b[2Jb") == "a␛[2Jb"
    assert for_terminal("bell\x07") == "bell^G"
    assert for_terminal("c1\x9bx") == "c1<U+009B>x"
    assert for_terminal("line one\n\tline two, café 😊") == "line one\n\tline two, café 😊"


@pytest.fixture
def hostile_journal(cli, home):
    answers = {
        **THOUGHT_RECORD_ANSWERS,
        "situation": HOSTILE,
        "emotions": {f"tense{CLEAR}": 70},
        "emotions_after": {f"tense{CLEAR}": 30},
        "automatic_thoughts": [HOSTILE],
        "hot_thought": HOSTILE,
    }
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(answers)))
    ladder = {"goal": HOSTILE, "ladder": {"name": "bus", "steps": [{"text": HOSTILE, "suds": 40}]}}
    cli.ok("ladder", "new", "--answers", str(cli.write_answers(ladder, "ladder.yaml")))
    plan = {
        "warning_signs": [HOSTILE],
        "coping_strategies": ["walk"],
        "distractions": ["park"],
        "people_to_ask": ["Sam"],
        "professionals": ["GP"],
        "safe_environment": ["Doesn't apply to me"],
        "reasons_for_living": [HOSTILE],
        "likelihood": 8,
    }
    cli.ok("do", "safety-plan", "--answers", str(cli.write_answers(plan, "plan.yaml")))
    cli.ok("mood", "5", "-n", HOSTILE)
    folder = home / "exercises"
    folder.mkdir()
    exercise = {
        "id": "odd",
        "title": f"Odd{TITLE}",
        "version": 1,
        "intro": "x",
        "steps": [{"id": "a", "type": "text", "prompt": "a?", "help": "h"}],
    }
    (folder / "odd.yaml").write_text(yaml.safe_dump(exercise), encoding="utf-8")
    return next(e["id"] for e in cli.json("journal", "--json") if e["exercise"] == "thought-record")


COMMANDS = [
    ("journal",),
    ("journal", "--search", "before"),
    ("summary",),
    ("patterns",),
    ("help-now",),
    ("ladder", "list"),
    ("ladder", "show", "bus"),
    ("exercises",),
    ("today",),
    ("export", "-f", "md", "-o", "-"),
    ("export", "-f", "html", "-o", "-"),
    ("export", "-f", "csv", "-o", "-"),
]


@pytest.mark.parametrize("args", COMMANDS)
def test_no_stored_escape_reaches_the_terminal(cli, hostile_journal, args) -> None:
    result = cli.ok(*args)
    assert "\x1b" not in result.output and "\x9b" not in result.output, args


def test_show_prints_the_words_with_their_controls_visible(cli, hostile_journal) -> None:
    output = cli.ok("show", hostile_journal).output
    assert "\x1b" not in output and "\x9b" not in output
    assert "before␛]0;pwned" in output


def test_json_keeps_the_exact_text(cli, hostile_journal) -> None:
    assert cli.json("show", hostile_journal, "--json")["answers"]["situation"] == HOSTILE


def test_csv_neutralises_formulas(cli, home) -> None:
    answers = {
        **THOUGHT_RECORD_ANSWERS,
        "situation": '=HYPERLINK("http://x")',
        "hot_thought": "+1+1",
    }
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(answers)))
    rows = list(csv.DictReader(io.StringIO(cli.ok("export", "-f", "csv", "-o", "-").output)))
    assert rows[0]["situation"] == '\'=HYPERLINK("http://x")'
    assert rows[0]["hot_thought"] == "'+1+1"


def test_csv_treats_every_cell_alike_titles_and_old_answers_too(cli, home) -> None:
    """An exercise file's title and an answer kept from an older definition reach the CSV
    through the same cell rule as answers."""
    from cbtcli import paths

    folder = paths.user_exercises_dir()
    folder.mkdir(parents=True)
    definition = folder / "odd.yaml"
    definition.write_text(
        "id: odd\ntitle: '=cmd|calc'\nsteps:\n"
        "  - {id: first, type: text, prompt: First?}\n"
        "  - {id: gone, type: text, prompt: Soon removed?}\n",
        encoding="utf-8",
    )
    answers = {"first": "fine", "gone": f"kept {C1}"}
    cli.ok("do", "odd", "--answers", str(cli.write_answers(answers)))
    definition.write_text(
        "id: odd\ntitle: '=cmd|calc'\nsteps:\n  - {id: first, type: text, prompt: First?}\n",
        encoding="utf-8",
    )
    out = cli.ok("export", "-f", "csv", "-o", "-").output
    assert "\x9b" not in out
    row = next(csv.DictReader(io.StringIO(out)))
    assert row["title"] == "'=cmd|calc"
    assert "<U+009B>" in row["other"] and "kept" in row["other"]


@settings(max_examples=200)
@given(st.lists(st.text(alphabet=st.characters(max_codepoint=0x17F)), max_size=6))
def test_many_texts_at_once_are_made_safe_as_each_alone(texts) -> None:
    from cbtcli.terminal.safe_text import all_for_terminal, for_terminal

    assert all_for_terminal(texts) == [for_terminal(text) for text in texts]
