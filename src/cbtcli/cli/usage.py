"""How a command line is read before the commands see it, and how any mistake is told.

Global options (`--db PATH`, `--plain`) work anywhere on the line, as people type them after
the command as often as before it. A usage mistake is one sentence and a `--help` hint on
standard error, exit 2, never Click's boxed `Usage:` block."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from ..errors import CbtError, Interrupted, OptionName

GLOBAL_FLAGS = {"--plain"}
GLOBAL_WITH_VALUE = {"--db"}
NEGATIVE_NUMBER = re.compile(r"^-\d")


def hoist_global_options(argv: Sequence[str]) -> list[str]:
    """Move --db and --plain to the front, where the root command reads them; nothing after
    `--` is touched (it may be a person's own words)."""
    front: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(argv):
        token = argv[index]
        if token == "--":
            rest.extend(argv[index:])
            break
        if token in GLOBAL_FLAGS or (token.split("=", 1)[0] in GLOBAL_WITH_VALUE and "=" in token):
            front.append(token)
        elif token in GLOBAL_WITH_VALUE and index + 1 < len(argv):
            front.extend(argv[index : index + 2])
            index += 1
        else:
            rest.append(token)
        index += 1
    return front + rest


def sentence(text: str) -> str:
    text = " ".join(text.split())
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def usage_message(exc: Any) -> str:
    """One sentence for Click's usage error, then where the help is."""
    from typer._click.exceptions import NoSuchOption

    if isinstance(exc, NoSuchOption) and NEGATIVE_NUMBER.match(exc.option_name):
        text = f"{exc.option_name} is not a number cbt takes here; numbers start at 0."
    else:
        text = sentence(exc.format_message())
    ctx = getattr(exc, "ctx", None)
    path = ctx.command_path if ctx is not None else "cbt"
    return f"{text} See '{path} --help'."


def flag_for(option: OptionName, root: Any) -> str:
    """The flag a person types for the option the package calls `option.name`, read from the
    commands' own parameters (every command names one idea with the same flag)."""
    commands = [root]
    while commands:
        command = commands.pop()
        for param in getattr(command, "params", ()):
            flags = [opt for opt in param.opts if opt.startswith("--")]
            if param.name == option.name and flags:
                return flags[0]
        commands.extend(getattr(command, "commands", {}).values())
    return str(option)


def in_flags(exc: CbtError, root: Any) -> str:
    """The error's message with each option it names worded as the flag the person types."""
    return exc.worded(lambda option: flag_for(option, root))


def report(exc: CbtError, root: Any = None) -> None:
    """A problem as one sentence on standard error, whichever command met it; `root` is the
    `cbt` command, whose options name the flags in the sentence."""
    from ..terminal.console import make_console, styled

    # Stopping part way is not a mistake: say what was kept, calmly, without "error" colours.
    prefix = "" if isinstance(exc, Interrupted) else "[bold red]cbt:[/] "
    console = make_console(stderr=True)
    # In a terminal rich wraps the sentence between words (the terminal itself would break a
    # word at its edge: "ca" / "n use" at 40 columns); in a log or a pipe it stays one line.
    console.print(styled(prefix + "{}", in_flags(exc, root)), soft_wrap=not console.is_terminal)


def run_in_one_voice(run: Callable[[list[str]], Any], args: Sequence[str] | None) -> NoReturn:
    from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
    from typer.exceptions import Abort

    argv = hoist_global_options(sys.argv[1:] if args is None else list(args))
    try:
        result = run(argv)
    except NoArgsIsHelpError as exc:
        # `cbt ladder` alone asks what the ladder commands are: the answer is not an error
        sys.stdout.write(exc.ctx.get_help() + "\n")
        sys.exit(0)
    except UsageError as exc:
        report(CbtError(usage_message(exc)))
        sys.exit(2)
    except ClickException as exc:
        report(CbtError(sentence(exc.format_message())))
        sys.exit(exc.exit_code)
    except Abort:
        report(Interrupted("Stopped."))
        sys.exit(130)
    sys.exit(result if isinstance(result, int) else 0)
