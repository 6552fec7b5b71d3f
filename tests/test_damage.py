"""A damaged or foreign file is never written to: every command either works or says so in
one sentence, and the file's bytes stay exactly as they were."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from .helpers import THOUGHT_RECORD_ANSWERS, flat

PAGE = 4096


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def journal_file(cli, home) -> Path:
    path = cli.write_answers(THOUGHT_RECORD_ANSWERS)
    for _ in range(12):  # a journal of some pages, so damage can fall mid-file
        cli.ok("do", "thought-record", "--answers", str(path))
        cli.ok("mood", "6", "-n", "an ordinary day " * 20)
    db = home / "journal.db"
    assert not (home / "journal.db-wal").exists() or (home / "journal.db-wal").stat().st_size == 0
    return db


def zero_page(path: Path, number: int) -> None:
    with path.open("r+b") as handle:
        handle.seek(number * PAGE)
        handle.write(b"\0" * PAGE)


def damage(path: Path, how: str) -> None:
    pages = path.stat().st_size // PAGE
    if how == "zeroed early page":
        zero_page(path, 2)
    elif how == "zeroed middle page":
        zero_page(path, pages // 2)
    elif how == "zeroed last page":
        zero_page(path, pages - 1)
    elif how == "truncated by one byte":
        with path.open("r+b") as handle:
            handle.truncate(path.stat().st_size - 1)
    elif how == "truncated by half":
        with path.open("r+b") as handle:
            handle.truncate(path.stat().st_size // 2)
    elif how == "flipped header":
        with path.open("r+b") as handle:
            handle.seek(0)
            handle.write(b"SQLite format 4")


DAMAGE = [
    "zeroed early page",
    "zeroed middle page",
    "zeroed last page",
    "truncated by one byte",
    "truncated by half",
    "flipped header",
]
WRITES = [
    ("mood", "5"),
    ("do", "thought-record", "--answers", "ANSWERS"),
    ("backup", "BACKUP"),
    ("goal", "set", "mood", "3/week"),
    ("config", "set", "name", "Sam"),
]


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_journal_is_never_written(cli, journal_file, tmp_path, how) -> None:
    damage(journal_file, how)
    before = digest(journal_file)
    answers = str(cli.write_answers(THOUGHT_RECORD_ANSWERS, "again.yaml"))
    for args in WRITES:
        args = tuple(
            answers if a == "ANSWERS" else str(tmp_path / "b.db") if a == "BACKUP" else a
            for a in args
        )
        result = cli(*args)
        assert result.exit_code in (0, 1), (args, result.output)
        assert "went wrong inside cbt" not in result.output, (args, result.output)
        if args[0] not in ("config",):  # settings live outside the journal
            assert result.exit_code == 1, (how, args, result.output)
        assert digest(journal_file) == before, (how, args)
    assert not (tmp_path / "b.db").exists()  # no backup copies damage


@pytest.mark.parametrize("how", ["zeroed middle page", "truncated by one byte"])
def test_repair_builds_a_new_journal_and_leaves_the_damaged_one(
    cli, journal_file, tmp_path, how
) -> None:
    damage(journal_file, how)
    before = digest(journal_file)
    target = tmp_path / "repaired.db"
    result = cli.ok("repair", "-o", str(target))
    assert "The damaged journal was not changed" in flat(result.output)
    assert digest(journal_file) == before
    entries = cli.json("--db", str(target), "journal", "--json", "-n", "100")
    assert len(entries) >= 6  # most of what was written survives
    cli.ok("--db", str(target), "mood", "7")  # and it is a sound journal to carry on with


def test_another_programs_database_is_never_adopted(cli, tmp_path) -> None:
    photos = tmp_path / "photos.db"
    conn = sqlite3.connect(photos)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO photos (name) VALUES ('beach.jpg')")
    conn.commit()
    conn.close()
    before = digest(photos)
    for args in (("journal",), ("mood", "5"), ("summary",)):
        result = cli("--db", str(photos), *args)
        assert result.exit_code == 1
        assert "another program's SQLite database, not a cbt journal" in flat(result.output)
    assert digest(photos) == before
    assert not Path(str(photos) + "-wal").exists()


def test_a_sound_journal_is_checked_in_full_only_when_something_else_changed_it(
    cli, journal_file
) -> None:
    from cbtcli.journal.integrity import stamp_path, unchanged_since_checked

    assert unchanged_since_checked(journal_file)
    assert oct(stamp_path(journal_file).stat().st_mode & 0o777) == "0o600"
    with journal_file.open("ab") as handle:  # touched by something else
        handle.write(b"")
    import os

    os.utime(journal_file)
    assert not unchanged_since_checked(journal_file)
    cli.ok("mood", "5")  # checked in full, found sound, written, and remembered again
    assert unchanged_since_checked(journal_file)


def test_being_read_is_not_being_changed(cli, journal_file) -> None:
    """Reading a journal makes SQLite create an empty write-ahead log; that alone must not
    cost the full check on the next open (0.3 s on a 100,000-entry journal, every time)."""
    import sqlite3

    from cbtcli.journal.integrity import unchanged_since_checked

    reader = sqlite3.connect(journal_file)
    try:
        reader.execute("SELECT count(*) FROM entries").fetchone()
        assert Path(f"{journal_file}-wal").exists()
        assert unchanged_since_checked(journal_file)
    finally:
        reader.close()
