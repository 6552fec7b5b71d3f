"""`cbt doctor` on an encrypted journal: what it can say without the passphrase, no advice to
restore an old backup over a journal a typo kept shut, and settings named as they are."""

from __future__ import annotations

from .conftest import PASSPHRASE
from .helpers import assert_one_clear_sentence, flat

RESTORE_ADVICE = "restored by replacing the file"


def test_a_wrong_passphrase_says_encrypted_and_gives_no_restore_advice(
    cli, encrypted, monkeypatch
) -> None:
    before = encrypted.read_bytes()
    monkeypatch.setenv("CBT_PASSPHRASE", "correct horse battery stapler")
    result = cli("doctor")
    text = flat(result.output)
    assert result.exit_code == 1
    assert "journal: encrypted, and the passphrase given does not open it" in text
    assert "Try the passphrase again" in text
    assert RESTORE_ADVICE not in text and "cbt backup" not in text
    assert encrypted.read_bytes() == before


def test_no_passphrase_says_encrypted_and_how_to_give_it(cli, encrypted, monkeypatch) -> None:
    monkeypatch.delenv("CBT_PASSPHRASE")
    text = flat(cli("doctor").output)
    assert "journal: encrypted, and cbt needs its passphrase to look inside: none was given" in text
    assert "CBT_PASSPHRASE_COMMAND" in text
    assert RESTORE_ADVICE not in text


def test_a_plain_journal_that_cannot_be_opened_still_gets_restore_advice(cli, home) -> None:
    home.mkdir(mode=0o700)
    (home / "journal.db").write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    assert RESTORE_ADVICE in flat(cli("doctor").output)


def test_the_settings_named_are_those_the_journal_opened_with(cli, encrypted) -> None:
    text = flat(cli.ok("doctor").output)
    assert "it opened with SQLCipher 4's default settings" in text
    assert "PBKDF2-HMAC-SHA512 over 256,000 rounds" in text
    assert "HMAC-SHA512 on every 4,096-byte page" in text


def test_a_journal_written_with_other_settings_does_not_open(cli, home, monkeypatch) -> None:
    from sqlcipher3 import dbapi2

    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    home.mkdir(mode=0o700)
    weak = home / "journal.db"
    conn = dbapi2.connect(str(weak))
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    conn.execute("PRAGMA kdf_iter = 64000")  # SQLCipher 3's rounds: a quarter of the work
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    result = cli("--db", str(weak), "doctor")
    assert result.exit_code == 1
    assert "the passphrase given does not open it" in flat(result.output)


def test_a_damaged_first_page_is_told_honestly(cli, encrypted) -> None:
    data = bytearray(encrypted.read_bytes())
    data[200:260] = bytes(60)  # inside the first page, after its salt
    encrypted.write_bytes(bytes(data))
    assert_one_clear_sentence(
        cli("journal"), "That passphrase does not open this journal", "cbt doctor"
    )
    text = flat(cli("doctor").output)
    assert "if you are sure of the passphrase, the first page is damaged" in text
    assert RESTORE_ADVICE not in text
