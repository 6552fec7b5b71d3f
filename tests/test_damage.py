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


def corrupt_page(path: Path) -> None:
    """Noise, not zeros, over a page in the middle of the entries: what a bad sector leaves.
    The page is one holding words, as a page with nothing on it yet (an empty table's, say)
    can take noise and stay a sound journal, which a write then rightly overwrites."""
    import random
    from contextlib import closing

    def checked() -> str:
        with closing(sqlite3.connect(f"file:{path}?immutable=1", uri=True)) as conn:
            return conn.execute("PRAGMA quick_check").fetchone()[0]

    with closing(sqlite3.connect(f"file:{path}?immutable=1", uri=True)) as conn:
        pages = [
            number
            for (number,) in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'entries' AND pagetype = 'leaf'"
                " ORDER BY pageno"
            )
        ]
    middle = pages[len(pages) // 2] - 1  # dbstat counts pages from 1
    assert 0 < middle < path.stat().st_size // PAGE - 1, pages
    with path.open("r+b") as handle:
        handle.seek(middle * PAGE + 100)
        handle.write(random.Random(7).randbytes(PAGE - 200))
    assert checked() != "ok"  # damage SQLite's own check can see


def damaged_restored_backup(path: Path) -> None:
    """A backup put back in the journal's place is in SQLite's default journal mode, which
    cbt switches to write-ahead logging (a write) on opening: its last page is lost."""
    from contextlib import closing

    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
    damage(path, "zeroed last page")


def foreign_database(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO photos (name) VALUES ('beach.jpg')")
    conn.commit()
    conn.close()


SPOIL = {
    "zeroed middle page": lambda path: damage(path, "zeroed middle page"),
    "corrupted middle page": corrupt_page,
    "truncated by one byte": lambda path: damage(path, "truncated by one byte"),
    "flipped header": lambda path: damage(path, "flipped header"),
    "another program's database": foreign_database,
    "a damaged backup put in its place": damaged_restored_backup,
}


@pytest.mark.parametrize("how", sorted(SPOIL))
def test_every_command_leaves_a_damaged_or_foreign_journal_as_it_was(
    cli, journal_file, tmp_path, tools, how
) -> None:
    """Every command (the list is the app's own, with the arguments the encrypted-journal
    test gives each) either works or says what is wrong in one sentence: never exit 70, never
    a traceback, and never a changed byte in the file it was pointed at."""
    from .test_encrypted_commands import RUNS

    entry = cli.json("journal", "--json", "-n", "1")[0]["id"]
    source = tmp_path / "source.json"  # a sound export, for `import` to bring in
    cli.ok("export", "-f", "json", "-o", str(source))
    SPOIL[how](journal_file)
    before = digest(journal_file)
    for command, runs in sorted(RUNS.items()):
        args = [a.replace("{entry}", entry).replace("{tmp}", str(tmp_path)) for a in runs[-1]]
        if command == "import":
            args = ["import", str(source)]
        typed = args.pop()[1:] + "\n" if args[-1].startswith("<") else None
        result = cli(*args, input=typed)
        said = flat(result.output)
        assert result.exit_code in (0, 1, 2), (how, command, said)
        if command in ("import", "mood", "backup"):  # writes (and a backup) check it first
            assert result.exit_code == 1, (how, command, said)
        assert "went wrong inside cbt" not in said and "Traceback" not in said, (how, command)
        if result.exit_code and command != "doctor":  # the doctor's report is its answer
            assert "cbt: " in said, (how, command, said)
        assert digest(journal_file) == before, (how, command)
    assert not (tmp_path / "backup.db").exists()  # a backup never copies damage
    for sidecar in ("-wal", "-journal"):  # nothing beside it either, or only SQLite's empty log
        beside = Path(str(journal_file) + sidecar)
        assert not beside.exists() or beside.stat().st_size == 0, (how, sidecar)


@pytest.mark.parametrize("kind", ["fifo", "socket", "character device"])
def test_a_journal_path_that_is_not_a_regular_file_is_refused(
    cbt_script: str, home: Path, tmp_path: Path, kind: str
) -> None:
    """`--db` on a FIFO, a socket or a device: one sentence, no wait for a writer that never
    comes, and nothing made beside it (no NAME-journal, -wal or -shm)."""
    import os
    import socket
    import subprocess

    folder = tmp_path / "nodes"
    folder.mkdir()
    if kind == "fifo":
        node = folder / "journal.db"
        os.mkfifo(node)
    elif kind == "socket":
        node = folder / "journal.db"
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(str(node))
    else:
        node = Path("/dev/null")
    env = {**os.environ, "CBT_HOME": str(home)}
    for args in (["journal"], ["mood", "5"], ["backup", str(tmp_path / "copy.db")]):
        done = subprocess.run(
            [cbt_script, "--db", str(node), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
            stdin=subprocess.DEVNULL,
        )
        assert done.returncode == 1, (kind, args, done.stdout, done.stderr)
        said = flat(done.stdout + done.stderr)
        assert "went wrong" not in said and "Traceback" not in said, said
        assert said.startswith("cbt: ") and said.count(". ") <= 2, said
    assert sorted(p.name for p in folder.iterdir()) == (
        [] if kind == "character device" else ["journal.db"]
    )
    assert not [p for p in Path("/dev").glob("null-*")]  # nothing beside a device
    assert not (tmp_path / "copy.db").exists()
