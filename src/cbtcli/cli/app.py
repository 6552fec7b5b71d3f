"""The root `cbt` command: global options, and the one place errors become an exit code."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from .. import __version__
from ..errors import CbtError, Interrupted
from ..wording import DISCLAIMER
from .state import State, reads_only, state
from .usage import report


def click_exceptions() -> type[Exception]:
    """Typer's own usage errors, which it reports itself."""
    from typer._click.exceptions import ClickException

    return ClickException


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
            report(exc, ctx.find_root().command)
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
            from ..paths import out_of_room

            if isinstance(exc, OSError) and out_of_room(exc):
                # a write no module had a better sentence for: no room is not a bug
                report(
                    CbtError(
                        "The disk is full, so this was not saved; free some space, then try again."
                    )
                )
                raise typer.Exit(1) from None
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
