"""Odd surroundings, through the installed script: a journal folder that can be read but not
written, and a terminal that cannot show every character."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

# Root may write anywhere; without these two capabilities it meets permissions as anyone does.
AS_ANYONE = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
AS_ANYONE += ["--inh-caps=-dac_override,-dac_read_search"]


def run(command: list[str], home: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        command,
        capture_output=True,
        env={**os.environ, "CBT_HOME": str(home), "COLUMNS": "200", **env},
        timeout=60,
        check=False,
    )


@pytest.fixture
def as_anyone() -> list[str]:
    if os.name != "posix":
        pytest.skip("folder permissions as on POSIX")
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("root ignores folder permissions, and setpriv is not here to drop that")
    return AS_ANYONE


def test_a_folder_that_can_be_read_but_not_written(cbt_script, home: Path, as_anyone) -> None:
    cbt = [*as_anyone, cbt_script]
    assert run([cbt_script, "mood", "6", "-n", "walked"], home).returncode == 0
    home.chmod(0o500)
    try:
        before = {p.name: p.read_bytes() for p in home.iterdir()}
        listed = run([*cbt, "journal", "--json"], home)
        assert listed.returncode == 0, listed.stderr
        assert json.loads(listed.stdout)[0]["answers"]["note"] == "walked"
        for args in (["summary"], ["export", "-f", "md", "-o", "-"], ["today"]):
            assert run([*cbt, *args], home).returncode == 0, args
        refused = run([*cbt, "mood", "3"], home)
        said = refused.stderr.decode()
        assert refused.returncode == 1
        assert "holding the journal is read-only, so nothing could be saved" in said
        assert len(said.strip().splitlines()) == 1 and "Traceback" not in said
        assert {p.name: p.read_bytes() for p in home.iterdir()} == before
    finally:
        home.chmod(0o700)


def test_a_terminal_without_unicode_never_loses_or_doubles_a_write(cbt_script, home: Path) -> None:
    ascii_only = {"PYTHONIOENCODING": "ascii", "LANG": "C", "LC_ALL": "C"}
    saved = run([cbt_script, "mood", "5", "-n", "café ☕ “quoted”"], home, **ascii_only)
    assert saved.returncode == 0, saved.stderr
    assert b"caf?" in saved.stdout and b"Traceback" not in saved.stderr
    listed = json.loads(run([cbt_script, "journal", "--json"], home).stdout)
    assert [item["answers"]["note"] for item in listed] == [
        "café ☕ “quoted”"
    ]  # saved once, exactly
    shown = run([cbt_script, "journal"], home, **ascii_only)
    assert shown.returncode == 0 and b"caf?" in shown.stdout
    missing = run([cbt_script, "show", "zzzz"], home, **ascii_only)
    assert missing.returncode == 1 and b"Traceback" not in missing.stderr
    exported = run([cbt_script, "export", "-f", "json", "-o", "-"], home, **ascii_only)
    assert "café ☕ “quoted”" in exported.stdout.decode("utf-8")  # an export keeps every character
