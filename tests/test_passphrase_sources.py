"""Where the passphrase comes from: a remembered key opens the journal, but never removes or
changes its encryption; a passphrase command gives its first line, as `pass show` prints the
password there and notes after it."""

from __future__ import annotations

import shlex

from .conftest import PASSPHRASE
from .helpers import HEADER, assert_one_clear_sentence, assert_unreadable, flat

NEW = "a different, longer passphrase"


def remembered_and_walked_away(cli, encrypted, monkeypatch) -> bytes:
    """The key remembered, and no passphrase anywhere: what someone else at the unlocked
    session has. The journal's bytes, to show they are not changed."""
    cli.ok("passphrase", "--remember")
    monkeypatch.delenv("CBT_PASSPHRASE")
    assert "going to be fired" in flat(cli.ok("journal", "--json").output)  # it does open
    return encrypted.read_bytes()


def test_a_remembered_key_cannot_take_encryption_off(cli, encrypted, keychain, monkeypatch) -> None:
    before = remembered_and_walked_away(cli, encrypted, monkeypatch)
    assert_one_clear_sentence(cli("decrypt", "--yes"), "no passphrase was given")
    assert encrypted.read_bytes() == before
    monkeypatch.setenv("CBT_PASSPHRASE", "a guess at the passphrase")
    assert_one_clear_sentence(cli("decrypt", "--yes"), "That passphrase does not open this journal")
    assert encrypted.read_bytes() == before
    assert keychain.kept  # still remembered
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    cli.ok("decrypt", "--yes")
    assert encrypted.read_bytes().startswith(HEADER)


def test_a_remembered_key_cannot_change_the_passphrase(
    cli, encrypted, keychain, monkeypatch
) -> None:
    before = remembered_and_walked_away(cli, encrypted, monkeypatch)
    monkeypatch.setenv("CBT_NEW_PASSPHRASE", NEW)
    assert_one_clear_sentence(cli("passphrase"), "no passphrase was given")
    assert encrypted.read_bytes() == before
    monkeypatch.setenv("CBT_PASSPHRASE", "a guess at the passphrase")
    assert_one_clear_sentence(cli("passphrase"), "That passphrase does not open this journal")
    assert encrypted.read_bytes() == before
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    cli.ok("passphrase")
    monkeypatch.setenv("CBT_PASSPHRASE", NEW)
    assert "going to be fired" in flat(cli.ok("journal", "--json").output)


def test_forgetting_a_remembered_key_needs_no_passphrase(
    cli, encrypted, keychain, monkeypatch
) -> None:
    remembered_and_walked_away(cli, encrypted, monkeypatch)
    assert "Forgot the key" in flat(cli.ok("passphrase", "--forget").output)
    assert keychain.kept == {}


def printing(tmp_path, text: str) -> str:
    """A passphrase command that prints `text` exactly, as `pass show NAME` prints an entry."""
    (tmp_path / "entry.txt").write_bytes(text.encode())
    return f"cat {shlex.quote(str(tmp_path / 'entry.txt'))}"


def test_the_passphrase_command_gives_its_first_line(cli, encrypted, tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("CBT_PASSPHRASE")
    for entry in (
        f"{PASSPHRASE}\nURL: example.org\nnote: the journal's passphrase\n",
        f"{PASSPHRASE}\r\nwritten on Windows\r\n",
        PASSPHRASE,  # no line ending at all
    ):
        monkeypatch.setenv("CBT_PASSPHRASE_COMMAND", printing(tmp_path, entry))
        assert "going to be fired" in flat(cli.ok("journal", "--json").output), entry


def test_spaces_in_a_passphrase_from_the_command_are_kept(cli, home, tmp_path, monkeypatch) -> None:
    spaced = "  two spaces before and after  "
    cli.ok("mood", "5", "--note", "lighthouse")
    monkeypatch.setenv("CBT_PASSPHRASE_COMMAND", printing(tmp_path, f"{spaced}\nnotes\n"))
    cli.ok("encrypt")
    assert_unreadable(home / "journal.db")
    monkeypatch.delenv("CBT_PASSPHRASE_COMMAND")
    monkeypatch.setenv("CBT_PASSPHRASE", spaced.strip())
    assert_one_clear_sentence(cli("journal"), "That passphrase does not open this journal")
    monkeypatch.setenv("CBT_PASSPHRASE", spaced)
    assert "lighthouse" in cli.ok("journal", "--json").output


def test_a_new_passphrase_of_fewer_than_8_characters_is_refused(
    cli, encrypted, home, monkeypatch
) -> None:
    monkeypatch.setenv("CBT_NEW_PASSPHRASE", "ab")
    result = cli("passphrase")
    assert_one_clear_sentence(result, "A passphrase needs at least 8 characters")
    assert result.exit_code == 2
    assert "going to be fired" in flat(cli.ok("journal", "--json").output)  # the old one opens
    cli.ok("decrypt", "--yes")
    monkeypatch.setenv("CBT_PASSPHRASE", "1234567")
    assert_one_clear_sentence(cli("encrypt"), "at least 8 characters")
    assert encrypted.read_bytes().startswith(HEADER)  # still plain, and whole
    monkeypatch.setenv("CBT_PASSPHRASE", "12345678")
    cli.ok("encrypt")
    assert_unreadable(encrypted)


def test_decrypting_without_a_terminal_needs_yes(cli, encrypted) -> None:
    before = encrypted.read_bytes()
    result = cli("decrypt")
    assert_one_clear_sentence(result, "add --yes")
    assert result.exit_code == 2
    assert encrypted.read_bytes() == before


NO_KEYRING = "This computer has no keyring cbt can use"


def test_remembering_without_a_keyring_is_cbts_own_sentence(cli, encrypted) -> None:
    result = cli("passphrase", "--remember")
    assert_one_clear_sentence(result, NO_KEYRING, "cbt will go on asking for the passphrase")
    assert "keyrings.alt" not in result.output and "pypi" not in result.output
    assert not encrypted.with_name("journal.db-remembered").exists()


def test_encrypt_and_remember_without_a_keyring_changes_nothing(cli, home, monkeypatch) -> None:
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    cli.ok("mood", "5")
    result = cli("encrypt", "--remember")
    assert_one_clear_sentence(result, "no keyring cbt can use", "nothing was changed")
    assert result.exit_code == 1
    assert (home / "journal.db").read_bytes().startswith(HEADER)  # still plain, as it was


def test_encrypt_and_remember_with_a_keyring_that_refuses_still_encrypts(
    cli, home, keychain, monkeypatch
) -> None:
    from keyring.errors import KeyringError

    def locked(*_: str) -> None:
        raise KeyringError("the collection is locked")

    monkeypatch.setattr(keychain, "set_password", locked)
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    cli.ok("mood", "5", "--note", "lighthouse")
    shown = flat(cli.ok("encrypt", "--remember").output)  # what was asked for is done
    assert "now encrypted" in shown
    assert "keyring did not take the key" in shown
    assert_unreadable(home / "journal.db")
    assert not (home / "journal.db-remembered").exists()


def test_a_keyring_that_keeps_secrets_in_a_plain_file_is_not_used(cli, encrypted, keychain) -> None:
    import keyring

    class PlaintextKeyring(type(keychain)):  # as keyrings.alt's file keyring is named
        __module__ = "keyrings.alt.file"

    plain = PlaintextKeyring()
    keyring.set_keyring(plain)
    assert_one_clear_sentence(cli("passphrase", "--remember"), NO_KEYRING)
    assert plain.kept == {}
