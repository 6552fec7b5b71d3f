"""age-encrypted exports: named .age whatever name was asked for, and imported in a terminal
by asking where the secret key is (with no terminal, one sentence names --identity)."""

from __future__ import annotations

from pathlib import Path

import pexpect
import pyrage
import pytest

from .helpers import assert_one_clear_sentence, flat, spawn


@pytest.fixture
def key(home: Path) -> tuple[pyrage.x25519.Identity, Path]:
    identity = pyrage.x25519.Identity.generate()
    home.mkdir(mode=0o700, exist_ok=True)
    keyfile = home / "key.txt"
    keyfile.write_text(f"# public key: {identity.to_public()}\n{identity}\n", encoding="utf-8")
    return identity, keyfile


def test_an_encrypted_export_named_for_its_format_gets_age_added(cli, home, key) -> None:
    identity, _ = key
    cli.ok("mood", "6", "--note", "walked to the lighthouse")
    folder = home / "out"
    folder.mkdir()
    asked = folder / "enc.md"
    result = cli.ok(
        "export", "-f", "md", "--encrypt-to", str(identity.to_public()), "-o", str(asked)
    )
    written = folder / "enc.md.age"
    assert sorted(folder.iterdir()) == [written]
    text = flat(result.output)
    assert f"so it is named {written}" in text and f"to {written}" in text
    assert "lighthouse" in pyrage.decrypt(written.read_bytes(), [identity]).decode()


def sealed_export(cli, home: Path, identity: pyrage.x25519.Identity) -> Path:
    cli.ok("mood", "6", "--note", "walked to the lighthouse")
    target = home / "shared.json.age"
    cli.ok("export", "-f", "json", "--encrypt-to", str(identity.to_public()), "-o", str(target))
    return target


def test_in_a_terminal_import_asks_where_the_secret_key_is(
    cli, home, key, cbt_script, tmp_path
) -> None:
    identity, keyfile = key
    target = sealed_export(cli, home, identity)
    elsewhere = tmp_path / "elsewhere"
    child = spawn(cbt_script, elsewhere, "import", str(target))
    child.expect_exact("Where is your age secret key file?")
    child.send(f"{keyfile}\r")
    child.expect_exact("Imported 1 mood")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_in_a_terminal_no_answer_is_the_one_sentence(cli, home, key, cbt_script, tmp_path) -> None:
    identity, _ = key
    target = sealed_export(cli, home, identity)
    child = spawn(cbt_script, tmp_path / "elsewhere", "import", str(target))
    child.expect_exact("Where is your age secret key file?")
    child.send("\r")
    child.expect_exact("give the file with your secret key with --identity")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert not (tmp_path / "elsewhere" / "journal.db").exists()


def test_with_no_terminal_import_says_so_in_one_sentence(cli, home, key, monkeypatch) -> None:
    identity, _ = key
    target = sealed_export(cli, home, identity)
    result = cli("import", str(target))
    assert_one_clear_sentence(result, "is encrypted with age", "--identity")
    assert result.exit_code == 2
