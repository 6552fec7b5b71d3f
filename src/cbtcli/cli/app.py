"""The root `cbt` command: global options, and the one place errors become an exit code."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from .. import __version__
from ..errors import CbtError, Interrupted

if TYPE_CHECKING:
    from rich.console import Console

    from ..catalog import Catalog
    from ..engine import Prompter
    from ..journal import Journal

DISCLAIMER = (
    "cbt is a self-help tool. It is not a substitute for professional care and it is not "
    "for emergencies: if you are in danger or thinking of harming yourself, run `cbt help-now`."
)


def click_exceptions() -> type[Exception]:
    """Typer's own usage errors, which it reports itself."""
    from typer._click.exceptions import ClickException

    return ClickException


def report(exc: CbtError) -> None:
    from ..console import make_console, styled

    # Stopping part way is not a mistake: say what was kept, calmly, without "error" colours.
    prefix = "" if isinstance(exc, Interrupted) else "[bold red]cbt:[/] "
    # soft_wrap: a long path or message is left for the terminal to wrap, not broken.
    make_console(stderr=True).print(styled(prefix + "{}", exc), soft_wrap=True)


class CbtGroup(TyperGroup):
    """Every command runs through here, so every CbtError ends the same way."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .complete import attach_completers
        from .voice import make_readable

        make_readable(self)
        attach_completers(self)

    def main(self, args: Any = None, *posargs: Any, **kwargs: Any) -> Any:
        """Usage errors in one voice: a sentence and a hint, whatever the command."""
        from .usage import run_in_one_voice

        if any(name.endswith("_COMPLETE") for name in os.environ):
            # the shell asks for candidates: Typer's bash/zsh/fish answerers, loaded only now
            from typer._completion_classes import completion_init

            completion_init()

        if not kwargs.get("standalone_mode", True):
            return super().main(args, *posargs, **kwargs)
        kwargs["standalone_mode"] = False
        return run_in_one_voice(
            lambda argv: super(CbtGroup, self).main(argv, *posargs, **kwargs), args
        )

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CbtError as exc:
            report(exc)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            report(Interrupted("Stopped."))
            raise typer.Exit(130) from None
        except (typer.Exit, typer.Abort, click_exceptions()):
            raise
        except BrokenPipeError:
            # the reader went away (`cbt export -o - | head`): stop quietly, as other tools do
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None
        except Exception as exc:
            # A bug, not the person's mistake: say so plainly; CBT_DEBUG=1 shows the traceback.
            if os.environ.get("CBT_DEBUG"):
                raise
            report(
                CbtError(
                    f"Something went wrong inside cbt ({type(exc).__name__}: {exc}). "
                    "Your journal is safe. Please report this; CBT_DEBUG=1 shows the details."
                )
            )
            raise typer.Exit(70) from None
        finally:
            state = ctx.obj
            if isinstance(state, State):
                state.close()


@dataclass
class State:
    """What commands share: the journal path, and things opened once when first needed."""

    db_path: Path | None = None
    plain: bool = False
    reads_only: bool = False
    _journal: Journal | None = field(default=None, repr=False)
    _catalog: Catalog | None = field(default=None, repr=False)
    _console: Console | None = field(default=None, repr=False)

    @property
    def console(self) -> Console:
        if self._console is None:
            from ..console import make_console

            self._console = make_console(plain=self.plain)
        return self._console

    @property
    def plain_output(self) -> bool:
        """No colour, boxes or charts: --plain and CBT_PLAIN, and NO_COLOR too (which leaves
        the arrow-key prompts as they are: it asks for no colour, not another way to answer)."""
        from ..no_colour import no_colour_requested

        return self.plain or no_colour_requested()

    @property
    def err_console(self) -> Console:
        from ..console import make_console

        return make_console(stderr=True, plain=self.plain)

    def journal(self) -> Journal:
        if self._journal is None:
            from ..errors import JournalError
            from ..journal import open_journal

            if self.db_path is not None and self.reads_only and not self.db_path.exists():
                raise JournalError(
                    f"There is no journal at {self.db_path}; check the path (a command that "
                    "only reads never creates one)."
                )
            self._journal = open_journal(self.db_path, for_writing=not self.reads_only)
        return self._journal

    def catalog(self) -> Catalog:
        if self._catalog is None:
            from ..catalog import load_catalog

            self._catalog = load_catalog()
            # Said on standard error, once per file: standard output is for data (JSON, exports).
            for notice in self._catalog.notices:
                self.err_console.print(notice, style="dim")
            for path, count in self._catalog.broken.values():
                from ..wording import counted

                self.err_console.print(
                    f"{path.name} has {counted(count, 'problems')}; "
                    f"`cbt exercises validate {path}` shows them.",
                    style="yellow",
                )
        return self._catalog

    @property
    def interactive(self) -> bool:
        return sys.stdin.isatty() and sys.stdout.isatty()

    def prompter(self) -> Prompter:
        """Arrow-key prompts in a terminal; plain lines when input is piped or --plain."""
        if self.interactive and not self.plain:
            from ..prompters.interactive import InteractivePrompter

            # rich loads when first needed, after the first question is on the screen
            return InteractivePrompter(lambda: self.console)
        from ..prompters.plain import PlainPrompter

        if not self.plain:
            # asked in plain lines (a pipe, a screen reader): what comes with them is plain too
            self.plain, self._console = True, None
        return PlainPrompter(self.console)

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None


def state(ctx: typer.Context) -> State:
    return ctx.find_root().obj


# Commands that only read the journal: given a --db that does not exist, they say so rather
# than create an empty journal there (a mistyped backup name, say). Commands inside a group
# (`cbt ladder list`) say so themselves with `reading(ctx)`.
READ_ONLY = {"journal", "show", "summary", "today", "patterns", "export", "due", "doctor"}


def reads_only(ctx: typer.Context) -> bool:
    return ctx.invoked_subcommand in READ_ONLY


def reading(ctx: typer.Context) -> State:
    """The state, for a command that only reads the journal."""
    found = state(ctx)
    found.reads_only = True
    return found


app = typer.Typer(
    cls=CbtGroup,
    name="cbt",
    help="Guided CBT exercises, one gentle step at a time, kept in a private journal on this computer.",
    epilog=DISCLAIMER,
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def show_version(value: bool) -> None:
    if value:
        typer.echo(f"cbt {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="Use this journal file instead of the default (anywhere on the line; or CBT_DB).",
            envvar="CBT_DB",
            show_envvar=False,
        ),
    ] = None,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            help="Plain lines: no colour, boxes or charts, and prompts as lines (or CBT_PLAIN=1).",
            envvar="CBT_PLAIN",
            show_envvar=False,
            is_eager=True,  # read before --help, so the help itself comes in plain lines
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=show_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    ctx.obj = State(db_path=db, plain=plain, reads_only=reads_only(ctx))
    if ctx.invoked_subcommand is None:
        from .home import show_home

        show_home(state(ctx))
