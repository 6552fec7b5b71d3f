"""Hints name cbt the way it was started, so `cbt show ID` after the quick start can be typed
as it stands even where `cbt` is not on the PATH (or is another program)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import THOUGHT_RECORD_ANSWERS


def run(cli, args: list[str], cwd: Path, path: str) -> str:
    answers = cli.write_answers(THOUGHT_RECORD_ANSWERS)
    env = {**os.environ, "CBT_HOME": str(cli.home), "PATH": path, "COLUMNS": "400"}
    result = subprocess.run(
        [*args, "do", "thought-record", "--answers", str(answers)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def shown_id(output: str, how: str) -> str:
    found = re.search(rf"See it with {re.escape(how)} show (\w+)\.", output)
    assert found, output
    return found.group(1)


def test_python_m_cbtcli_hints_python_m_cbtcli(cli, tmp_path: Path) -> None:
    output = run(cli, [sys.executable, "-m", "cbtcli"], tmp_path, "/usr/bin:/bin")
    how = f"{sys.executable} -m cbtcli"
    if Path(sys.executable).resolve() == Path("/usr/bin/python3").resolve():
        how = "python3 -m cbtcli"
    entry = shown_id(output, how)
    # and the hint works as written
    env = {**os.environ, "CBT_HOME": str(cli.home)}
    shown = subprocess.run([*how.split(), "show", entry], env=env, capture_output=True, text=True)
    assert shown.returncode == 0 and "Hot thought" in shown.stdout


def test_a_script_run_by_its_path_is_named_by_that_path(cli, cbt_script: str) -> None:
    bin_dir = Path(cbt_script).parent
    output = run(cli, [f"{bin_dir.name}/cbt"], bin_dir.parent, "/usr/bin:/bin")
    shown_id(output, f"{bin_dir.name}/cbt")


def test_cbt_on_the_path_is_just_cbt(cli, cbt_script: str, tmp_path: Path) -> None:
    bin_dir = Path(cbt_script).parent
    if not os.access(bin_dir / "cbt", os.X_OK):
        pytest.skip("no installed cbt script")
    output = run(cli, ["cbt"], tmp_path, f"{bin_dir}:/usr/bin:/bin")
    shown_id(output, "cbt")
