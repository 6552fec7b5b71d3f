"""How cbt was started, so a hint such as "See it with `cbt show 3fa2c1d0`" can be typed as it
stands. After the quick start (`.venv/bin/cbt do thought-record`), `cbt` may not be on the
PATH, or may be another program (Google Cloud Bigtable's tool); then hints name the command
the way it was run: `.venv/bin/cbt show 3fa2c1d0`, or `python3 -m cbtcli show 3fa2c1d0`."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

_run_as = "cbt"  # in-process callers (tests, other programs) keep the plain name


def same_file(found: str | None, path: str) -> bool:
    try:
        return found is not None and Path(found).resolve() == Path(path).resolve()
    except OSError:
        return False


def as_typed(path: str) -> str:
    """A path as short as it can be typed from here: relative below the current folder."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    if relative.startswith(".."):
        return path
    return relative if os.sep in relative else f".{os.sep}{relative}"


def remember(argv0: str, as_module: bool) -> None:
    """Called once by the entry point: work out how to write cbt's command for this person."""
    global _run_as
    if as_module:
        python = next(
            (
                name
                for name in ("python3", "python")
                if same_file(shutil.which(name), sys.executable)
            ),
            as_typed(sys.executable),
        )
        _run_as = f"{python} -m cbtcli"
        return
    name = Path(argv0).name
    _run_as = name if same_file(shutil.which(name), argv0) else as_typed(argv0)


def command(rest: str) -> str:
    """`cbt` followed by `rest`, written the way cbt was started: 'cbt show 3fa2c1d0'."""
    return f"{_run_as} {rest}"
