"""Mood check-ins are entries like any other: listed, shown, edited, deleted and exported."""

from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta
from pathlib import Path

from pypdf import PdfReader

from cbtcli.journal import open_journal

from .helpers import THOUGHT_RECORD_ANSWERS, assert_one_clear_sentence, flat


def check_in(cli, *args: str) -> dict:
    cli.ok("mood", *args)
    return cli.json("journal", "--json", "-e", "mood", "-n", "1")[0]


def test_check_ins_are_listed_with_entries_and_alone(cli, home: Path) -> None:
    first = check_in(cli, "6", "-n", "long day at the office", "-e", "tired=70")
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(THOUGHT_RECORD_ANSWERS)))
    with open_journal(home / "journal.db") as journal:  # a minute later, whatever the clock
        later = datetime.fromisoformat(first["completed_at"]) + timedelta(minutes=1)
        journal.add_mood(3, when=later)
    last = cli.json("journal", "--json", "-e", "mood", "-n", "1")[0]
    assert last["answers"] == {"score": 3}
    listed = cli.json("journal", "--json")
    assert [e["exercise"] for e in listed] == ["mood", "thought-record", "mood"]  # newest first
    assert listed[0]["id"] == last["id"] and listed[2]["id"] == first["id"]
    assert listed[2]["answers"] == {
        "score": 6,
        "emotions": {"tired": 70},
        "note": "long day at the office",
    }
    assert [e["id"] for e in cli.json("journal", "--json", "-e", "mood")] == [
        last["id"],
        first["id"],
    ]
    both = cli.json("journal", "--json", "-e", "mood", "-e", "thought-record")
    assert len(both) == 3
    assert [e["id"] for e in cli.json("journal", "--json", "-s", "OFFICE")] == [first["id"]]
    assert [e["id"] for e in cli.json("journal", "--json", "-s", "tired")] == [first["id"]]
    assert cli.json("journal", "--json", "--drafts") == []  # a check-in is never a draft
    assert cli.json("journal", "--json", "-n", "1") == [last]
    table = flat(cli.ok("journal").output)
    assert "Mood check-in" in table and "6/10 tired 70" in table


def test_a_check_in_is_shown_in_full(cli) -> None:
    mood = check_in(cli, "6", "-n", "long day", "-e", "tired=70", "-e", "calm=20")
    shown = flat(cli.ok("show", mood["id"][:6]).output)
    for words in ("Mood check-in", "Mood 6 / 10", "Feelings • tired 70 • calm 20", "Note long day"):
        assert words in shown, shown
    assert cli.json("show", mood["id"][:6], "--json") == mood
    assert mood["exercise"] == "mood" and mood["status"] == "complete"


def test_a_check_in_is_edited_step_by_step(cli) -> None:
    mood = check_in(cli, "6", "-n", "long day", "-e", "tired=70")
    result = cli.ok("edit", mood["id"][:8], "note", input="better after a walk\n")
    assert "Updated note" in result.output
    cli.ok("edit", mood["id"][:8], "score", input="8\n")
    again = cli.json("show", mood["id"], "--json")
    assert again["answers"] == {
        "score": 8,
        "emotions": {"tired": 70},
        "note": "better after a walk",
    }
    assert again["completed_at"] == mood["completed_at"]  # when it was, not when it was edited
    assert cli.json("summary", "--json")["mood"]["average"] == 8
    assert_one_clear_sentence(cli("edit", mood["id"][:8], "situation"), "'situation' is not a step")


def test_words_of_risk_in_an_edited_note_are_noted(cli) -> None:
    mood = check_in(cli, "4", "-n", "a hard day")
    result = cli.ok("edit", mood["id"][:8], "note", input="I want to kill myself\n")
    assert "988" in flat(result.output) or "116 123" in flat(result.output)
    alerts = cli.json("show", mood["id"], "--json")["alerts"]
    assert len(alerts) == 1 and alerts[0]["step"] == "note"


def test_a_check_in_is_deleted_for_good(cli, home: Path) -> None:
    keep = check_in(cli, "7", "-n", "kept")
    gone = check_in(cli, "2", "-n", "zanzibar-orchid")
    assert_one_clear_sentence(cli("delete", gone["id"][:8]), "add --yes")
    cli.ok("delete", gone["id"][:8], "--yes")
    assert [e["id"] for e in cli.json("journal", "--json")] == [keep["id"]]
    assert_one_clear_sentence(cli("show", gone["id"][:8]), "No entry has an id")
    assert cli.json("summary", "--json")["mood"]["check_ins"] == 1
    for path in home.rglob("journal.db*"):
        assert b"zanzibar-orchid" not in path.read_bytes(), path


def test_commands_for_exercise_entries_say_what_a_check_in_is(cli) -> None:
    mood = check_in(cli, "5")
    assert_one_clear_sentence(cli("flag", mood["id"][:8]), "is a mood check-in", "cbt show")


def test_no_exercise_of_ones_own_can_take_the_check_ins_id(cli, home: Path) -> None:
    path = home / "mine.yaml"
    home.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "id: mood\ntitle: Mine\nsteps:\n  - {id: a, type: text, prompt: Hi?}\n", encoding="utf-8"
    )
    assert "id 'mood' is cbt's own" in flat(cli("exercises", "validate", str(path)).output)


def test_check_in_notes_and_feelings_are_in_every_export(cli, tmp_path: Path) -> None:
    check_in(cli, "6", "-n", "long day at the office", "-e", "tired=70")
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(THOUGHT_RECORD_ANSWERS)))
    for fmt in ("md", "html"):
        out = tmp_path / f"out.{fmt}"
        cli.ok("export", "-f", fmt, "-o", str(out))
        text = out.read_text(encoding="utf-8")
        assert "Mood check-ins" in text
        assert "Mood: 6 / 10 · Feelings: tired 70 · Note: long day at the office" in text, fmt
    pdf = tmp_path / "out.pdf"
    cli.ok("export", "-f", "pdf", "-o", str(pdf))
    words = flat(" ".join(page.extract_text() for page in PdfReader(pdf).pages))
    assert "Mood check-ins" in words and "Note: long day at the office" in words
    assert "tired 70" in words
    folder = tmp_path / "csv"
    cli.ok("export", "-f", "csv", "-o", f"{folder}/")
    with (folder / "moods.csv").open(newline="", encoding="utf-8") as handle:
        (row,) = csv.DictReader(handle)
    assert row["note"] == "long day at the office" and "tired" in row["emotions"]
    out = tmp_path / "out.json"
    cli.ok("export", "-f", "json", "-o", str(out))
    (mood,) = json.loads(out.read_text(encoding="utf-8"))["moods"]
    assert mood["note"] == "long day at the office" and mood["emotions"] == {"tired": 70}
    # Narrowed to other exercises, or to flagged entries, an export has no check-ins.
    for narrowing in (["-e", "thought-record"], ["--flagged"]):
        out = tmp_path / f"narrow{narrowing[0]}.md"
        cli.ok("export", "-f", "md", "-o", str(out), *narrowing)
        assert "long day" not in out.read_text(encoding="utf-8"), narrowing


def test_a_check_ins_safety_note_is_exported(cli, tmp_path: Path) -> None:
    cli.ok("mood", "2", "-n", "I want to die")
    out = tmp_path / "out.md"
    cli.ok("export", "-f", "md", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert "Safety note: Crisis resources were shown during this entry:" in text
