"""`cbt completion SHELL`: the script that lets the shell complete cbt's commands."""

from typing import Annotated

import typer

from ..errors import UsageError
from .app import app


@app.command("completion")
def completion(
    shell: Annotated[str, typer.Argument(metavar="SHELL", help="bash, zsh or fish.")],
) -> None:
    """Print a completion script for your shell (the README says where to put it).

    It completes commands, options, exercise ids, ladder names, entry ids and settings."""
    from .complete import SHELLS, completion_script

    if shell not in SHELLS:
        raise UsageError(f"cbt completes in bash, zsh or fish, not '{shell}'.")
    typer.echo(completion_script(shell))
