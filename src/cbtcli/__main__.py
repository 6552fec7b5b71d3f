"""Entry point for the `cbt` console script and `python -m cbtcli`."""

from __future__ import annotations


def main() -> None:
    from .cli import app

    app(prog_name="cbt")


if __name__ == "__main__":
    main()
