"""The daily reminder on an encrypted journal: the scheduler runs `cbt remind check` with no
terminal, so it never asks for a passphrase, and a reminder still comes."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .conftest import PASSPHRASE
from .helpers import spawn

GENERIC = "A few minutes of practice today, if you haven't yet? Run cbt when you're ready."


def no_passphrase(home: Path) -> dict[str, str]:
    env = {**os.environ, "CBT_HOME": str(home)}
    env.pop("CBT_PASSPHRASE", None)
    return env


def notified(tools: Path) -> str:
    log = tools / "tools.log"
    return log.read_text() if log.exists() else ""


def test_with_no_key_and_no_terminal_a_gentle_reminder_still_comes(
    encrypted, tools, cbt_script
) -> None:
    before = encrypted.read_bytes()
    done = subprocess.run(
        [cbt_script, "remind", "check"],
        env=no_passphrase(encrypted.parent),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert f"notify-send --app-name=cbt cbt {GENERIC}" in notified(tools)
    assert encrypted.read_bytes() == before  # not even opened


def test_in_a_terminal_it_never_asks_for_the_passphrase(
    encrypted, tools, cbt_script, monkeypatch
) -> None:
    import pexpect

    monkeypatch.delenv("CBT_PASSPHRASE")
    child = spawn(cbt_script, encrypted.parent, "remind", "check", "--print")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert child.before.strip() == GENERIC  # and no "Passphrase to open" prompt


def test_a_passphrase_that_no_longer_opens_it_still_gets_a_reminder(
    cli, encrypted, monkeypatch
) -> None:
    monkeypatch.setenv("CBT_PASSPHRASE", "not it any more")
    assert cli.ok("remind", "check", "--print").output.strip() == GENERIC
    monkeypatch.delenv("CBT_PASSPHRASE")
    monkeypatch.setenv("CBT_PASSPHRASE_COMMAND", "false")
    assert cli.ok("remind", "check", "--print").output.strip() == GENERIC


def test_a_remembered_key_lets_it_see_today_s_practice(
    cli, encrypted, keychain, clock, monkeypatch
) -> None:
    cli.ok("passphrase", "--remember")
    monkeypatch.delenv("CBT_PASSPHRASE")
    cli.ok("mood", "5")
    assert cli.ok("remind", "check", "--print").output == ""  # practised today: no reminder
    clock.advance(days=1)
    text = cli.ok("remind", "check", "--print").output.strip()
    assert text.startswith("A few minutes of practice today?") and text != GENERIC


def test_the_environment_s_passphrase_is_used_without_a_prompt(cli, encrypted, clock) -> None:
    assert os.environ["CBT_PASSPHRASE"] == PASSPHRASE
    cli.ok("mood", "5")
    assert cli.ok("remind", "check", "--print").output == ""


def test_today_quiet_in_a_shell_start_up_never_asks_for_the_passphrase(
    encrypted, cbt_script, monkeypatch
) -> None:
    import pexpect

    monkeypatch.delenv("CBT_PASSPHRASE")
    child = spawn(cbt_script, encrypted.parent, "today", "--quiet")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert child.before.strip().startswith("Whenever you're ready:")  # and no prompt
