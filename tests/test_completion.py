"""Shell completion, checked the way a shell asks: bash runs the printed script's function with
COMP_WORDS set, and the candidates are what the person would see after Tab."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import THOUGHT_RECORD_ANSWERS

BIN = Path(sys.executable).parent


def bash_candidates(line: str, home: Path) -> list[str]:
    words = line.split()
    current = len(words) if line.endswith(" ") else len(words) - 1
    empty = ' ""' if line.endswith(" ") else ""
    script = (
        f'source <("{BIN / "cbt"}" completion bash)\n'
        f"COMP_WORDS=({line.strip()}{empty})\n"
        f"COMP_CWORD={current}\n"
        "_cbt_completion cbt\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {**os.environ, "CBT_HOME": str(home), "PATH": f"{BIN}:{os.environ['PATH']}"}
    env.pop("CBT_DB", None)
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
    )
    assert result.stderr == "", result.stderr
    return [word for word in result.stdout.splitlines() if word]


@pytest.fixture
def journal_with_things(cli) -> Path:
    answers = cli.write_answers(THOUGHT_RECORD_ANSWERS)
    cli.ok("do", "thought-record", "--answers", str(answers))
    ladder = {"goal": "Drive again", "ladder": {"name": "driving", "steps": [{"Sit in it": 20}]}}
    cli.ok("ladder", "new", "--answers", str(cli.write_answers(ladder, "ladder.yaml")))
    return cli.home


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_commands_options_exercises_and_settings(home: Path) -> None:
    assert bash_candidates("cbt jou", home) == ["journal"]
    assert "--limit" in bash_candidates("cbt journal --li", home)
    assert bash_candidates("cbt do thought-r", home) == ["thought-record"]
    assert bash_candidates("cbt journal -e mo", home) == ["mood"]
    assert bash_candidates("cbt config set ", home)[:2] == ["name", "region"]
    assert bash_candidates("cbt measure history ", home) == ["gad7", "phq9"]
    assert {"list", "new", "show", "practice"} <= set(bash_candidates("cbt ladder ", home))


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_entry_ids_and_ladder_names(cli, journal_with_things: Path) -> None:
    ids = [entry["id"] for entry in cli.json("journal", "--json")]
    assert len(ids) == 2
    for entry_id in ids:
        assert entry_id in bash_candidates(f"cbt show {entry_id[:1]}", journal_with_things)
        assert bash_candidates(f"cbt show {entry_id[:8]}", journal_with_things) == [entry_id]
    assert bash_candidates("cbt ladder show d", journal_with_things) == ["driving"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_a_tab_never_creates_a_journal(home: Path) -> None:
    assert bash_candidates("cbt show ", home) == []
    assert not home.exists() or not list(home.rglob("*.db"))


def test_each_shell_gets_a_script_that_calls_back_into_cbt(cli) -> None:
    for shell, marker in [
        ("bash", "complete -o default -F"),
        ("zsh", "compdef"),
        ("fish", "complete --command cbt"),
    ]:
        script = cli.ok("completion", shell).stdout
        assert marker in script and "_CBT_COMPLETE" in script
    result = cli("completion", "tcsh")
    assert result.exit_code == 2 and "bash, zsh or fish" in result.stderr


def test_zsh_and_fish_answers_through_the_same_protocol(home: Path) -> None:
    env = {**os.environ, "CBT_HOME": str(home), "_TYPER_COMPLETE_ARGS": "cbt jou"}
    zsh = subprocess.run(
        [str(BIN / "cbt")],
        env={**env, "_CBT_COMPLETE": "complete_zsh"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert "journal" in zsh.stdout
    fish = subprocess.run(
        [str(BIN / "cbt")],
        env={**env, "_CBT_COMPLETE": "complete_fish", "_TYPER_COMPLETE_FISH_ACTION": "get-args"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert "journal" in fish.stdout
