"""`cbt passphrase`: a new passphrase through a checked copy, and the key remembered in (and
forgotten from) a keyring, here one the test sets up in memory."""

from __future__ import annotations

import os
import subprocess

import pexpect
import pytest

from .conftest import PASSPHRASE
from .helpers import HEADER, assert_one_clear_sentence, assert_unreadable, flat

NEW = "a different, longer passphrase"


def journal_text(cli) -> str:
    return flat(cli.ok("journal", "--json").output)


def test_a_new_passphrase_opens_the_journal_and_the_old_one_no_longer_does(
    cli, encrypted, monkeypatch
) -> None:
    monkeypatch.setenv("CBT_NEW_PASSPHRASE", NEW)
    assert "passphrase of" in flat(cli.ok("passphrase").output)
    assert_unreadable(encrypted)
    assert not encrypted.with_name(".journal.db.rewriting").exists()
    assert_one_clear_sentence(cli("journal"), "That passphrase does not open this journal")
    monkeypatch.setenv("CBT_PASSPHRASE", NEW)
    assert "going to be fired" in journal_text(cli)


def test_a_new_passphrase_is_typed_twice_in_a_terminal(encrypted, home, cbt_script) -> None:
    env = {**os.environ, "CBT_HOME": str(home), "TERM": "xterm"}
    del env["CBT_PASSPHRASE"]
    child = pexpect.spawn(cbt_script, ["passphrase"], env=env, encoding="utf-8", timeout=15)
    child.expect_exact("Passphrase to open journal.db: ")
    child.sendline(PASSPHRASE)
    for left in ("2 tries", "1 try", None):
        child.expect_exact("New passphrase: ")
        child.sendline(NEW)
        child.expect_exact("The same passphrase again: ")
        child.sendline(NEW + "!")
        if left:  # a slip is asked again
            child.expect_exact(f"The two passphrases differ. Try again ({left} left).")
    child.expect_exact("The two passphrases differ; nothing was changed.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    env["CBT_PASSPHRASE"] = PASSPHRASE  # still the old one
    done = subprocess.run([cbt_script, "journal", "--json"], env=env, capture_output=True)
    assert b"going to be fired" in done.stdout


def test_changing_needs_an_encrypted_journal(cli, home) -> None:
    cli.ok("mood", "5")
    assert_one_clear_sentence(cli("passphrase"), "is not encrypted")


def test_no_new_passphrase_and_no_terminal_changes_nothing(cli, encrypted) -> None:
    assert_one_clear_sentence(cli("passphrase"), "CBT_NEW_PASSPHRASE")
    assert "going to be fired" in journal_text(cli)  # with the old passphrase


@pytest.mark.parametrize("point", ["exported", "before-replace", "replaced"])
def test_killed_while_changing_leaves_the_old_journal_or_the_new_one(
    cli, encrypted, cbt_script, monkeypatch, point
) -> None:
    env = {**os.environ, "CBT_NEW_PASSPHRASE": NEW, "CBT_TEST_STOP_AT": point}
    done = subprocess.run([cbt_script, "passphrase"], env=env, capture_output=True)
    assert done.returncode == -9  # killed where the test asked
    if point == "replaced":
        monkeypatch.setenv("CBT_PASSPHRASE", NEW)
    assert "going to be fired" in journal_text(cli)


def test_a_remembered_key_opens_the_journal_without_the_passphrase(
    cli, encrypted, keychain, monkeypatch
) -> None:
    assert "remembered on this computer" in flat(cli.ok("passphrase", "--remember").output)
    (kept,) = keychain.kept.values()
    assert PASSPHRASE not in kept  # SQLCipher's raw key, never the passphrase
    assert kept.startswith("x'") and len(kept) == 99
    marker = encrypted.with_name("journal.db-remembered")
    assert marker.stat().st_mode & 0o777 == 0o600
    monkeypatch.delenv("CBT_PASSPHRASE")
    assert "going to be fired" in journal_text(cli)
    backup = encrypted.parent / "copy.db"
    cli.ok("backup", str(backup))  # made with the raw key, and still opened by the passphrase
    assert_unreadable(backup)
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    assert "going to be fired" in journal_text(cli)
    assert "going to be fired" in flat(cli.ok("--db", str(backup), "journal", "--json").output)
    monkeypatch.delenv("CBT_PASSPHRASE")
    assert "Forgot the key" in flat(cli.ok("passphrase", "--forget").output)
    assert keychain.kept == {}
    assert not marker.exists()
    assert_one_clear_sentence(cli("journal"), "no passphrase was given")
    assert "No key" in flat(cli.ok("passphrase", "--forget").output)


def test_a_changed_passphrase_is_remembered_anew(cli, encrypted, keychain, monkeypatch) -> None:
    cli.ok("passphrase", "--remember")
    (old,) = keychain.kept.values()
    monkeypatch.setenv("CBT_NEW_PASSPHRASE", NEW)
    cli.ok("passphrase")
    (new,) = keychain.kept.values()
    assert new != old
    monkeypatch.delenv("CBT_PASSPHRASE")
    assert "going to be fired" in journal_text(cli)


def test_a_stale_remembered_key_is_passed_over(cli, encrypted, keychain, monkeypatch) -> None:
    cli.ok("passphrase", "--remember")
    keychain.kept = {k: "x'" + "0" * 96 + "'" for k in keychain.kept}
    monkeypatch.delenv("CBT_PASSPHRASE")
    assert_one_clear_sentence(cli("journal"), "no passphrase was given")
    assert_unreadable(encrypted)


def test_remembering_without_a_keyring_is_one_sentence(cli, encrypted) -> None:
    assert_one_clear_sentence(cli("passphrase", "--remember"), "keyring")
    assert not encrypted.with_name("journal.db-remembered").exists()


def test_decrypting_forgets_the_key(cli, encrypted, keychain) -> None:
    cli.ok("passphrase", "--remember")
    cli.ok("decrypt", "--yes")
    assert keychain.kept == {}
    assert encrypted.read_bytes().startswith(HEADER)


def test_encrypt_can_remember_at_once(cli, home, keychain, monkeypatch) -> None:
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    cli.ok("mood", "5")
    cli.ok("encrypt", "--remember")
    monkeypatch.delenv("CBT_PASSPHRASE")
    assert cli.ok("mood", "6").exit_code == 0
    ((_service, account),) = keychain.kept
    assert account == str((home / "journal.db").resolve())
