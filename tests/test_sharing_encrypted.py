"""Exports that stay private on the way: a PDF opened only with its password, and any export
encrypted with age to someone's public key (and imported again with the secret key)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pexpect
import pyrage
import pytest
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

from .helpers import THOUGHT_RECORD_ANSWERS, assert_one_clear_sentence, flat

PASSWORD = "for my therapist only"
WORDS = [b"manager", b"fired", b"deadline", b"lighthouse"]


@pytest.fixture
def written(cli) -> None:
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(THOUGHT_RECORD_ANSWERS)))
    cli.ok("mood", "6", "--note", "walked to the lighthouse")


def test_a_password_protected_pdf_opens_only_with_its_password(
    cli, home, written, monkeypatch
) -> None:
    monkeypatch.setenv("CBT_EXPORT_PASSWORD", PASSWORD)
    target = home / "shared.pdf"
    result = cli.ok("export", "-f", "pdf", "--password", "--name", "Robin", "-o", str(target))
    assert "opens only with its password" in flat(result.output)
    data = target.read_bytes()
    for word in [*WORDS, b"Robin"]:
        assert word not in data
    reader = PdfReader(target)
    assert reader.is_encrypted
    with pytest.raises(FileNotDecryptedError):
        reader.pages[0].extract_text()
    assert not PdfReader(target).decrypt("not the password")
    reader = PdfReader(target)
    assert reader.decrypt(PASSWORD)
    handler = reader.trailer["/Encrypt"].get_object()
    assert (handler["/V"], handler["/R"], handler["/Length"]) == (5, 6, 256)  # AES-256
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "going to be fired" in text and "lighthouse" in text


def test_a_password_is_typed_twice_in_a_terminal(written, home, cbt_script) -> None:
    env = {**os.environ, "CBT_HOME": str(home), "TERM": "xterm"}
    target = home / "typed.pdf"
    child = pexpect.spawn(
        cbt_script,
        ["export", "-f", "pdf", "--password", "-o", str(target)],
        env=env,
        encoding="utf-8",
        timeout=15,
    )
    child.expect_exact("A password to open the export: ")
    child.sendline(PASSWORD)
    child.expect_exact("The same password again: ")
    child.sendline(PASSWORD)
    child.expect_exact("opens only with its password")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert PdfReader(target).decrypt(PASSWORD)


def test_a_password_without_a_terminal_or_variable_is_one_sentence(cli, home, written) -> None:
    target = home / "shared.pdf"
    result = cli("export", "-f", "pdf", "--password", "-o", str(target))
    assert_one_clear_sentence(result, "CBT_EXPORT_PASSWORD")
    assert result.exit_code == 1
    assert not target.exists()


def test_a_password_is_for_pdf_alone(cli, written, monkeypatch) -> None:
    monkeypatch.setenv("CBT_EXPORT_PASSWORD", PASSWORD)
    result = cli("export", "-f", "md", "--password", "-o", "-")
    assert_one_clear_sentence(result, "--password protects a PDF")
    assert result.exit_code == 2


@pytest.fixture
def key(home) -> tuple[pyrage.x25519.Identity, Path]:
    """A fresh age key pair, its secret half in an identity file as age-keygen writes it."""
    identity = pyrage.x25519.Identity.generate()
    home.mkdir(mode=0o700, exist_ok=True)
    keyfile = home / "key.txt"
    keyfile.write_text(f"# public key: {identity.to_public()}\n{identity}\n", encoding="utf-8")
    return identity, keyfile


def test_an_export_encrypted_to_an_age_key_decrypts_and_imports(
    cli, home, written, key, tmp_path, monkeypatch
) -> None:
    identity, keyfile = key
    target = home / "shared.json.age"
    result = cli.ok(
        "export", "-f", "json", "--encrypt-to", str(identity.to_public()), "-o", str(target)
    )
    assert "only the holder of the secret key" in flat(result.output)
    sealed = target.read_bytes()
    assert sealed.startswith(b"age-encryption.org/v1\n")
    for word in [*WORDS, b"cbtcli-export"]:
        assert word not in sealed
    assert target.stat().st_mode & 0o777 == 0o600
    plain = json.loads(pyrage.decrypt(sealed, [identity]))
    assert "going to be fired" in json.dumps(plain)
    monkeypatch.setenv("CBT_HOME", str(tmp_path / "elsewhere"))
    assert_one_clear_sentence(cli("import", str(target)), "--identity")
    assert "Imported 1 entry, 1 mood" in flat(
        cli.ok("import", str(target), "--identity", str(keyfile)).output
    )
    again = json.loads(cli.ok("export", "-f", "json", "-o", "-").output)
    assert again["entries"] == plain["entries"] and again["moods"] == plain["moods"]


def test_any_format_can_be_encrypted_and_gets_an_age_name(
    cli, home, written, key, monkeypatch
) -> None:
    identity, _ = key
    monkeypatch.chdir(home)
    cli.ok("export", "-f", "md", "--encrypt-to", str(identity.to_public()))
    (made,) = home.glob("cbt-export-*.md.age")
    assert "going to be fired" in pyrage.decrypt(made.read_bytes(), [identity]).decode()


def test_a_wrong_key_or_recipient_is_one_sentence(cli, home, written, key, monkeypatch) -> None:
    identity, _ = key
    target = home / "shared.json.age"
    result = cli("export", "-f", "json", "--encrypt-to", "age1nope", "-o", str(target))
    assert_one_clear_sentence(result, "is not an age public key")
    assert result.exit_code == 2 and not target.exists()
    cli.ok("export", "-f", "json", "--encrypt-to", str(identity.to_public()), "-o", str(target))
    other = home / "other.txt"
    other.write_text(str(pyrage.x25519.Identity.generate()) + "\n", encoding="utf-8")
    before = cli.ok("journal", "--json").output
    result = cli("import", str(target), "--identity", str(other))
    assert_one_clear_sentence(result, "could not be decrypted with that identity")
    assert result.exit_code == 1
    assert cli.ok("journal", "--json").output == before
    assert_one_clear_sentence(cli("import", str(target), "-i", str(target)), "no age secret key")


def test_an_export_encrypted_with_an_age_passphrase_imports(
    cli, home, written, tmp_path, monkeypatch
) -> None:
    plain = cli.ok("export", "-f", "json", "-o", "-").output.encode()
    target = home / "from-age-cli.json.age"
    target.write_bytes(pyrage.passphrase.encrypt(plain, "a phrase"))
    monkeypatch.setenv("CBT_HOME", str(tmp_path / "elsewhere"))
    assert_one_clear_sentence(cli("import", str(target)), "CBT_AGE_PASSPHRASE")
    monkeypatch.setenv("CBT_AGE_PASSPHRASE", "a phrase")
    assert "Imported 1 entry" in flat(cli.ok("import", str(target)).output)


def test_an_age_file_damaged_part_way_imports_nothing(
    cli, home, written, key, tmp_path, monkeypatch
) -> None:
    identity, keyfile = key
    plain = cli.ok("export", "-f", "json", "-o", "-").output.encode()
    padded = plain.replace(b'"entries"', b'"padding": "' + b"x" * 200_000 + b'", "entries"', 1)
    sealed = bytearray(pyrage.encrypt(padded, [identity.to_public()]))
    sealed[-100] ^= 0xFF  # a byte of the last chunk: the first ones decrypt, then it fails
    target = home / "damaged.json.age"
    target.write_bytes(bytes(sealed))
    monkeypatch.setenv("CBT_HOME", str(tmp_path / "elsewhere"))
    result = cli("import", str(target), "--identity", str(keyfile))
    assert_one_clear_sentence(result, "damaged part way through")
    assert cli.ok("journal", "--json").output.strip() in ("[]", "")
