"""docs/cli.md, the command reference, written from the commands' own help so it cannot drift.

    python -m cbtcli.cli.reference > docs/cli.md

A test fails when docs/cli.md differs from what this prints."""

from __future__ import annotations

from typing import Any

HEADER = """# cbt command reference

Every command, argument and option, generated from the commands' own help by
`python -m cbtcli.cli.reference > docs/cli.md` (a test checks it is current). The README's
command table is the short version; `cbt COMMAND --help` prints any of these in the terminal.
"""


def command_tree() -> Any:
    """The command object `cbt` runs (as __main__ builds it)."""
    from typer.main import get_command

    from . import app
    from .fastparams import speed_up

    command = get_command(app)
    speed_up(command)
    return command


def metavar(param: Any) -> str:
    """The word for a value, as the README writes it (the same word `--help` shows)."""
    from .voice import metavar_for

    return str(param.metavar) if getattr(param, "metavar", None) else metavar_for(param)


def cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def option_rows(command: Any) -> list[str]:
    rows = []
    for param in command.params:
        if param.param_type_name != "option" or param.hidden:
            continue
        value = "" if param.is_flag else f" {metavar(param)}"
        names = ", ".join(f"`{name}{value}`" for name in sorted(param.opts, key=len, reverse=True))
        default = ""
        if not param.is_flag and param.default not in (None, (), []):
            default = f"`{param.default}`"
        rows.append(f"| {names} | {cell(param.help or '')} | {default} |")
    return rows


def usage(path: list[str], command: Any) -> str:
    pieces = ["[OPTIONS]"] if any(p.param_type_name == "option" for p in command.params) else []
    for param in command.params:
        if param.param_type_name == "argument":
            name = metavar(param) if getattr(param, "metavar", None) else param.name.upper()
            if param.nargs == -1:
                name += "..."
            pieces.append(name if param.required else f"[{name}]")
    if hasattr(command, "commands"):
        pieces.append("COMMAND")
    return " ".join(["cbt", *path, *pieces])


def section(path: list[str], command: Any) -> list[str]:
    title = " ".join(["cbt", *path])
    lines = [f"## `{title}`", "", cell(command.help or command.short_help or ""), ""]
    lines += [f"Usage: `{usage(path, command)}`", ""]
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    if arguments:
        lines += ["| Argument | What it is |", "| --- | --- |"]
        for param in arguments:
            name = metavar(param) if getattr(param, "metavar", None) else param.name.upper()
            lines.append(f"| `{name}` | {cell(getattr(param, 'help', '') or '')} |")
        lines.append("")
    options = option_rows(command)
    if options:
        lines += ["| Option | What it does | Default |", "| --- | --- | --- |", *options, ""]
    return lines


def reference() -> str:
    root = command_tree()
    lines = [HEADER, *section([], root)]

    def walk(path: list[str], command: Any) -> None:
        for name, sub in command.commands.items():
            if sub.hidden:
                continue
            lines.extend(section([*path, name], sub))
            if hasattr(sub, "commands"):
                walk([*path, name], sub)

    walk([], root)
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(reference(), end="")
