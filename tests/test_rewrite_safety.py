"""`cbt encrypt`, `decrypt` and `passphrase` replace the journal by a new file: no other cbt
writes to the old one meanwhile, a journal reached through a link is rewritten where it lives,
and no old words are left behind (a leftover copy, the old file, its write-ahead log)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import PASSPHRASE
from .helpers import HEADER, WORDS, assert_one_clear_sentence, assert_unreadable, flat

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="locks and signals of POSIX")

NEW = "a new passphrase for the lighthouse"


def run(cbt_script: str, *args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [cbt_script, *args],
        env={**os.environ, **env},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def paused(process: subprocess.Popen) -> None:
    """Wait until the process stops itself at its CBT_TEST_PAUSE_AT point."""
    _, status = os.waitpid(process.pid, os.WUNTRACED)
    assert os.WIFSTOPPED(status), process.communicate()


def finish(process: subprocess.Popen) -> tuple[int, str]:
    process.send_signal(signal.SIGCONT)
    out, err = process.communicate(timeout=60)
    return process.returncode, flat((out or "") + (err or ""))


def notes(cli) -> list[str]:
    data = json.loads(cli.ok("export", "-f", "json", "-o", "-").output)
    return sorted(m["note"] or "-" for m in data["moods"])


# (command, its environment, the passphrase that opens the journal after it, encrypted after)
REWRITES = {
    "encrypt": (["encrypt"], {"CBT_PASSPHRASE": PASSPHRASE}, PASSPHRASE, True),
    "passphrase": (
        ["passphrase"],
        {"CBT_PASSPHRASE": PASSPHRASE, "CBT_NEW_PASSPHRASE": NEW},
        NEW,
        True,
    ),
    "decrypt": (["decrypt", "--yes"], {"CBT_PASSPHRASE": PASSPHRASE}, "", False),
}


def start(cli, home: Path, encrypted_original: Path, command: str) -> Path:
    """A journal with one check-in, plain for `encrypt`, encrypted for the others."""
    journal = home / "journal.db"
    if command == "encrypt":
        cli.ok("mood", "5", "--note", "before")
    else:
        home.mkdir(mode=0o700, exist_ok=True)
        journal.write_bytes(encrypted_original.read_bytes())
        journal.chmod(0o600)
    return journal


@pytest.mark.parametrize(
    "command, point",
    [
        ("encrypt", "exported"),
        ("encrypt", "before-replace"),
        ("encrypt", "replaced"),
        ("passphrase", "before-replace"),
        ("decrypt", "replaced"),
    ],
)
def test_a_check_in_during_a_rewrite_waits_for_it_and_lands_in_the_new_journal(
    cli, home, cbt_script, encrypted_original, monkeypatch, command, point
) -> None:
    args, env, after, encrypted = REWRITES[command]
    journal = start(cli, home, encrypted_original, command)
    rewrite = run(cbt_script, *args, **env, CBT_TEST_PAUSE_AT=point)
    paused(rewrite)  # holding the journal, part way through
    mood = run(
        cbt_script, "mood", "4", "--note", "while it was rewritten",
        CBT_PASSPHRASE=after, CBT_TEST_PAUSE_AT="waiting",
    )  # fmt: skip
    paused(mood)  # it found the rewrite under way, and waits for it
    assert finish(rewrite)[0] == 0
    code, said = finish(mood)
    assert code == 0 and "Noted" in said, said
    assert journal.read_bytes().startswith(HEADER) != encrypted
    monkeypatch.setenv("CBT_PASSPHRASE", after)
    assert "while it was rewritten" in notes(cli)


def test_a_check_in_that_cannot_wait_is_refused_in_one_sentence_and_none_is_lost(
    cli, home, cbt_script, monkeypatch
) -> None:
    journal = home / "journal.db"
    cli.ok("mood", "5", "--note", "before")
    rewrite = run(cbt_script, "encrypt", CBT_PASSPHRASE=PASSPHRASE, CBT_TEST_PAUSE_AT="replaced")
    paused(rewrite)
    refused = subprocess.run(
        [cbt_script, "mood", "4", "--note", "refused"],
        env={**os.environ, "CBT_PASSPHRASE": PASSPHRASE, "CBT_BUSY_TIMEOUT_MS": "0"},
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert refused.returncode == 1
    assert refused.stdout == ""
    said = flat(refused.stderr)
    assert "is being encrypted, decrypted or given a new passphrase" in said
    assert said.startswith("cbt: ") and said.count(". ") == 0 and "Traceback" not in said
    assert finish(rewrite)[0] == 0
    assert_unreadable(journal)
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    cli.ok("mood", "3", "--note", "after")
    assert notes(cli) == ["after", "before"]


def test_a_rewrite_waits_for_a_cbt_that_has_the_journal_open_a_moment(
    cli, home, cbt_script, monkeypatch
) -> None:
    cli.ok("mood", "5", "--note", "before")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(home / "journal.db")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert holder.stdout is not None and holder.stdout.readline() == b"open\n"
    rewrite = run(
        cbt_script, "encrypt", CBT_PASSPHRASE=PASSPHRASE, CBT_TEST_PAUSE_AT="rewrite-waiting"
    )
    paused(rewrite)  # it found the journal open in another cbt, and waits for it to close
    holder.communicate(b"")
    assert holder.returncode == 0
    code, said = finish(rewrite)
    assert code == 0 and "is now encrypted" in said, said
    assert_unreadable(home / "journal.db")
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    assert notes(cli) == ["before"]


def test_a_journal_reached_through_a_link_is_rewritten_where_it_lives(
    cli, home, tmp_path, monkeypatch
) -> None:
    synced = tmp_path / "synced"
    synced.mkdir(mode=0o700)
    real = synced / "journal.db"
    cli.ok("--db", str(real), "mood", "4", "--note", "walked to the lighthouse")
    home.mkdir(mode=0o700, exist_ok=True)
    link = home / "journal.db"
    link.symlink_to(real)
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    cli.ok("encrypt")
    assert link.is_symlink() and link.resolve() == real
    assert_unreadable(real)
    assert notes(cli) == ["walked to the lighthouse"]
    assert "walked to the lighthouse" in cli.ok("--db", str(real), "journal", "--json").output
    monkeypatch.setenv("CBT_NEW_PASSPHRASE", NEW)
    cli.ok("passphrase")
    monkeypatch.setenv("CBT_PASSPHRASE", NEW)
    assert link.is_symlink() and notes(cli) == ["walked to the lighthouse"]
    cli.ok("decrypt", "--yes")
    assert link.is_symlink() and real.read_bytes().startswith(HEADER)
    monkeypatch.delenv("CBT_PASSPHRASE")
    assert notes(cli) == ["walked to the lighthouse"]
    beside_link = sorted(p.name for p in home.iterdir())
    assert not [name for name in beside_link if "rewriting" in name or name.endswith("-wal")]


@pytest.mark.parametrize("size", [188416, 4096, 1024, 512])
def test_a_file_of_zeros_is_not_taken_for_an_encrypted_journal(
    cli, home, monkeypatch, size
) -> None:
    home.mkdir(mode=0o700)
    journal = home / "journal.db"
    journal.write_bytes(b"\0" * size)
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    for args in (["journal"], ["mood", "4"], ["encrypt"]):
        result = cli(*args)
        assert "passphrase" not in result.output.lower(), args
        assert_one_clear_sentence(result, "holds only zeros")
    assert journal.read_bytes() == b"\0" * size


def test_a_short_file_is_not_taken_for_an_encrypted_journal(cli, home, monkeypatch) -> None:
    home.mkdir(mode=0o700)
    journal = home / "journal.db"
    journal.write_bytes(os.urandom(512))
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    assert_one_clear_sentence(cli("journal"), "is not a cbt journal")


def test_a_journal_with_a_second_name_is_not_rewritten(cli, home, tmp_path, monkeypatch) -> None:
    cli.ok("mood", "4", "--note", "walked to the lighthouse")
    journal = home / "journal.db"
    other = tmp_path / "other-name.db"
    os.link(journal, other)
    before = journal.read_bytes()
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    assert_one_clear_sentence(cli("encrypt"), "has another name too (a hard link)")
    assert journal.read_bytes() == before == other.read_bytes()
    other.unlink()
    cli.ok("encrypt")
    assert_unreadable(journal)


def old_files(pid: int, folder: Path) -> dict[str, bytes]:
    """The files in `folder` process `pid` holds open that no name refers to any more."""
    found = {}
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        target = os.readlink(fd)
        if target.endswith(" (deleted)") and Path(target).parent == folder:
            found[Path(target.removesuffix(" (deleted)")).name] = fd.read_bytes()
    return found


def leave_words_in_the_log(cbt_script: str, journal: Path) -> None:
    """A check-in written while another process held the journal, which was then killed: its
    words are in the write-ahead log only."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(journal)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert holder.stdout is not None and holder.stdout.readline() == b"open\n"
    note = subprocess.run(
        [cbt_script, "mood", "3", "--note", "the manager moved the deadline"],
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    assert note.returncode == 0, note.stderr
    holder.kill()
    holder.wait()
    log = journal.with_name("journal.db-wal")
    assert b"deadline" in log.read_bytes()


HOLD_OPEN = (
    "import sys; from pathlib import Path; from cbtcli.journal import open_journal; "
    "journal = open_journal(Path(sys.argv[1])); journal.query('SELECT 1'); "
    "print('open', flush=True); sys.stdin.read()"
)


ENCRYPT_FILE = (
    "import sys; from pathlib import Path; from cbtcli.journal import cipher; "
    "cipher.encrypt_file(Path(sys.argv[1]), sys.argv[2])"
)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="reads the old files in /proc")
def test_the_old_journal_and_its_log_are_overwritten_before_they_are_let_go(
    cli, home, cbt_script, monkeypatch
) -> None:
    cli.ok("mood", "4", "--note", "walked to the lighthouse")
    journal = home / "journal.db"
    leave_words_in_the_log(cbt_script, journal)
    rewrite = subprocess.Popen(
        [sys.executable, "-c", ENCRYPT_FILE, str(journal), PASSPHRASE],
        env={**os.environ, "CBT_TEST_PAUSE_AT": "overwritten"},
    )
    paused(rewrite)
    try:
        old = old_files(rewrite.pid, journal.parent)
    finally:
        assert finish(rewrite)[0] == 0
    assert sorted(old) == ["journal.db", "journal.db-wal"]
    for name, data in old.items():
        assert data and data == b"\0" * len(data), name
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    assert notes(cli) == ["the manager moved the deadline", "walked to the lighthouse"]


CLOSE_WIPING_LOG = (
    "import os, sys; from pathlib import Path; from cbtcli.journal import open_journal; "
    "journal = open_journal(Path(sys.argv[1])); "
    "log = os.open(sys.argv[1] + '-wal', os.O_RDONLY); size = os.fstat(log).st_size; "
    "journal.close(wipe_log=True); "
    "print(os.fstat(log).st_nlink, size, os.pread(log, size, 0) == bytes(size))"
)


def test_closing_before_a_rewrite_overwrites_the_log_sqlite_deletes(cli, home, cbt_script) -> None:
    cli.ok("mood", "4", "--note", "walked to the lighthouse")
    journal = home / "journal.db"
    leave_words_in_the_log(cbt_script, journal)
    done = subprocess.run(
        [sys.executable, "-c", CLOSE_WIPING_LOG, str(journal)], capture_output=True, text=True
    )
    links, size, zeros = done.stdout.split()
    assert (links, zeros) == ("0", "True") and int(size) > 0, done.stderr
    assert notes(cli) == ["the manager moved the deadline", "walked to the lighthouse"]


@pytest.mark.parametrize("point", ["exported", "before-replace", "replaced", "overwritten"])
def test_no_plain_log_is_left_at_any_point_of_encrypting(
    cli, home, cbt_script, monkeypatch, point
) -> None:
    cli.ok("mood", "4", "--note", "walked to the lighthouse")
    journal = home / "journal.db"
    leave_words_in_the_log(cbt_script, journal)
    done = subprocess.run(
        [cbt_script, "encrypt"],
        env={**os.environ, "CBT_PASSPHRASE": PASSPHRASE, "CBT_TEST_STOP_AT": point},
        capture_output=True,
    )
    assert done.returncode == -9
    for path in home.iterdir():
        if path.name.endswith("-wal"):
            data = path.read_bytes()
            assert not [word for word in WORDS if word in data], path
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    assert notes(cli) == ["the manager moved the deadline", "walked to the lighthouse"]


def test_without_file_locks_as_on_windows_everything_still_works(cli, home, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "fcntl", None)  # `import fcntl` fails, as on Windows
    cli.ok("mood", "4", "--note", "walked to the lighthouse")
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    cli.ok("encrypt")
    assert_unreadable(home / "journal.db")
    cli.ok("mood", "5", "--note", "after")
    cli.ok("decrypt", "--yes")
    assert notes(cli) == ["after", "walked to the lighthouse"]
    assert not (home / "journal.db-cbt").exists()  # no lock was taken
