"""The journal file: schema migrations, privacy of its files, and refusing bad files."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from cbtcli.errors import EntryNotFound, JournalError
from cbtcli.journal import AWAITING, COMPLETE, DRAFT, Entry, open_journal
from cbtcli.journal.schema import MIGRATION_SET, build_migrations

from .helpers import THOUGHT_RECORD_ANSWERS, assert_one_clear_sentence, at


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_opening_creates_a_private_folder_and_file_whatever_the_umask(home: Path) -> None:
    old = os.umask(0)
    try:
        with open_journal() as journal:
            journal.add_mood(5)
            assert journal.path == home / "journal.db"
            wal = home / "journal.db-wal"
            assert wal.exists() and mode(wal) == 0o600
    finally:
        os.umask(old)
    assert mode(home) == 0o700
    assert mode(home / "journal.db") == 0o600


def test_db_option_chooses_the_file(cli, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "my.db"
    cli.ok("--db", str(target), "mood", "7")
    assert target.exists() and mode(target) == 0o600
    assert not (cli.home / "journal.db").exists()


def test_migrations_from_an_older_schema_keep_entries_and_fill_ratings(home: Path) -> None:
    from sqlite_utils import Database

    home.mkdir()
    path = home / "journal.db"
    db = Database(path)
    build_migrations().apply(db, stop_before="0002_ratings")
    assert "ratings" not in db.table_names()
    db.execute(
        """INSERT INTO entries (id, exercise_id, exercise_version, exercise_title, status,
           started_at, started_offset, updated_at, local_day, answers)
           VALUES ('0123abcd-0000-0000-0000-000000000000', 'thought-record', 1, 'Thought record',
           'complete', '2026-01-01T10:00:00+00:00', 60, '2026-01-01T10:00:00+00:00',
           '2026-01-01', ?)""",
        [json.dumps(THOUGHT_RECORD_ANSWERS)],
    )
    db.close()
    with open_journal() as journal:
        assert journal.schema_version() == build_migrations()._migrations[-1].name
        entry = journal.get("0123abcd")
        assert entry.answers == THOUGHT_RECORD_ANSWERS
        assert entry.started.utcoffset().total_seconds() == 3600
        rows = journal.query("SELECT step_id, item, value FROM ratings ORDER BY step_id, item")
    assert ("belief_before", "", 85) in {(r["step_id"], r["item"], r["value"]) for r in rows}
    assert len(rows) == 6


def test_each_entry_reads_back_with_the_times_it_was_written(home: Path) -> None:
    """A time stored twice (finished as last written, or at once) is read once: each of the
    three still comes back as written, in its own zone, whatever the entry's state."""
    begun = at(date(2026, 3, 2), 9, 15, offset_hours=1)
    later = at(date(2026, 3, 2), 21, 40, offset_hours=-5)
    edited = at(date(2026, 3, 4), 8, 0, offset_hours=5.5)
    in_utc = at(date(2026, 3, 3), 7, 0)
    cases = [  # (status, updated, completed)
        (DRAFT, begun, None),
        (DRAFT, later, None),
        (AWAITING, later, None),
        (COMPLETE, begun, begun),
        (COMPLETE, later, later),
        (COMPLETE, edited, later),
        (COMPLETE, edited, begun),
        (COMPLETE, in_utc, in_utc),
        (COMPLETE, begun, later),  # as an import may hold: last written when begun
    ]
    with open_journal() as journal:
        written = []
        for status, updated, completed in cases:
            entry = Entry.new("journal-note", 1, "Note", begun, status, completed=completed)
            entry.updated = updated
            journal.insert(entry)
            written.append(entry)
        for entry in written:
            got = journal.get(entry.id)
            assert (got.started, got.started.utcoffset()) == (begun, timedelta(hours=1))
            assert got.completed == entry.completed
            if entry.completed is not None:
                assert got.completed.utcoffset() == entry.completed.utcoffset()
            # The last write is shown in the zone the entry was finished in (begun in, if not
            # finished, or finished in UTC).
            zone = (entry.completed and entry.completed.utcoffset()) or begun.utcoffset()
            assert (got.updated, got.updated.utcoffset()) == (entry.updated, zone)


def bytes_of(path: Path) -> bytes:
    return path.read_bytes()


def test_a_file_that_is_not_sqlite_is_left_alone(cli, home: Path) -> None:
    home.mkdir()
    path = home / "journal.db"
    path.write_text("my shopping list\n", encoding="utf-8")
    before = bytes_of(path)
    assert_one_clear_sentence(cli("journal"), "is not a cbt journal")
    assert bytes_of(path) == before


def test_a_folder_where_the_journal_should_be(cli, home: Path) -> None:
    (home / "journal.db").mkdir(parents=True)
    assert_one_clear_sentence(cli("mood", "5"), "is a folder, not a file")


def test_a_truncated_journal_is_reported_and_left_as_it_was(cli, home: Path) -> None:
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(THOUGHT_RECORD_ANSWERS)))
    path = home / "journal.db"
    data = bytes_of(path)
    path.write_bytes(data[: len(data) // 3])
    before = bytes_of(path)
    result = cli("journal")
    assert_one_clear_sentence(result, "is damaged")
    assert bytes_of(path) == before


def test_a_journal_from_a_newer_version_is_refused(cli, home: Path) -> None:
    cli.ok("mood", "5")
    path = home / "journal.db"
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        [MIGRATION_SET, "0099_from_the_future", "2030-01-01"],
    )
    conn.commit()
    conn.close()
    before = bytes_of(path)
    assert_one_clear_sentence(cli("journal"), "newer version of cbt", "upgrade")
    assert bytes_of(path) == before


def test_ambiguous_and_unknown_prefixes(home: Path) -> None:
    with open_journal() as journal:
        first = journal.start_entry("thought-record", 1, "Thought record")
        with pytest.raises(EntryNotFound, match="No entry"):
            journal.get("ffff0000")
        assert journal.get(first.id[:4]).id == first.id
        journal.conn.execute("UPDATE entries SET id = ? WHERE id = ?", ["abcd1111-x", first.id])
        second = journal.start_entry("thought-record", 1, "Thought record")
        journal.conn.execute("UPDATE entries SET id = ? WHERE id = ?", ["abcd2222-x", second.id])
        with pytest.raises(EntryNotFound, match="More than one"):
            journal.get("abcd")


def test_journal_error_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(b"not sqlite at all, really not")
    with pytest.raises(JournalError, match=str(path)):
        open_journal(path)


def test_a_journal_whose_time_index_was_dropped_is_still_read_in_order(cli, home) -> None:
    import sqlite3

    for score in (3, 5, 7):
        cli.ok("mood", str(score))
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(THOUGHT_RECORD_ANSWERS)))
    conn = sqlite3.connect(home / "journal.db")
    conn.execute("DROP INDEX entries_by_time")
    conn.commit()
    conn.close()
    assert "Thought record" in cli.ok("export", "-f", "md", "-o", "-").output
