"""Exports that stay private on the way: a PDF opened only with its password."""

from __future__ import annotations

import os

import pexpect
import pytest
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

from .conftest import THOUGHT_RECORD_ANSWERS, assert_one_clear_sentence, flat

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
