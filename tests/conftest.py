"""Shared fixtures: every test gets its own home folder and journal on disk."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import keyring
import keyring.backend
import keyring.backends.fail
import pytest
import typer.main
import typer.testing
import yaml
from keyring.errors import PasswordDeleteError
from typer.testing import CliRunner

from cbtcli import clock as clock_module
from cbtcli import reminders
from cbtcli.cli import app
from cbtcli.cli.fastparams import speed_up

from .helpers import FROZEN_AT, THOUGHT_RECORD_ANSWERS

# The command object `cbt` runs, fast parameters and all (see cbtcli.__main__), so the tests
# see what people see. Typer's runner builds a command from an app; given this one, it keeps it.
COMMAND = typer.main.get_command(app)
speed_up(COMMAND)
typer.testing._get_command = lambda given: (  # type: ignore[attr-defined]
    given if given is COMMAND else typer.main.get_command(given)
)


@pytest.fixture(autouse=True)
def private_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test, whether it asks for a home or not, runs with a home, config and data
    folders of its own: nothing reads or writes the developer's real journal or settings."""
    user = tmp_path / "user-home"
    monkeypatch.setenv("HOME", str(user))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(user / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(user / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(user / ".local" / "state"))
    monkeypatch.setenv("CBT_HOME", str(tmp_path / "cbt-home"))
    for name in [n for n in os.environ if n.startswith("CBT_") and n != "CBT_HOME"]:
        monkeypatch.delenv(name)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "TZ", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    # No test reaches the system keyring: one that needs a keyring sets up its own.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


class FrozenClock:
    """Time standing still (a Wednesday evening, UTC) until the test moves it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    @property
    def today(self) -> date:
        return self.now.date()

    def advance(self, **delta: float) -> None:
        """Move time on, as `timedelta` counts it: `clock.advance(days=3)`."""
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    """Freezes `cbtcli.clock` for the test, so nothing depends on the day it runs. (Only the
    in-process command sees it: a subprocess runs on the real clock.)"""
    frozen = FrozenClock(FROZEN_AT)
    monkeypatch.setattr(clock_module, "source", frozen)
    return frozen


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cbt-home"
    monkeypatch.setenv("CBT_HOME", str(folder))
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("CBT_DEBUG", "1")  # a bug shows its traceback in the test report
    return folder


class Cli:
    """Runs `cbt` in-process with Typer's CliRunner against the test's home folder."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None) -> Any:
        return self.runner.invoke(COMMAND, list(args), input=input, catch_exceptions=True)

    def ok(self, *args: str, input: str | None = None) -> Any:
        result = self(*args, input=input)
        assert result.exit_code == 0, (result.output, result.exception)
        return result

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args).stdout)

    def write_answers(self, answers: dict[str, Any], name: str = "answers.yaml") -> Path:
        path = self.home.parent / name
        path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
        return path


@pytest.fixture
def cli(home: Path) -> Cli:
    return Cli(home)


@pytest.fixture
def cbt_script() -> str:
    """The installed console script, next to this interpreter."""
    script = Path(sys.executable).parent / ("cbt.exe" if os.name == "nt" else "cbt")
    if not script.exists():
        pytest.fail(f"the cbt console script is not installed next to {sys.executable}")
    return str(script)


PASSPHRASE = "correct horse battery staple"


@pytest.fixture(scope="module")
def encrypted_original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One encrypted journal with a thought record and a mood, built once (the passphrase's
    key derivation makes every opening take a moment) and copied for each test."""
    folder = tmp_path_factory.mktemp("encrypted")
    journal = folder / "journal.db"
    answers = folder / "answers.yaml"
    import yaml

    answers.write_text(yaml.safe_dump(THOUGHT_RECORD_ANSWERS), encoding="utf-8")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("CBT_HOME", str(folder))
        env.setenv("CBT_PASSPHRASE", PASSPHRASE)
        for args in (
            ["--db", str(journal), "do", "thought-record", "--answers", str(answers)],
            ["--db", str(journal), "mood", "6", "--note", "walked to the lighthouse"],
            ["--db", str(journal), "encrypt"],
        ):
            result = CliRunner().invoke(COMMAND, args, catch_exceptions=False)
            assert result.exit_code == 0, result.output
    return journal


@pytest.fixture
def encrypted(encrypted_original: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home.mkdir(mode=0o700, exist_ok=True)
    journal = home / "journal.db"
    shutil.copy(encrypted_original, journal)
    journal.chmod(0o600)
    monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
    return journal


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.kept.pop((service, username), None) is None:
            raise PasswordDeleteError("not there")


@pytest.fixture
def keychain() -> Iterator[MemoryKeyring]:
    kept = MemoryKeyring()
    keyring.set_keyring(kept)
    yield kept
    keyring.set_keyring(keyring.backends.fail.Keyring())


FAKE_TOOL = """#!/bin/sh
echo "$(basename "$0") $*" >> "{log}"
if [ "$(basename "$0")" = crontab ]; then
  if [ "$1" = "-l" ]; then cat "{tab}" 2>/dev/null || exit 1; fi
  if [ "$1" = "-" ]; then cat > "{tab}"; fi
fi
"""


@pytest.fixture
def tools(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """systemctl, crontab, launchctl and notify-send that only write down how they were run."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log, tab = tmp_path / "tools.log", tmp_path / "crontab.txt"
    for name in ("systemctl", "crontab", "launchctl", "notify-send"):
        tool = bin_dir / name
        tool.write_text(FAKE_TOOL.format(log=log, tab=tab))
        tool.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user" / ".config"))
    monkeypatch.setattr(reminders, "running_as_root", lambda: False)
    return tmp_path
