"""Entry point for the `cbt` console script and `python -m cbtcli`."""

from __future__ import annotations


def main() -> None:
    from typer.main import get_command

    from .cli import app
    from .cli.fastparams import speed_up

    command = get_command(app)
    speed_up(command)
    command(prog_name="cbt")


if __name__ == "__main__":
    main()
