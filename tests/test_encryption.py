"""The encrypted journal: unreadable bytes on disk, every command still working, and a
`cbt encrypt` that can be killed at any moment without losing the journal."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from cbtcli.journal import open_journal
from cbtcli.journal.cipher import WRONG_PASSPHRASE

from .conftest import PASSPHRASE
from .helpers import (
    HEADER,
    THOUGHT_RECORD_ANSWERS,
    assert_one_clear_sentence,
    assert_unreadable,
    flat,
)


def record_a_thought(cli) -> None:
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(THOUGHT_RECORD_ANSWERS)))


def test_the_journal_its_wal_and_its_backups_hold_none_of_the_words(cli, encrypted) -> None:
    assert_unreadable(encrypted)
    with open_journal(encrypted):  # held open, so the next write stays in the WAL
        cli.ok("mood", "4", "--note", "the manager at the lighthouse said I'm fired")
        wal = encrypted.with_name("journal.db-wal")
        assert wal.stat().st_size > 0
        assert_unreadable(wal)
    backup = encrypted.parent / "copy.db"
    cli.ok("backup", str(backup))
    assert_unreadable(backup)
    assert "going to be fired" in cli.ok("--db", str(backup), "journal", "--json").output


@pytest.mark.parametrize(
    "args",
    [
        ["journal"],
        ["journal", "--json"],
        ["summary"],
        ["today"],
        ["patterns"],
        ["due"],
        ["doctor"],
        ["export", "-f", "md", "-o", "-"],
        ["mood", "5"],
        ["backup"],
    ],
)
def test_every_command_works_on_an_encrypted_journal(cli, encrypted, args) -> None:
    result = cli(*args)
    assert result.exit_code == 0, result.output
    assert "passphrase" not in result.output.lower()
    assert_unreadable(encrypted)


def test_reading_and_doctor_show_what_is_inside(cli, encrypted) -> None:
    assert "I'm going to be fired" in flat(cli.ok("journal", "--json").output)
    assert "encryption: on (SQLCipher 4" in flat(cli.ok("doctor").output)


def test_a_wrong_passphrase_is_one_sentence_and_leaves_the_file_as_it_was(
    encrypted, cbt_script, monkeypatch
) -> None:
    before = encrypted.read_bytes()
    monkeypatch.setenv("CBT_PASSPHRASE", "not it")
    done = subprocess.run(
        [cbt_script, "journal"], capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert flat(done.stderr) == f"cbt: {WRONG_PASSPHRASE}"
    assert encrypted.read_bytes() == before
    assert not encrypted.with_name("journal.db-wal").exists()


def test_no_passphrase_and_no_terminal_is_one_sentence(cli, encrypted, monkeypatch) -> None:
    monkeypatch.delenv("CBT_PASSPHRASE")
    assert_one_clear_sentence(cli("journal"), "is encrypted and no passphrase was given")


def test_the_passphrase_command_comes_first(cli, encrypted, monkeypatch) -> None:
    monkeypatch.setenv("CBT_PASSPHRASE", "not it")
    monkeypatch.setenv("CBT_PASSPHRASE_COMMAND", f"echo '{PASSPHRASE}'")
    assert "going to be fired" in cli.ok("journal", "--json").output
    monkeypatch.setenv("CBT_PASSPHRASE_COMMAND", "false")
    assert_one_clear_sentence(cli("journal"), "CBT_PASSPHRASE_COMMAND gave no passphrase")


def test_encrypting_twice_is_refused(cli, encrypted) -> None:
    assert_one_clear_sentence(cli("encrypt"), "is already encrypted")


def test_a_new_journal_can_start_encrypted(cli, home, monkeypatch) -> None:
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    cli.ok("encrypt")
    journal = home / "journal.db"
    assert_unreadable(journal)
    record_a_thought(cli)
    assert_unreadable(journal)
    assert "going to be fired" in cli.ok("journal", "--json").output


@pytest.mark.parametrize("point", ["exported", "before-replace", "replaced"])
def test_killed_while_encrypting_leaves_the_old_journal_or_the_new_one(
    cli, home, cbt_script, monkeypatch, point
) -> None:
    record_a_thought(cli)
    journal = home / "journal.db"
    env = {**os.environ, "CBT_PASSPHRASE": PASSPHRASE, "CBT_TEST_STOP_AT": point}
    done = subprocess.run([cbt_script, "encrypt"], env=env, capture_output=True)
    assert done.returncode == -9  # killed where the test asked
    encrypted = not journal.read_bytes().startswith(HEADER)
    assert encrypted == (point == "replaced")
    if encrypted:
        monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    assert "going to be fired" in cli.ok("journal", "--json").output
    assert not journal.with_name(".journal.db.rewriting").exists()  # wiped by that opening
    if not encrypted:
        monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
        cli.ok("encrypt")
        assert_unreadable(journal)
        assert "going to be fired" in cli.ok("journal", "--json").output


def exported(cli) -> dict:
    """Everything in the journal, as its JSON export, less the moment of the export."""
    data = json.loads(cli.ok("export", "-f", "json", "-o", "-").output)
    data.pop("exported_at")
    return data


def test_encrypt_then_decrypt_gives_back_the_same_journal(cli, home, monkeypatch) -> None:
    record_a_thought(cli)
    cli.ok("mood", "6", "--note", "walked to the lighthouse")
    journal = home / "journal.db"
    before = exported(cli)
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    cli.ok("encrypt")
    assert_unreadable(journal)
    assert exported(cli) == before
    assert "no longer encrypted" in flat(cli.ok("decrypt", "--yes").output)
    assert journal.read_bytes().startswith(HEADER)
    assert not journal.with_name(".journal.db.rewriting").exists()
    monkeypatch.delenv("CBT_PASSPHRASE")  # a plain journal needs none
    assert exported(cli) == before
    assert "encryption: off" in flat(cli.ok("doctor").output)


def test_decrypting_a_plain_journal_is_refused(cli, home) -> None:
    record_a_thought(cli)
    assert_one_clear_sentence(cli("decrypt", "--yes"), "is not encrypted")


def test_decrypting_with_a_wrong_passphrase_changes_nothing(cli, encrypted, monkeypatch) -> None:
    before = encrypted.read_bytes()
    monkeypatch.setenv("CBT_PASSPHRASE", "not it")
    assert_one_clear_sentence(cli("decrypt", "--yes"), "That passphrase does not open this journal")
    assert encrypted.read_bytes() == before


@pytest.mark.parametrize("point", ["exported", "before-replace", "replaced"])
def test_killed_while_decrypting_leaves_the_old_journal_or_the_new_one(
    cli, encrypted, cbt_script, point
) -> None:
    env = {**os.environ, "CBT_TEST_STOP_AT": point}
    done = subprocess.run([cbt_script, "decrypt", "--yes"], env=env, capture_output=True)
    assert done.returncode == -9  # killed where the test asked
    plain = encrypted.read_bytes().startswith(HEADER)
    assert plain == (point == "replaced")
    leftover = encrypted.with_name(".journal.db.rewriting")
    assert leftover.exists() == (point != "replaced")  # a plain copy of every word
    assert "going to be fired" in cli.ok("journal", "--json").output  # with the passphrase set
    assert not leftover.exists()  # overwritten and removed by the next cbt to open the journal
    assert not [p for p in encrypted.parent.iterdir() if "rewriting" in p.name]
    if not plain:
        cli.ok("decrypt", "--yes")
        assert encrypted.read_bytes().startswith(HEADER)
        assert "going to be fired" in cli.ok("journal", "--json").output


def test_doctor_tells_of_a_copy_an_interrupted_decrypt_left(cli, encrypted, cbt_script) -> None:
    env = {**os.environ, "CBT_TEST_STOP_AT": "before-replace"}
    assert (
        subprocess.run([cbt_script, "decrypt", "--yes"], env=env, capture_output=True).returncode
        == -9
    )
    leftover = encrypted.with_name(".journal.db.rewriting")
    assert b"going to be fired" in leftover.read_bytes()
    result = cli("doctor")
    assert result.exit_code == 1
    said = flat(result.output)
    assert "interrupted rewrite: an unfinished copy of the journal was left" in said
    assert "overwritten and removed it" in said
    assert not leftover.exists()
    assert "Everything looks healthy" in cli.ok("doctor").output


def test_an_encrypted_journal_is_repaired_into_an_encrypted_one(cli, encrypted, tmp_path) -> None:
    before = encrypted.read_bytes()
    target = tmp_path / "repaired.db"
    result = cli.ok("repair", "-o", str(target))
    assert "1 entry, 1 mood check-in" in flat(result.output)
    assert encrypted.read_bytes() == before
    assert_unreadable(target)
    assert "going to be fired" in cli.ok("--db", str(target), "journal", "--json").output


def test_a_damaged_encrypted_journal_is_called_damaged_and_repaired(
    cli, home, tmp_path, monkeypatch
) -> None:
    for score in range(40):
        cli.ok("mood", str(score % 11), "--note", f"walked to the lighthouse {score}")
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    cli.ok("encrypt")
    journal = home / "journal.db"
    page = 4096
    with journal.open("r+b") as handle:  # the last page is lost
        handle.seek(journal.stat().st_size - page)
        handle.write(b"\0" * page)
    before = journal.read_bytes()
    # the passphrase is right: the journal is damaged, and said to be
    assert_one_clear_sentence(cli("journal"), "is damaged")
    target = tmp_path / "repaired.db"
    assert "The damaged journal was not changed" in flat(cli.ok("repair", "-o", str(target)).output)
    assert journal.read_bytes() == before
    assert_unreadable(target)
    cli.ok("--db", str(target), "mood", "7")  # a sound journal to carry on with
    assert cli.json("--db", str(target), "journal", "--json")  # the new check-in, at least


def test_repairing_with_a_wrong_passphrase_is_one_sentence(
    cli, encrypted, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("CBT_PASSPHRASE", "not it")
    target = tmp_path / "repaired.db"
    assert_one_clear_sentence(cli("repair", "-o", str(target)), "does not open this journal")
    assert not target.exists()


HOLD_OPEN = (
    "import sys; from pathlib import Path; from cbtcli.journal import open_journal; "
    "journal = open_journal(Path(sys.argv[1])); journal.query('SELECT 1'); "
    "print('open', flush=True); sys.stdin.read()"
)


@pytest.mark.parametrize("args", [["decrypt", "--yes"], ["passphrase"], ["encrypt"]])
def test_a_journal_open_elsewhere_is_not_rewritten(cli, encrypted, monkeypatch, args) -> None:
    monkeypatch.setenv("CBT_BUSY_TIMEOUT_MS", "100")  # it stays open: no use waiting longer
    monkeypatch.setenv("CBT_NEW_PASSPHRASE", "another passphrase")
    if args == ["encrypt"]:
        cli.ok("decrypt", "--yes")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(encrypted)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"open\n"
        before = encrypted.read_bytes()
        assert_one_clear_sentence(cli(*args), "is open in another cbt process")
        assert encrypted.read_bytes() == before
    finally:
        holder.communicate(b"")
    assert holder.returncode == 0
    cli.ok(*args)  # once it is closed


def test_a_journal_open_in_another_program_is_named_so(cli, home) -> None:
    record_a_thought(cli)
    program = (
        "import sqlite3, sys; conn = sqlite3.connect(sys.argv[1]); "
        "conn.execute('SELECT count(*) FROM entries').fetchone(); "
        "print('open', flush=True); sys.stdin.read()"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", program, str(home / "journal.db")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"open\n"
        result = cli("encrypt")
        assert_one_clear_sentence(result, "is open in another program (not cbt)")
    finally:
        holder.communicate(b"")
    assert (home / "journal.db").read_bytes().startswith(HEADER)


def test_a_draft_in_an_encrypted_journal_resumes(cli, home, monkeypatch) -> None:
    from .helpers import PIPED_THOUGHT_RECORD

    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    cli.ok("encrypt")
    lines = PIPED_THOUGHT_RECORD.splitlines()
    assert cli("do", "thought-record", input="\n".join(lines[:7]) + "\n").exit_code == 130
    assert_unreadable(home / "journal.db")
    [draft] = cli.json("journal", "--drafts", "--json")
    assert draft["status"] == "draft" and draft["answers"]["belief_before"] == 80
    cli.ok("do", "--resume", input="\n".join(lines[7:]) + "\n")
    [entry] = cli.json("journal", "--json")
    assert entry["id"] == draft["id"] and entry["status"] == "complete"
    assert_unreadable(home / "journal.db")


def test_an_encrypted_journal_from_an_older_schema_is_migrated(home, monkeypatch) -> None:
    from sqlite_utils import Database

    from cbtcli.journal import cipher
    from cbtcli.journal.schema import build_migrations

    home.mkdir()
    path = home / "journal.db"
    db = Database(path)
    build_migrations().apply(db, stop_before="0002_ratings")
    db.execute(
        """INSERT INTO entries (id, exercise_id, exercise_version, exercise_title, status,
           started_at, started_offset, updated_at, local_day, answers)
           VALUES ('0123abcd-0000-0000-0000-000000000000', 'thought-record', 1, 'Thought record',
           'complete', '2026-01-01T10:00:00+00:00', 60, '2026-01-01T10:00:00+00:00',
           '2026-01-01', ?)""",
        [json.dumps(THOUGHT_RECORD_ANSWERS)],
    )
    db.close()
    cipher.encrypt_file(path, PASSPHRASE)  # as a journal encrypted by an older cbt would be
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    with open_journal() as journal:
        assert journal.schema_version() == build_migrations()._migrations[-1].name
        assert journal.get("0123abcd").answers == THOUGHT_RECORD_ANSWERS
        assert journal.query("SELECT count(*) AS n FROM ratings")[0]["n"] == 6
    assert_unreadable(path)


def test_many_writers_at_once_on_an_encrypted_journal_lose_nothing(
    cbt_script, encrypted, tmp_path
) -> None:
    """Write-ahead logging works encrypted as it does plain: check-ins and an entry written at
    the same moment by separate cbt processes are all kept, and the journal stays sound."""
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps(THOUGHT_RECORD_ANSWERS), encoding="utf-8")
    env = {**os.environ, "CBT_HOME": str(encrypted.parent)}
    commands = [["mood", str(score), "--note", f"at once {score}"] for score in range(6)]
    commands.append(["do", "thought-record", "--answers", str(answers)])
    processes = [
        subprocess.Popen(
            [cbt_script, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for args in commands
    ]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    with open_journal(encrypted) as journal:
        notes = journal.query("SELECT note FROM moods WHERE note LIKE 'at once %'")
        assert sorted(row["note"] for row in notes) == [f"at once {n}" for n in range(6)]
        assert journal.query("SELECT count(*) AS n FROM entries")[0]["n"] == 2
        assert journal.integrity() == "ok"
    assert_unreadable(encrypted)
