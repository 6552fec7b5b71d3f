"""The real questionary prompts, driven through prompt_toolkit's pipe input."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cbtcli.definitions.catalog import load_catalog
from cbtcli.guide import doing
from cbtcli.guide.outcome import DraftSaved
from cbtcli.journal import open_journal

from .helpers import CTRL_C, DOWN, ENTER, SPACE, piped_prompter

# One keystroke string per step of the thought record.
THOUGHT_RECORD_KEYS = [
    "Lunch with friends, I went quiet" + ENTER,  # situation
    SPACE + DOWN + DOWN + SPACE + ENTER + "70" + ENTER + "30" + ENTER,  # emotions: anxious, angry
    "They think I'm boring" + ENTER + "I have nothing to say" + ENTER + ENTER,  # thoughts
    "They think I'm boring" + ENTER,  # hot thought
    "90" + ENTER,  # belief before
    DOWN * 4 + SPACE + ENTER,  # thinking traps: mind reading
    "Nobody asked me a question" + ENTER + ENTER,  # evidence for
    "Sam laughed at my joke" + ENTER + ENTER,  # evidence against
    "Some quiet moments are normal; Sam enjoyed my joke" + ENTER,  # balanced thought
    "70" + ENTER,  # belief in the balanced thought
    "35" + ENTER,  # belief after
    "40" + ENTER + "10" + ENTER,  # re-rate
    SPACE + ENTER + "50" + ENTER,  # new feelings: relieved
]


@pytest.fixture
def keys() -> Iterator[tuple]:
    with piped_prompter() as found:
        yield found


def test_a_whole_thought_record_with_arrow_keys(home: Path, keys) -> None:
    pipe, prompter, output = keys
    pipe.send_text("".join(THOUGHT_RECORD_KEYS))
    with open_journal() as journal:
        outcome = doing.start(journal, load_catalog().get("thought-record"), prompter)
        stored = journal.get(outcome.entry.id)
    assert stored.status == "complete"
    assert stored.answers == {
        "situation": "Lunch with friends, I went quiet",
        "emotions": {"anxious": 70, "angry": 30},
        "automatic_thoughts": ["They think I'm boring", "I have nothing to say"],
        "hot_thought": "They think I'm boring",
        "belief_before": 90,
        "distortions": ["mind-reading"],
        "evidence_for": ["Nobody asked me a question"],
        "evidence_against": ["Sam laughed at my joke"],
        "balanced_thought": "Some quiet moments are normal; Sam enjoyed my joke",
        "belief_after": 35,
        "belief_balanced": 70,
        "emotions_after": {"anxious": 40, "angry": 10},
        "new_emotions": {"relieved": 50},
    }
    shown = output.getvalue()
    assert "Hot thought: They think I'm boring" in shown  # context kept in view
    # a list step opens with the same line as every other question
    assert "› (3/13) What went through your mind just then?" in shown


def test_a_hot_thought_still_believed_points_to_an_action_plan(home: Path, keys) -> None:
    pipe, prompter, output = keys
    keys_ = list(THOUGHT_RECORD_KEYS)
    keys_[10] = "80" + ENTER  # belief in the hot thought stays high
    keys_[-1] = ENTER  # no new feelings
    pipe.send_text("".join(keys_))
    with open_journal() as journal:
        outcome = doing.start(journal, load_catalog().get("thought-record"), prompter)
    assert "new_emotions" not in outcome.entry.answers
    assert "cbt do problem-solving" in output.getvalue()


def test_help_is_a_keystroke_away(home: Path, keys) -> None:
    pipe, prompter, output = keys
    pipe.send_text("?" + ENTER + CTRL_C)
    with open_journal() as journal, pytest.raises(DraftSaved):
        doing.start(journal, load_catalog().get("thought-record"), prompter)
    assert "Describe it like a camera would" in output.getvalue()


def test_out_of_range_rating_is_refused_in_place(home: Path, keys) -> None:
    pipe, prompter, _ = keys
    keys_ = list(THOUGHT_RECORD_KEYS)
    keys_[4] = "150" + ENTER + "\x7f" * 3 + "90" + ENTER
    pipe.send_text("".join(keys_))
    with open_journal() as journal:
        outcome = doing.start(journal, load_catalog().get("thought-record"), prompter)
    assert outcome.entry.answers["belief_before"] == 90


def test_ctrl_c_part_way_leaves_a_draft_that_resumes(home: Path, keys) -> None:
    pipe, prompter, _ = keys
    pipe.send_text("".join(THOUGHT_RECORD_KEYS[:5]) + CTRL_C)
    catalog = load_catalog()
    record = catalog.get("thought-record")
    with open_journal() as journal:
        with pytest.raises(DraftSaved) as caught:
            doing.start(journal, record, prompter)
        assert "cbt do --resume" in str(caught.value)
        draft = journal.get(caught.value.entry.id)
        assert draft.status == "draft"
        assert draft.answers["belief_before"] == 90
        assert "distortions" not in draft.answers
        pipe.send_text("".join(THOUGHT_RECORD_KEYS[5:]))
        done = doing.resume_entry(journal, record, draft, prompter)
        assert journal.get(done.entry.id).status == "complete"


def test_going_back_from_a_menu(home: Path, keys) -> None:
    pipe, prompter, _ = keys
    keys_ = list(THOUGHT_RECORD_KEYS)
    # at the thinking traps menu, choose "Go back" (after 13 traps, the separator is skipped,
    # then "Show help", then "Go back"), then answer belief again with 95
    keys_[5] = DOWN * 14 + SPACE + ENTER + "\x7f\x7f95" + ENTER + keys_[5]
    pipe.send_text("".join(keys_))
    with open_journal() as journal:
        outcome = doing.start(journal, load_catalog().get("thought-record"), prompter)
    assert outcome.entry.answers["belief_before"] == 95
    assert outcome.entry.answers["distortions"] == ["mind-reading"]


def test_building_and_practising_a_ladder_with_arrow_keys(home: Path, keys) -> None:
    pipe, prompter, output = keys
    catalog = load_catalog()
    pipe.send_text(
        "Take the bus to work"
        + ENTER
        + "bus"
        + ENTER
        + "Ride one stop"
        + ENTER
        + "50"
        + ENTER
        + "Stand at the bus stop"
        + ENTER
        + "20"
        + ENTER
        + ENTER  # no more steps
        + DOWN * 2
        + ENTER  # change a step's rating
        + DOWN
        + ENTER  # the second step (Ride one stop)
        + "\x7f\x7f55"
        + ENTER
        + ENTER  # the ladder is ready
    )
    with open_journal() as journal:
        built = doing.start(journal, catalog.get("fear-ladder"), prompter)
        ladder = built.entry.answers["ladder"]
        assert ladder["name"] == "bus"
        assert [(s["text"], s["suds"]) for s in ladder["steps"]] == [
            ("Stand at the bus stop", 20),
            ("Ride one stop", 55),
        ]
        assert "usually have 8 to 12 steps" in output.getvalue()
        pipe.send_text(
            ENTER + "People will stare" + ENTER + "60" + ENTER + ENTER + "40" + ENTER
        )  # no safety habits to drop listed
        practised = doing.start(journal, catalog.get("exposure"), prompter)
    assert practised.entry.answers["ladder_step"]["step"] == "Stand at the bus stop"
    assert practised.entry.status == "awaiting"


def test_the_ladder_builder_takes_help_and_back_keys_too(home: Path, keys) -> None:
    pipe, prompter, output = keys
    pipe.send_text(
        "Take the bus to work" + ENTER + "bus" + ENTER
        + "?" + ENTER  # help at a step's wording: not a step called "?"
        + "Ride one stop" + ENTER + "50" + ENTER
        + "<" + ENTER  # back to the ladder, like an empty line
        + "?"  # help from the ladder's menu
        + DOWN * 3 + ENTER  # reword a step...
        + "<"  # ...never mind
        + ENTER  # the ladder is ready
    )  # fmt: skip
    with open_journal() as journal:
        built = doing.start(journal, load_catalog().get("fear-ladder"), prompter)
    steps = built.entry.answers["ladder"]["steps"]
    assert [(s["text"], s["suds"]) for s in steps] == [("Ride one stop", 50)]
    assert output.getvalue().count("SUDS (subjective units of distress)") == 2


def test_risk_words_in_a_list_left_part_way_still_bring_help(home: Path, keys) -> None:
    pipe, prompter, _ = keys
    shown: list = []
    written = "I want to kill myself"
    pipe.send_text("".join(THOUGHT_RECORD_KEYS[:2]) + written + ENTER + CTRL_C)
    with open_journal() as journal:
        with pytest.raises(DraftSaved) as caught:
            doing.start(journal, load_catalog().get("thought-record"), prompter, alert=shown.append)
        draft = journal.get(caught.value.entry.id)
    assert draft.answers["automatic_thoughts"] == [written]
    assert [n.kind for n in shown] == ["text"] and shown[0].first and shown[0].stopping
    assert [a["step"] for a in draft.alerts] == ["automatic_thoughts"]  # kept with the draft


def test_a_list_left_part_way_without_risk_words_shows_nothing(home: Path, keys) -> None:
    pipe, prompter, _ = keys
    shown: list = []
    pipe.send_text("".join(THOUGHT_RECORD_KEYS[:2]) + "They think I'm boring" + ENTER + CTRL_C)
    with open_journal() as journal, pytest.raises(DraftSaved) as caught:
        doing.start(journal, load_catalog().get("thought-record"), prompter, alert=shown.append)
    assert shown == [] and caught.value.entry.alerts == []
