"""Long imports, exports and backups show a progress bar in a terminal, and nothing in a pipe."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pexpect

from .helpers import many_thought_records


def run_in_terminal(cbt_script: str, home: Path, *args: str) -> str:
    env = {**os.environ, "CBT_HOME": str(home), "TERM": "xterm", "CBT_PROGRESS_AFTER": "0"}
    child = pexpect.spawn(cbt_script, list(args), env=env, encoding="utf-8", timeout=30)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    return child.before


def test_progress_in_a_terminal_only(cbt_script, home, tmp_path) -> None:
    many_thought_records(home, 300)
    export = tmp_path / "all.json"
    shown = run_in_terminal(cbt_script, home, "export", "-f", "json", "-o", str(export))
    assert "Exporting" in shown and "300" in shown
    target = tmp_path / "other" / "journal.db"
    shown = run_in_terminal(cbt_script, home, "--db", str(target), "import", str(export))
    assert "Importing" in shown and "Imported 300 entries" in shown
    shown = run_in_terminal(cbt_script, home, "backup", str(tmp_path / "copy.db"))
    assert "Backing up" in shown
    piped = subprocess.run(
        [cbt_script, "export", "-f", "md", "-o", str(tmp_path / "all.md")],
        env={**os.environ, "CBT_HOME": str(home), "CBT_PROGRESS_AFTER": "0"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Exporting" not in piped.stderr + piped.stdout
