"""Help pages and usage errors in cbt's own voice, as the README writes them.

Typer labels each option with its Python type (`<str>`, `<list[str]>`, `<int range> [x>=1]`) and
puts required arguments in braces (`{FILE}`). People read the README's words instead: `TEXT`,
`N`, `FILE`, `NAME=INTENSITY`. The classes here change only how parameters are shown; each
parameter is switched to them once, when the command tree is built."""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args, get_origin

from typer.core import TyperArgument, TyperOption

# The README's names for values whose type alone does not say what to write.
README_METAVARS = {
    "--emotion": "NAME=INTENSITY",
    "--add": "TEXT=SUDS",
    "--rerate": "N=SUDS",
    "--rename": "N=TEXT",
    "--remove": "N",
    "--db": "PATH",
    "--output": "FILE",
    "--answers": "FILE",
    "--since": "DATE",
    "--until": "DATE",
    "--exercise": "EXERCISE",
    "--format": "FORMAT",
    "--name": "NAME",
    "--continue": "ID",
    "--days": "DAYS",
}


def metavar_for(param: Any) -> str:
    """`TEXT`, `N` or `FILE`, from the parameter's annotation."""
    for opt in getattr(param, "opts", []):
        if opt in README_METAVARS:
            return README_METAVARS[opt]
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", str)
    if get_origin(annotation) is list:
        (annotation,) = get_args(annotation) or (str,)
    if annotation is int:
        return "N"
    if annotation is float:
        return "NUMBER"
    if annotation is Path:
        return "FILE"
    return "TEXT"


class ReadableArgument(TyperArgument):
    def display_type_rich(self, ctx: Any) -> str | None:
        return None  # the argument's own name (FILE, KEY) already says what it is

    def _usage_display_name(self) -> str:
        name = self.display_name_raw + ("..." if self.nargs != 1 else "")
        return name if self.required else f"[{name}]"

    def _get_number_range_help_str(self) -> str | None:
        return None


class ReadableOption(TyperOption):
    def display_type_rich(self, ctx: Any) -> str | None:
        if self.is_flag or self.count:
            return None
        return self.metavar or metavar_for(self)

    def _get_number_range_help_str(self) -> str | None:
        return None  # "[x>=1]" is notation; the help sentence says the limits in words


def readable(param: Any) -> Any:
    if type(param) is TyperArgument:
        param.__class__ = ReadableArgument
        if param.metavar is None:
            param.metavar = param.name.upper() if param.name else None
    elif type(param) is TyperOption:
        param.__class__ = ReadableOption
    return param


def plain_wanted(ctx: Any) -> bool:
    """--plain anywhere on the line (read before --help: it is eager), CBT_PLAIN or NO_COLOR."""
    import os

    from ..terminal.no_colour import no_colour_requested

    root = ctx.find_root()
    if root.params.get("plain") or getattr(root.obj, "plain", False):
        return True
    flag = os.environ.get("CBT_PLAIN", "").strip().lower()
    return flag in ("1", "true", "yes", "on", "y", "t") or no_colour_requested()


def plain_help(command: Any) -> None:
    """Help as plain lines (Click's own layout, no boxes) when plain output is wanted."""
    boxed = command.format_help

    def format_help(ctx: Any, formatter: Any) -> None:
        if not plain_wanted(ctx):
            boxed(ctx, formatter)
            return
        from typer import _click

        _click.Command.format_help(command, ctx, formatter)

    def short_help(limit: int = 45) -> str:
        """The whole first paragraph, wrapped by the formatter rather than cut with "..."."""
        text = command.short_help or (command.help or "").split("\n\n")[0]
        return " ".join(text.split())

    command.format_help = format_help
    command.get_short_help_str = short_help


def make_readable(command: Any) -> None:
    """Switch every parameter in the command tree (and each --help, made afresh per run)."""
    plain_help(command)
    for param in getattr(command, "params", []):
        readable(param)
    make_help = getattr(command, "get_help_option", None)
    if make_help is not None and not getattr(make_help, "readable", False):

        def help_option(ctx: Any, make: Any = make_help) -> Any:
            option = make(ctx)
            return None if option is None else readable(option)

        help_option.readable = True  # type: ignore[attr-defined]
        command.get_help_option = help_option
    for sub in getattr(command, "commands", {}).values():
        make_readable(sub)
