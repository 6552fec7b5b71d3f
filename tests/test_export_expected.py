"""Markdown and HTML exports of a fixed journal, compared byte for byte with stored files.

The journal holds every kind of thing an export shows: each pattern section, private entries
and steps, a safety note, a draft, an exercise cbt no longer has, a repeated phase, check-ins
with feelings and activities, and text that looks like markup or holds control characters.
A change to how an export reads shows up here as a difference in the stored file; after a
change meant to alter the output, rewrite them with `WRITE_EXPECTED_EXPORTS=1` and read the diff."""

from __future__ import annotations

import os
import random
from datetime import timedelta
from pathlib import Path

import pytest

from cbtcli.journal import AWAITING, DRAFT, Mood, open_journal

from . import demo
from .helpers import FROZEN_AT, JournalBuilder

EXPECTED = Path(__file__).parent / "data" / "export"
WORDS = ["work", "meeting", "deadline", "email", "train", "family", "money", "call"]
TRAPS = ["all-or-nothing", "mind-reading", "fortune-telling", "catastrophising", "labelling"]
FEELINGS = ["anxious", "sad", "ashamed", "guilty", "lonely"]
ODD_NOTES = [
    "# not a heading *nor bold* <i>nor html</i> & 'quoted' \"twice\"",
    "1. not a list\n- nor this\n> nor a quote",
    "a bell \x07 and a screen clear \x1b[2J, shown not obeyed",
    "back\\slash `code` _under_ | pipe = equals + plus @at",
]


def build(home: Path) -> Path:
    """demo.build's month, and six more weeks of varied practice around it (seeded)."""
    path = demo.build(home, FROZEN_AT)
    rng = random.Random(19)
    now = FROZEN_AT.replace(hour=20, minute=30)
    with open_journal(path) as journal:
        build = JournalBuilder(journal)
        for day in range(29, 72):
            when = now - timedelta(days=day, hours=rng.choice([0, 5, 9, 13]))
            activities = rng.choice([["walk", "friends"], ["work"], ["gym"], []])
            emotions = {rng.choice(FEELINGS): rng.randint(20, 90)} if day % 4 == 0 else {}
            note = ODD_NOTES[day % 4] if day % 9 == 0 else ""
            score = 7 if "walk" in activities else rng.randint(2, 6)
            journal.insert_mood(Mood(f"{day:08x}-mood", score, when, note, emotions, activities))
        for n in range(30):
            when = now - timedelta(days=30 + n, hours=n % 7)
            feelings = {f: rng.randint(40, 95) for f in rng.sample(FEELINGS, 2)}
            words = " ".join(rng.choice(WORDS) for _ in range(6))
            answers = {
                "situation": f"At the {words} with Sam again.",
                "emotions": feelings,
                "automatic_thoughts": [f"I always get the {rng.choice(WORDS)} wrong"],
                "hot_thought": f"I always get the {rng.choice(WORDS)} wrong",
                "belief_before": rng.randint(60, 95),
                "distortions": rng.sample(TRAPS, 2),
                "evidence_for": [ODD_NOTES[n % 4]] if n % 10 == 0 else ["It happened once"],
                "evidence_against": ["It went fine twice", "People said thanks"],
                "balanced_thought": "Sometimes it goes wrong, and mostly it does not.",
                "belief_after": rng.randint(10, 50),
                "emotions_after": {f: max(0, v - rng.randint(10, 40)) for f, v in feelings.items()},
            }
            build.entry(
                "thought-record",
                when,
                answers,
                flagged=n % 11 == 0,
                private=n == 3,
                private_steps=["balanced_thought"] if n == 5 else [],
                alerts=[{"reason": "words about not wanting to be here"}] if n == 7 else [],
            )
        for n in range(8):
            when = now - timedelta(days=33 + n * 3, hours=2)
            answers = {
                "activity": rng.choice(["Walk by the river", "Call Mum", "Tidy the kitchen"]),
                "life_area": rng.choice(["relationships", "mind-body"]),
                "did_it": "yes",
                "mood_before": rng.randint(2, 5),
                "mood_after": rng.randint(5, 9),
            }
            build.entry("behavioural-activation", when, answers)
        for n in range(6):
            answers = {
                "prediction": "If I speak up, nobody will respond",
                "belief_before": 60 + n * 5,
                "experiment": "Make one comment in the meeting",
                "what_happened": "Two people agreed.",
                "came_true": ["no", "partly", "yes"][n % 3],
                "learned": "People respond more than I expect.",
                "belief_after": 30,
            }
            build.entry("behavioural-experiment", now - timedelta(days=35 + n * 4), answers)
        build.entry(
            "core-beliefs",
            now - timedelta(days=40),
            {
                "old_belief": "I am unlikeable",
                "old_now": 80,
                "new_belief": "I am likeable enough",
                "new_now": 30,
                "evidence": ["Ana thanked me"],
                "@repeats": {
                    "log": [{"day": "2026-02-10", "answers": {"evidence": ["Sam called back"]}}]
                },
            },
            status=AWAITING,
        )
        build.entry("thought-record", now - timedelta(days=31), {"situation": "Half done"}, DRAFT)
        build.entry(
            "an-old-exercise",
            now - timedelta(days=44),
            {"what": "An answer kept from an exercise file since removed", "rating": 4},
            labels={"what": "What happened", "rating": "How strong"},
        )
        build.entry(
            "journal-note",
            now - timedelta(days=45),
            {"note": "A step the exercise has", "gone_step": ["kept", "as stored"]},
        )
    return path


@pytest.mark.parametrize(
    ("fmt", "options"),
    [
        ("md", ()),
        ("html", ()),
        ("md", ("--include-private", "--drafts")),
        ("html", ("--include-private", "--drafts")),
        ("md", ("-e", "thought-record", "-e", "mood")),
    ],
)
def test_export_is_exactly_as_stored(cli, home, clock, tmp_path, fmt, options) -> None:
    build(home)
    target = tmp_path / f"out.{fmt}"
    cli.ok("export", "-f", fmt, "--name", "Sam", "-o", str(target), *options)
    name = "-".join(["journal", *(o.strip("-") for o in options)]) + f".{fmt}"
    expected = EXPECTED / name
    made = target.read_bytes()
    if os.environ.get("WRITE_EXPECTED_EXPORTS"):
        expected.parent.mkdir(exist_ok=True)
        expected.write_bytes(made)
    assert made == expected.read_bytes(), f"{fmt} {options}: differs from {expected}"


@pytest.fixture
def found_ahead(monkeypatch):
    """The summary (overview, patterns, check-ins) found in another process even for this
    small journal, on any computer; the answers that process gave, in order (None for one not
    taken)."""
    from cbtcli.export import ahead

    monkeypatch.setattr(ahead, "WORTH_IT", 1)
    monkeypatch.setattr(ahead, "processors", lambda: 2)
    given: list[object] = []
    answer = ahead.Finder.answer

    def noted(finder):
        found = answer(finder)
        given.append(found)
        return found

    monkeypatch.setattr(ahead.Finder, "answer", noted)
    return given


@pytest.mark.parametrize(
    ("fmt", "options"),
    [("md", ()), ("html", ()), ("md", ("--include-private", "--drafts"))],
)
def test_patterns_found_in_another_process_give_the_same_export(
    cli, home, clock, tmp_path, found_ahead, fmt, options
) -> None:
    build(home)
    target = tmp_path / f"out.{fmt}"
    cli.ok("export", "-f", fmt, "--name", "Sam", "-o", str(target), *options)
    name = "-".join(["journal", *(o.strip("-") for o in options)]) + f".{fmt}"
    assert len(found_ahead) == 1 and found_ahead[0], "the other process gave no patterns"
    assert target.read_bytes() == (EXPECTED / name).read_bytes()


@pytest.mark.parametrize(
    "command",
    [
        "import sys; sys.stdin.read(); sys.exit(3)",  # fails
        "import sys; sys.stdin.read(); print('[[1, 2]]')",  # answers something else
        "import sys; sys.stdin.read(); print('not json')",
        'import sys; sys.stdin.read(); print(\'{"overview": [[[1, 2]], []],'
        ' "patterns": [], "check_ins": []}\')',  # a number where words belong
        "import sys; sys.stdin.read(); print('[]' * 100000)",  # more than fits in a pipe
    ],
)
def test_patterns_are_found_here_when_the_other_process_fails(
    cli, home, clock, tmp_path, monkeypatch, found_ahead, command
) -> None:
    import sys

    from cbtcli.export import ahead

    monkeypatch.setattr(ahead, "COMMAND", (sys.executable, "-c", command))
    build(home)
    target = tmp_path / "out.md"
    cli.ok("export", "-f", "md", "--name", "Sam", "-o", str(target))
    assert found_ahead == [None]
    assert target.read_bytes() == (EXPECTED / "journal.md").read_bytes()


def test_an_export_narrowed_to_some_entries_starts_no_other_process(
    cli, home, clock, tmp_path, found_ahead
) -> None:
    build(home)
    target = tmp_path / "out.md"
    cli.ok(
        "export",
        "-f",
        "md",
        "--name",
        "Sam",
        "-o",
        str(target),
        "-e",
        "thought-record",
        "-e",
        "mood",
    )
    assert found_ahead == []
    assert target.read_bytes() == (EXPECTED / "journal-e-thought-record-e-mood.md").read_bytes()


def test_patterns_of_an_encrypted_journal_are_found_with_the_key_given_on_a_pipe(
    cli, home, clock, tmp_path, monkeypatch, keychain, found_ahead
) -> None:
    from .conftest import PASSPHRASE

    build(home)
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    cli.ok("encrypt")
    cli.ok("passphrase", "--remember")  # in this process's keyring only
    monkeypatch.delenv("CBT_PASSPHRASE")  # so the other process has no way in but the pipe
    target = tmp_path / "out.md"
    cli.ok("export", "-f", "md", "--name", "Sam", "-o", str(target))
    assert len(found_ahead) == 1 and found_ahead[0], "the other process gave no patterns"
    assert target.read_bytes() == (EXPECTED / "journal.md").read_bytes()


def test_an_export_encrypted_as_written_holds_its_entries_in_memory_only(
    cli, home, clock, tmp_path, monkeypatch, found_ahead
) -> None:
    import pyrage

    from cbtcli.export import ahead

    def no_file(*args, **kwargs):
        raise AssertionError("an encrypted export's words went to a temporary file")

    monkeypatch.setattr(ahead.tempfile, "SpooledTemporaryFile", no_file)
    identity = pyrage.x25519.Identity.generate()
    build(home)
    target = tmp_path / "out.md.age"
    to = str(identity.to_public())
    cli.ok("export", "-f", "md", "--name", "Sam", "--encrypt-to", to, "-o", str(target))
    assert len(found_ahead) == 1 and found_ahead[0]
    made = pyrage.decrypt(target.read_bytes(), [identity])
    assert made == (EXPECTED / "journal.md").read_bytes()


def test_entries_set_out_ahead_past_what_memory_holds_go_to_a_temporary_file(
    cli, home, clock, tmp_path, monkeypatch, found_ahead
) -> None:
    from cbtcli.export import ahead

    monkeypatch.setattr(ahead, "HELD_IN_MEMORY", 100)
    made: list[object] = []
    spooled = ahead.tempfile.SpooledTemporaryFile

    def noted(*args, **kwargs):
        made.append(spooled(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(ahead.tempfile, "SpooledTemporaryFile", noted)
    build(home)
    target = tmp_path / "out.html"
    cli.ok("export", "-f", "html", "--name", "Sam", "-o", str(target))
    assert found_ahead[0] and len(made) == 1 and made[0]._rolled  # type: ignore[attr-defined]
    assert target.read_bytes() == (EXPECTED / "journal.html").read_bytes()
