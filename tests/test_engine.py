"""The engine with a scripted prompter: every step type, going back, help and retries."""

from __future__ import annotations

import io
from pathlib import Path
from textwrap import dedent
from typing import Any

import pytest

from cbtcli.definitions.catalog import ListFinder, list_folders, load_catalog
from cbtcli.definitions.loader import load_exercise
from cbtcli.errors import AnswerError, Interrupted
from cbtcli.guide.engine import BACK, Ask, walk
from cbtcli.guide.prompters.scripted import ScriptedPrompter

from .helpers import THOUGHT_RECORD_ANSWERS

ALL_TYPES = """
id: all-types
title: All types
intro: Every step type once.
steps:
  - id: note
    type: info
    prompt: Just read this.
  - id: words
    type: text
    prompt: Say something
  - id: pick
    type: choice
    prompt: Pick one
    choices: [yes, partly, no]
  - id: picks
    type: multi_choice
    prompt: Pick some
    choices:
      - {id: a, label: Apple}
      - {id: b, label: Banana}
  - id: score
    type: rating
    prompt: How much, given "{words}"?
    min: 1
    max: 10
  - id: feelings
    type: emotions
    prompt: Feelings?
  - id: items
    type: list
    prompt: Items?
  - id: again
    type: rerate
    of: feelings
    prompt: Feelings now?
    context: [words, pick]
  - id: only_if_no
    type: text
    prompt: Why not?
    when: {step: pick, in: ["no"]}
    required: false
"""


class Script:
    """A prompter that plays back a list of replies and records what it was asked."""

    can_retry = True

    def __init__(self, replies: list[Any]) -> None:
        self.replies = list(replies)
        self.asked: list[Ask] = []
        self.problems: list[str] = []
        self.infos: list[str] = []

    def begin(self, *args: Any) -> None:
        pass

    def show_info(self, step: Any, text: str) -> None:
        self.infos.append(text)

    def ask(self, request: Ask) -> Any:
        self.asked.append(request)
        if not self.replies:
            raise Interrupted("no more replies")
        return self.replies.pop(0)

    def problem(self, message: str) -> None:
        self.problems.append(message)


@pytest.fixture
def exercise(tmp_path: Path):
    path = tmp_path / "all.yaml"
    path.write_text(dedent(ALL_TYPES), encoding="utf-8")
    return load_exercise(path, ListFinder(list_folders()))


REPLIES = [
    "hello",
    "Partly",
    ["a", "Banana"],
    "7",
    {"Anxious": "60", "sad": 20},
    ["one", " ", "two"],
    {"anxious": 30, "sad": "10"},
]


def test_every_step_type_is_normalised(exercise) -> None:
    script = Script(REPLIES)
    answers = walk(exercise, 0, script)
    assert answers == {
        "words": "hello",
        "pick": "partly",
        "picks": ["a", "b"],
        "score": 7,
        "feelings": {"anxious": 60, "sad": 20},
        "items": ["one", "two"],
        "again": {"anxious": 30, "sad": 10},
    }
    assert script.infos == ["Just read this."]
    assert script.asked[3].prompt == 'How much, given "hello"?'
    assert script.asked[6].context == [("Say something", "hello"), ("Pick one", "partly")]
    assert [r.number for r in script.asked] == [1, 2, 3, 4, 5, 6, 7]


def test_when_shows_a_step_only_on_a_matching_answer(exercise) -> None:
    replies = list(REPLIES)
    replies[1] = "no"
    answers = walk(exercise, 0, Script([*replies, "it was raining"]))
    assert answers["only_if_no"] == "it was raining"


@pytest.mark.parametrize(
    ("index", "bad", "message"),
    [
        (1, "maybe", "'maybe' is not one of the choices"),
        (3, "11", "from 1 to 10; 11 is out of range"),
        (3, "lots", "whole number from 1 to 10"),
        (4, {"anxious": 101}, "from 0 to 100; 101 is out of range"),
        (6, {"angry": 10}, "'angry' was not one of the feelings rated earlier"),
        (0, "", "needs an answer"),
    ],
)
def test_a_bad_answer_is_explained_and_asked_again(exercise, index, bad, message) -> None:
    replies = list(REPLIES)
    replies.insert(index, bad)
    script = Script(replies)
    answers = walk(exercise, 0, script)
    assert any(message in p for p in script.problems), script.problems
    assert answers["words"] == "hello"


def test_going_back_offers_the_old_answer_again(exercise) -> None:
    script = Script(["hello", BACK, "hi again", *REPLIES[1:]])
    answers = walk(exercise, 0, script)
    assert answers["words"] == "hi again"
    assert script.asked[2].default == "hello"
    assert not script.asked[0].can_go_back and script.asked[1].can_go_back


def test_progress_is_reported_after_every_answer(exercise) -> None:
    seen: list[tuple[int, int]] = []
    walk(exercise, 0, Script(REPLIES), on_progress=lambda a, i: seen.append((len(a), i)))
    assert [count for count, _ in seen] == [1, 2, 3, 4, 5, 6, 7]


def test_scripted_prompter_fails_on_the_first_bad_answer(exercise) -> None:
    with pytest.raises(AnswerError) as caught:
        walk(exercise, 0, ScriptedPrompter({"words": "x", "pick": "perhaps"}))
    assert caught.value.step_id == "pick"


def test_thought_record_from_a_mapping(home) -> None:
    record = load_catalog().get("thought-record")
    answers = walk(record, 0, ScriptedPrompter(THOUGHT_RECORD_ANSWERS))
    assert answers == THOUGHT_RECORD_ANSWERS


def test_yaml_yes_and_no_stay_choice_ids(exercise) -> None:
    replies = list(REPLIES)
    replies[1] = False  # YAML reads a bare `no` as false
    answers = walk(exercise, 0, Script([*replies, "because"]))
    assert answers["pick"] == "no"


class StopsAfter(io.StringIO):
    """Typed lines, then Ctrl-C (or a killed terminal) instead of the next one."""

    def readline(self, *args: Any) -> str:
        line = super().readline(*args)
        if not line:
            raise KeyboardInterrupt
        return line


def test_each_list_item_and_feeling_is_kept_as_it_is_typed(exercise) -> None:
    from rich.console import Console

    from cbtcli.guide.prompters.plain import PlainPrompter

    typed = ["hello", "partly", "a", "7", "anxious 60", "sad 20", "", "one", "two"]
    prompter = PlainPrompter(Console(file=io.StringIO()), StopsAfter("\n".join(typed) + "\n"))
    kept: list[tuple[dict[str, Any], int]] = []
    with pytest.raises(KeyboardInterrupt):
        walk(exercise, 0, prompter, on_progress=lambda a, i: kept.append((dict(a), i)))
    feelings = [a["feelings"] for a, _ in kept if "feelings" in a]
    assert feelings[:2] == [{"anxious": 60}, {"anxious": 60, "sad": 20}]  # one at a time
    answers, cursor = kept[-1]
    assert answers["items"] == ["one", "two"]
    assert exercise.phases[0].steps[cursor].id == "items"  # a resumed draft comes back here
