"""docs/cbt.1, the manual page, written from the commands' own help like docs/cli.md.

    python -m cbtcli.cli.manpage > docs/cbt.1      (read it with `man ./docs/cbt.1`)

A test fails when docs/cbt.1 differs from what this prints."""

from __future__ import annotations

from typing import Any

from .. import __version__
from ..wording import DISCLAIMER
from .reference import command_tree, metavar, usage

DESCRIPTION = (
    "cbt guides you through cognitive behavioural therapy (CBT) self-help exercises, one step "
    "at a time, and keeps what you write in a private journal on this computer. "
    + DISCLAIMER.replace("`", "")
)
EXIT_STATUS = [
    ("0", "Done."),
    ("1", "A problem with a file or the journal."),
    ("2", "A bad option or argument."),
    ("70", "cbt itself went wrong (CBT_DEBUG=1 shows the details)."),
    ("130", "Stopped part way; the draft is kept."),
]
ENVIRONMENT = [
    ("CBT_HOME", "The folder for the journal, settings and your exercises."),
    ("CBT_DB", "The journal file to use, as --db does."),
    ("CBT_PLAIN", "Set to 1 for plain lines, as --plain does."),
    ("NO_COLOR", "No colour, boxes or charts (prompts stay arrow-key menus)."),
    ("CBT_DEBUG", "Set to 1 to see the details when cbt itself goes wrong."),
    (
        "CBT_PASSPHRASE_COMMAND",
        "A command whose output is the encrypted journal's passphrase (pass show cbt).",
    ),
    ("CBT_PASSPHRASE", "The encrypted journal's passphrase, for scripts (prefer the command)."),
    ("CBT_NEW_PASSPHRASE", "The new passphrase for cbt passphrase, for scripts."),
    ("CBT_EXPORT_PASSWORD", "The password for cbt export -f pdf --password, for scripts."),
    ("CBT_AGE_PASSPHRASE", "The passphrase of an age-encrypted file for cbt import."),
]


def roff(text: str) -> str:
    """Text safe in a roff line: backslashes doubled, a leading dot or quote escaped."""
    text = " ".join(text.split()).replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + text if text[:1] in (".", "'") else text


def command_lines(path: list[str], command: Any) -> list[str]:
    lines = [".TP", f".B {roff(usage(path, command))}", roff(command.help or "")]
    for param in command.params:
        if param.param_type_name != "option" or param.hidden:
            continue
        value = "" if param.is_flag else f" {metavar(param)}"
        names = ", ".join(f"{name}{value}" for name in sorted(param.opts, key=len, reverse=True))
        lines += [".RS", ".TP", f".B {roff(names)}", roff(param.help or ""), ".RE"]
    return lines


def manpage() -> str:
    root = command_tree()
    lines = [
        f'.TH CBT 1 "" "cbt {__version__}" "User Commands"',
        ".SH NAME",
        "cbt \\- guided CBT self\\-help exercises and a private journal",
        ".SH SYNOPSIS",
        ".B cbt",
        "[\\-\\-db PATH] [\\-\\-plain] COMMAND [OPTIONS] [ARGUMENTS]",
        ".SH DESCRIPTION",
        roff(DESCRIPTION),
        ".SH COMMANDS",
    ]

    def walk(path: list[str], command: Any) -> None:
        for name, sub in command.commands.items():
            if sub.hidden:
                continue
            lines.extend(command_lines([*path, name], sub))
            if hasattr(sub, "commands"):
                walk([*path, name], sub)

    walk([], root)
    lines.append(".SH GLOBAL OPTIONS")
    lines.extend(command_lines([], root)[3:])
    lines.append(".SH EXIT STATUS")
    for code, meaning in EXIT_STATUS:
        lines += [".TP", f".B {code}", roff(meaning)]
    lines.append(".SH ENVIRONMENT")
    for name, meaning in ENVIRONMENT:
        lines += [".TP", f".B {name}", roff(meaning)]
    lines += [".SH SEE ALSO", "The README, and docs/cli.md for every option in full."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(manpage(), end="")
