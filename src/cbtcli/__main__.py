"""Entry point for the `cbt` console script and `python -m cbtcli`."""

from __future__ import annotations


def main(as_module: bool = False) -> None:
    import sys

    # A terminal that cannot show a character (PYTHONIOENCODING=ascii, a C locale) gets a "?"
    # for it: everything cbt prints comes after what it saved, so a crash here would report a
    # saved entry as failed, and a retry would save it twice.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    from typer.main import get_command

    from .cli import app
    from .cli.fastparams import speed_up
    from .terminal.invocation import remember

    remember(sys.argv[0], as_module)  # so hints name the command as it was typed

    command = get_command(app)
    speed_up(command)
    command(prog_name="cbt")


if __name__ == "__main__":
    main(as_module=True)
