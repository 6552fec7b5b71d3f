"""Every `cbt` command runs on an encrypted journal. The list is read from the app itself, so a
new command fails here until it is given its arguments below. The journal's key is remembered
(in a keyring the test sets up), which also keeps each run free of the key derivation."""

from __future__ import annotations

from pathlib import Path

import pytest

from cbtcli.paths import builtin_exercises_dir

from .conftest import COMMAND, PASSPHRASE
from .helpers import assert_unreadable, flat, leaf_commands

EXAMPLES = builtin_exercises_dir() / "examples"


def ex(name: str) -> str:
    return str(EXAMPLES / name)


LADDER = ["ladder", "new", "--answers", ex("fear-ladder.yaml")]
EXPERIMENT = ["do", "behavioural-experiment", "--answers", ex("behavioural-experiment.plan.yaml")]

# command -> the runs before it (if any) and its own arguments. {entry} is the newest entry's
# id, {tmp} a scratch folder.
RUNS: dict[str, list[list[str]]] = {
    "do": [["do", "journal-note", "--answers", ex("journal-note.yaml")]],
    "review": [
        EXPERIMENT,
        ["review", "{entry}", "--answers", ex("behavioural-experiment.review.yaml")],
    ],
    "due": [["due"]],
    "summary": [["summary"]],
    "today": [["today"]],
    "patterns": [["patterns"]],
    "journal": [["journal"]],
    "show": [["show", "{entry}"]],
    "edit": [["edit", "{entry}", "belief_after", "<20"]],
    "delete": [["delete", "{entry}", "--yes"]],
    "mood": [["mood", "5", "--note", "a calm walk"]],
    "prep": [["prep"]],
    "export": [["export", "-f", "json", "-o", "{tmp}/export.json"]],
    "import": [
        ["export", "-f", "json", "-o", "{tmp}/export.json"],
        ["import", "{tmp}/export.json"],
    ],
    "flag": [["flag", "{entry}"]],
    "unflag": [["flag", "{entry}"], ["unflag", "{entry}"]],
    "private": [["private", "{entry}"]],
    "backup": [["backup", "{tmp}/backup.db"]],
    "doctor": [["doctor"]],
    "repair": [["repair", "-o", "{tmp}/repaired.db"]],
    "help-now": [["help-now"]],
    "blueprint": [["blueprint", "--answers", ex("relapse-blueprint.blueprint.yaml")]],
    "completion": [["completion", "bash"]],
    "encrypt": [["encrypt"]],  # refused: it is encrypted already
    "decrypt": [["decrypt", "--yes"]],
    "passphrase": [["passphrase", "--remember"]],
    "goal set": [["goal", "set", "thought-record", "3/week"]],
    "goal list": [["goal", "set", "thought-record", "3/week"], ["goal", "list"]],
    "goal remove": [
        ["goal", "set", "thought-record", "3/week"],
        ["goal", "remove", "thought-record"],
    ],
    "ladder list": [LADDER, ["ladder", "list"]],
    "ladder new": [LADDER],
    "ladder show": [LADDER, ["ladder", "show", "bus"]],
    "ladder edit": [LADDER, ["ladder", "edit", "bus", "--add", "Ride home at night=70"]],
    "ladder practice": [
        LADDER,
        ["ladder", "practice", "bus", "--answers", ex("exposure.before.yaml")],
    ],
    "ladder done": [LADDER, ["ladder", "done", "bus", "1"]],
    "ladder archive": [LADDER, ["ladder", "archive", "bus"]],
    "session list": [["session", "list"]],
    "assign": [["assign", str(Path(__file__).parent / "data" / "assignment.yaml"), "--yes"]],
    "assignments": [
        ["assign", str(Path(__file__).parent / "data" / "assignment.yaml"), "--yes"],
        ["assignments"],
    ],
    "exercises validate": [["exercises", "validate", ex("../thought-record.yaml")]],
    "exercises new": [["exercises", "new", "my-exercise"]],
    "config set": [["config", "set", "name", "Robin"]],
    "config list": [["config", "list"]],
    "config unset": [["config", "set", "name", "Robin"], ["config", "unset", "name"]],
    "measure history": [["measure", "history"]],
    "measure phq9": [["measure", "phq9", "--answers", ex("phq9.yaml")]],
    "measure gad7": [["measure", "gad7", "--answers", ex("gad7.yaml")]],
    "remind at": [["remind", "at", "20:00"]],
    "remind list": [["remind", "list"]],
    "remind off": [["remind", "off"]],
    "remind check": [["remind", "check"]],
}


def test_every_command_is_listed() -> None:
    assert sorted(leaf_commands(COMMAND)) == sorted(RUNS)


@pytest.mark.parametrize("command", sorted(RUNS))
def test_every_command_runs_on_an_encrypted_journal(
    cli, encrypted, keychain, tmp_path, monkeypatch, request, command
) -> None:
    if command.startswith("remind"):
        request.getfixturevalue("tools")  # nothing is set up on this machine
    cli.ok("passphrase", "--remember")
    monkeypatch.delenv("CBT_PASSPHRASE")  # opened with the remembered key alone
    *before, last = RUNS[command]
    for args in [*before, last]:
        entry = cli.json("journal", "--json", "-n", "1")[0]["id"]
        args = [a.replace("{entry}", entry).replace("{tmp}", str(tmp_path)) for a in args]
        typed = args.pop()[1:] + "\n" if args[-1].startswith("<") else None
        if args[0] == "decrypt":  # taking encryption off needs the passphrase itself
            monkeypatch.setenv("CBT_PASSPHRASE", PASSPHRASE)
        result = cli(*args, input=typed)
        if args == ["encrypt"]:
            assert result.exit_code == 1 and "already encrypted" in flat(result.output)
            continue
        assert result.exit_code == 0, (args, result.output)
        assert "passphrase does not open" not in result.output
        assert "no passphrase was given" not in result.output
    if command == "decrypt":
        assert encrypted.read_bytes().startswith(b"SQLite format 3")
    else:
        assert_unreadable(encrypted)
        assert cli.json("journal", "--json")  # and it still opens
    for made in ("backup.db", "repaired.db"):
        if (tmp_path / made).exists():
            assert_unreadable(Path(tmp_path / made))
