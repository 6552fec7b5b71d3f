"""Secure delete while someone else is reading the journal: cbt never says the words are gone
while they are still in the file, and the next command that writes finishes the wipe."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cbtcli.journal import open_journal
from cbtcli.journal.wipe import wipe

from .helpers import THOUGHT_RECORD_ANSWERS, flat

SECRET = "Zanzibar-umbrella-secret-4417"


def all_bytes(home: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(home.glob("journal.db*")))


def write_secret(cli) -> str:
    answers = cli.write_answers({**THOUGHT_RECORD_ANSWERS, "situation": SECRET})
    cli.ok("do", "thought-record", "--answers", str(answers))
    cli.ok("mood", "5")
    [entry] = [e for e in cli.json("journal", "--json") if e.get("answers", {}).get("situation")]
    return entry["id"]


def test_a_delete_while_another_program_reads_says_the_words_remain_then_wipes_them(
    cli, home: Path, monkeypatch
) -> None:
    monkeypatch.setenv("CBT_BUSY_TIMEOUT_MS", "200")
    entry_id = write_secret(cli)
    # another program reading the journal: a real connection inside a read transaction
    reader = sqlite3.connect(home / "journal.db", isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM entries").fetchone()  # holds this state of the file
    said = flat(cli.ok("delete", entry_id, "--yes").output)
    assert f"Deleted entry {entry_id[:8]}, but its words are still in the journal file" in said
    assert "another program is reading the journal" in said
    assert SECRET.encode() in all_bytes(home)  # what it said is true
    assert entry_id not in {e["id"] for e in cli.json("journal", "--json")}  # but it is deleted

    cli.ok("mood", "6")  # still being read: the wipe waits, and the check-in is saved
    assert SECRET.encode() in all_bytes(home)
    reader.execute("COMMIT")
    reader.close()
    cli.ok("mood", "7")  # the next command that writes, once the reader has gone
    assert SECRET.encode() not in all_bytes(home)
    with open_journal(home / "journal.db") as journal:
        assert journal.get_meta("wipe_pending") is None
        assert journal.integrity() == "ok"


def test_a_delete_without_readers_wipes_at_once(cli, home: Path) -> None:
    entry_id = write_secret(cli)
    said = flat(cli.ok("delete", entry_id, "--yes").output)
    assert said == f"Deleted entry {entry_id[:8]}."
    assert SECRET.encode() not in all_bytes(home)


def test_a_vacuum_that_fails_is_never_reported_as_a_wipe(cli, home: Path) -> None:
    entry_id = write_secret(cli)
    with open_journal(home / "journal.db") as journal:
        journal.delete(entry_id, scrub=False)
        reading = journal.conn.execute("SELECT value FROM json_each('[1, 2, 3]')")
        reading.fetchone()  # a statement still running: SQLite refuses to VACUUM
        reason = wipe(journal)
        reading.close()
        assert reason  # said, never reported as wiped
        assert journal.query("SELECT 1 FROM entries WHERE id = ?", [entry_id]) == []
        assert journal.get_meta("wipe_pending") == "1"
    with open_journal(home / "journal.db") as journal:  # the next writer finishes it
        assert journal.get_meta("wipe_pending") is None
    assert SECRET.encode() not in all_bytes(home)
