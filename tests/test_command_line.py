"""The command line itself: help pages in the README's words, one-sentence usage errors, the
README's exit codes row by row, and global options anywhere on the line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command

from cbtcli.cli import app

from .helpers import flat

PYTHON_TYPES = re.compile(r"<(str|int|bool|float|path|list|int range)[^>]*>|list\[|[{}]|x>=|x<=")


def every_command_path() -> list[list[str]]:
    paths: list[list[str]] = []

    def walk(command: Any, path: list[str]) -> None:
        paths.append(path)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])

    walk(get_command(app), [])
    return paths


def test_no_help_page_shows_a_python_type_or_braces(cli) -> None:
    paths = every_command_path()
    assert len(paths) > 20
    for path in paths:
        result = cli(*path, "--help")
        assert result.exit_code == 0, (path, result.output)
        found = PYTHON_TYPES.search(result.output)
        assert found is None, (path, found.group(0) if found else "", result.output)


def test_help_pages_use_the_readme_names_for_values(cli) -> None:
    mood = flat(cli.ok("mood", "--help").output)
    assert "NAME=INTENSITY" in mood and "TEXT" in mood
    assert "N " in flat(cli.ok("journal", "--help").output)
    assert "TEXT=SUDS" in flat(cli.ok("ladder", "edit", "--help").output)
    assert "KEY VALUE" in flat(cli.ok("config", "set", "--help").output)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["mood", "-1"], "-1 is not a number cbt takes here"),
        (["feel"], "No such command 'feel'."),
        (["journal", "--limit", "0"], "the least is 1"),
        (["journal", "--nope"], "No such option"),
        (["config", "set", "region"], "Missing argument 'VALUE'"),
    ],
)
def test_a_usage_mistake_is_one_sentence_and_a_help_hint(cli, args, fragment) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    text = result.stderr.strip()
    assert fragment in text
    assert text.startswith("cbt: ") and "--help'." in text
    assert "Usage:" not in text and "╭" not in text
    assert len(text.splitlines()) == 1 or len(" ".join(text.split())) < 200
    assert result.stdout == ""


def test_a_bare_command_group_lists_its_commands_and_succeeds(cli) -> None:
    for group, command in [("ladder", "practice"), ("goal", "set"), ("measure", "history")]:
        result = cli(group)
        assert result.exit_code == 0, (group, result.output)
        assert command in result.stdout


# One test per row of the README's exit-code table.


def test_exit_0_when_all_is_well(cli) -> None:
    assert cli("exercises").exit_code == 0


def test_exit_1_for_a_problem_with_a_file_or_the_journal(cli, tmp_path: Path) -> None:
    foreign = tmp_path / "notes.db"
    foreign.write_bytes(b"not a journal, just some bytes" * 10)
    result = cli("--db", str(foreign), "journal")
    assert result.exit_code == 1
    assert foreign.read_bytes() == b"not a journal, just some bytes" * 10


def test_exit_2_for_a_bad_option(cli) -> None:
    assert cli("mood", "11").exit_code == 2
    assert cli("journal", "--since", "someday").exit_code == 2


def test_exit_130_when_stopped_part_way(cli) -> None:
    assert cli("do", "thought-record", input="").exit_code == 130


def test_exit_70_only_for_a_fault_in_cbt(cli, monkeypatch) -> None:
    import cbtcli.insights.summary

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("simulated fault")

    monkeypatch.delenv("CBT_DEBUG")
    monkeypatch.setattr(cbtcli.insights.summary, "summarise", broken)
    assert cli("summary").exit_code == 70


def test_the_readme_exit_code_table_lists_every_code_tested_here() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    table = readme.split("| Exit code |", 1)[1].split("\n\n", 1)[0]
    codes = re.findall(r"^\| `(\d+)` \|", table, flags=re.M)
    assert codes == ["0", "1", "2", "70", "130"]


def test_db_works_anywhere_on_the_line_and_from_cbt_db(cli, tmp_path: Path, monkeypatch) -> None:
    before, after, env = (tmp_path / f"{name}.db" for name in ("before", "after", "env"))
    cli.ok("--db", str(before), "mood", "4")
    cli.ok("mood", "5", "--db", str(after))
    cli.ok("mood", "6", f"--db={after}")
    monkeypatch.setenv("CBT_DB", str(env))
    cli.ok("mood", "7")
    assert before.exists() and after.exists() and env.exists()
    assert not list(cli.home.rglob("*.db")), "nothing went to the default journal"
    monkeypatch.delenv("CBT_DB")
    summary = cli.json("summary", "--json", "--db", str(after))
    assert "5" in str(summary) and "6" in str(summary)


def test_words_after_a_double_dash_are_never_taken_as_options(cli, tmp_path: Path) -> None:
    from cbtcli.cli.usage import hoist_global_options

    line = ["mood", "5", "--plain", "-n", "x", "--", "--db", "kept"]
    assert hoist_global_options(line) == ["--plain", "mood", "5", "-n", "x", "--", "--db", "kept"]


def test_plain_anywhere_or_cbt_plain_draws_no_boxes(cli, monkeypatch) -> None:
    cli.ok("mood", "4")
    cli.ok("mood", "6")
    boxes = re.compile("[\u2500-\u259f]")
    assert boxes.search(cli.ok("summary").output)  # the chart and panels, by default
    assert not boxes.search(cli.ok("summary", "--plain").output)
    monkeypatch.setenv("CBT_PLAIN", "1")
    assert not boxes.search(cli.ok("summary").output)
    assert not boxes.search(cli.ok("measure", "history").output)


def test_cbtcli_is_a_second_name_for_the_same_command() -> None:
    script = Path(sys.executable).parent / "cbtcli"
    if not script.exists():
        pytest.skip("reinstall the package to get the cbtcli script")
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("cbt ")
