"""The backups cbt keeps beside the journal follow its encryption: `cbt encrypt` encrypts them
(each checked, swapped in and its old bytes overwritten), `cbt passphrase` re-keys them,
`cbt decrypt` leaves them encrypted and says so, and `cbt doctor` warns of any still plain."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from .conftest import PASSPHRASE
from .helpers import HEADER, flat

WORD = b"marmalade-kestrel"
NEW_PASSPHRASE = "a new passphrase for a new year"


def backups(home: Path) -> list[Path]:
    return sorted((home / "backups").glob("*.db"))


def two_plain_backups(cli, clock) -> list[Path]:
    """A mood with WORD, a backup, the mood deleted, another backup: both hold the word."""
    cli.ok("mood", "3", "--note", f"the {WORD.decode()} again")
    cli.ok("backup")
    [mood] = cli.json("journal", "--json")
    cli.ok("delete", mood["id"], "--yes")
    clock.advance(seconds=1)
    cli.ok("backup")
    found = backups(cli.home)
    assert len(found) == 2 and all(path.read_bytes().startswith(HEADER) for path in found)
    assert WORD in found[0].read_bytes()
    return found


def opens_with(path: Path, cli, passphrase: str, monkeypatch) -> str:
    monkeypatch.setenv("CBT_PASSPHRASE", passphrase)
    result = cli("--db", str(path), "journal", "--json")
    return result.output if result.exit_code == 0 else ""


def zero_page_two(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.seek(4096)
        handle.write(bytes(4096))


def test_encrypt_encrypts_the_backups_and_overwrites_their_plain_bytes(
    cli, home, clock, monkeypatch
) -> None:
    made = two_plain_backups(cli, clock)
    held = [path.open("rb") for path in made]  # the old files, as anything holding them sees
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    try:
        text = flat(cli.ok("encrypt").output)
        for handle in held:
            handle.seek(0)
            old_bytes = handle.read()
            assert old_bytes and set(old_bytes) == {0}  # overwritten with zeros
    finally:
        for handle in held:
            handle.close()
    assert f"2 backups in {home / 'backups'} were encrypted too." in text
    assert backups(home) == made  # the same names, nothing else left in the folder
    assert sorted((home / "backups").iterdir()) == made
    for path in made:
        data = path.read_bytes()
        assert HEADER not in data and WORD not in data
        assert path.stat().st_mode & 0o777 == 0o600
    assert WORD.decode() in opens_with(made[0], cli, PASSPHRASE, monkeypatch)
    assert "Everything looks healthy" in cli.ok("doctor").output


def test_a_damaged_backup_is_named_and_left_exactly_as_it_was(
    cli, home, clock, monkeypatch
) -> None:
    damaged, sound = two_plain_backups(cli, clock)
    zero_page_two(damaged)
    before = damaged.read_bytes()
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    text = flat(cli.ok("encrypt").output)
    assert "1 backup in" in text and "was encrypted too" in text
    assert (
        f"1 backup could not be encrypted and was left exactly as it was, still plain: "
        f"{damaged.name} (it is damaged)." in text
    )
    assert damaged.read_bytes() == before
    assert not sound.read_bytes().startswith(HEADER)
    result = cli("doctor")
    assert result.exit_code == 1
    doctor = flat(result.output)
    assert "backups: 1 backup beside the encrypted journal is not encrypted" in doctor
    assert damaged.name in doctor and "`cbt encrypt` encrypts them" in doctor


def test_another_programs_database_in_the_folder_is_left_alone(cli, home, monkeypatch) -> None:
    cli.ok("mood", "5")
    folder = home / "backups"
    folder.mkdir(mode=0o700)
    foreign = folder / "photos.db"
    with closing(sqlite3.connect(foreign)) as conn:
        conn.execute("CREATE TABLE albums (name)")
        conn.commit()
    before = foreign.read_bytes()
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    text = flat(cli.ok("encrypt").output)
    assert "photos.db (it is not a cbt journal)" in text
    assert foreign.read_bytes() == before


def test_doctor_warns_of_plain_backups_and_encrypt_then_encrypts_them(
    cli, encrypted, tmp_path, monkeypatch
) -> None:
    plain = tmp_path / "plain.db"
    monkeypatch.delenv("CBT_PASSPHRASE")
    cli.ok("--db", str(plain), "mood", "4", "--note", WORD.decode())
    folder = encrypted.parent / "backups"
    folder.mkdir(mode=0o700)
    cli.ok("--db", str(plain), "backup", str(folder / "journal-2026-01-01-120000.db"))
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    result = cli("doctor")
    assert result.exit_code == 1
    assert "1 backup beside the encrypted journal is not encrypted" in flat(result.output)
    text = flat(cli.ok("encrypt").output)
    assert "is already encrypted" in text and "1 backup in" in text
    [backup] = backups(encrypted.parent)
    assert WORD not in backup.read_bytes() and HEADER not in backup.read_bytes()
    assert WORD.decode() in opens_with(backup, cli, PASSPHRASE, monkeypatch)
    assert cli("doctor").exit_code == 0


def test_with_no_plain_backups_encrypting_twice_is_still_refused(cli, encrypted) -> None:
    result = cli("encrypt")
    assert result.exit_code == 1 and "is already encrypted" in result.output


def test_a_new_passphrase_is_given_to_the_backups_too(cli, home, clock, monkeypatch) -> None:
    made = two_plain_backups(cli, clock)
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    cli.ok("encrypt")
    monkeypatch.setenv("CBT_NEW_PASSPHRASE", NEW_PASSPHRASE)
    text = flat(cli.ok("passphrase").output)
    assert f"2 backups in {home / 'backups'} were given the new passphrase too." in text
    assert WORD.decode() in opens_with(made[0], cli, NEW_PASSPHRASE, monkeypatch)
    assert opens_with(made[0], cli, PASSPHRASE, monkeypatch) == ""


def test_a_backup_the_old_passphrase_does_not_open_is_named_and_kept(
    cli, encrypted, tmp_path, monkeypatch
) -> None:
    other = tmp_path / "other.db"
    monkeypatch.setenv("CBT_PASSPHRASE", "another passphrase entirely")
    cli.ok("--db", str(other), "encrypt")
    folder = encrypted.parent / "backups"
    folder.mkdir(mode=0o700)
    shutil.copy(other, folder / "journal-2025-01-01-120000.db")
    before = (folder / "journal-2025-01-01-120000.db").read_bytes()
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("CBT_NEW_PASSPHRASE", NEW_PASSPHRASE)
    text = flat(cli.ok("passphrase").output)
    assert (
        "journal-2025-01-01-120000.db (it does not open with the journal's old passphrase)" in text
    )
    assert (folder / "journal-2025-01-01-120000.db").read_bytes() == before


def test_decrypt_leaves_the_backups_encrypted_and_says_so(cli, home, clock, monkeypatch) -> None:
    made = two_plain_backups(cli, clock)
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    cli.ok("encrypt")
    text = flat(cli.ok("decrypt", "--yes").output)
    assert f"2 backups in {home / 'backups'} stay encrypted" in text
    for path in made:
        assert not path.read_bytes().startswith(HEADER)
    assert WORD.decode() in opens_with(made[0], cli, PASSPHRASE, monkeypatch)
    assert cli("doctor").exit_code == 0  # encrypted backups beside a plain journal: fine


def test_a_backup_is_under_the_journal_s_own_key_so_a_remembered_key_opens_it(
    cli, encrypted, monkeypatch
) -> None:
    from cbtcli.journal.remembered import raw_key

    cli.ok("backup")
    [made] = backups(encrypted.parent)
    remembered = raw_key(encrypted, PASSPHRASE)  # what `cbt passphrase --remember` keeps
    assert "going to be fired" in opens_with(made, cli, remembered, monkeypatch)
    assert "going to be fired" in opens_with(made, cli, PASSPHRASE, monkeypatch)
    monkeypatch.setenv("CBT_NEW_PASSPHRASE", NEW_PASSPHRASE)
    assert "1 backup in" in flat(cli.ok("passphrase").output)
    assert "going to be fired" in opens_with(made, cli, NEW_PASSPHRASE, monkeypatch)


def test_killed_between_backups_a_second_encrypt_finishes_the_job(
    cli, home, clock, cbt_script, monkeypatch
) -> None:
    first, second = two_plain_backups(cli, clock)
    env = {**os.environ, "CBT_PASSPHRASE": PASSPHRASE, "CBT_TEST_STOP_AT": "backup-rewritten"}
    done = subprocess.run([cbt_script, "encrypt"], env=env, capture_output=True)
    assert done.returncode == -9  # killed once the first backup was encrypted
    assert not first.read_bytes().startswith(HEADER)
    assert second.read_bytes().startswith(HEADER)
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    assert "1 backup beside the encrypted journal is not encrypted" in flat(cli("doctor").output)
    text = flat(cli.ok("encrypt").output)
    assert "is already encrypted" in text and "1 backup in" in text
    assert WORD not in second.read_bytes() and HEADER not in second.read_bytes()
    assert sorted((home / "backups").iterdir()) == [first, second]
    assert cli("doctor").exit_code == 0
