"""Where an export goes: a new private file (written whole or not at all), or standard output."""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..errors import CbtError, OutputExists
from ..paths import PRIVATE_FILE, path_problem

__all__ = ["check_free", "destination", "path_problem", "private_file"]


def check_free(path: Path, force: bool) -> None:
    if path.is_dir():
        raise CbtError(f"{path} is a folder; give a file name (or `-o -` for the screen).")
    if path.exists() and not path.is_file():
        # a device, pipe or socket: forcing must never replace one with a regular file
        raise CbtError(
            f"{path} is not a regular file; give a file name (or `-o -` for the screen)."
        )
    if path.exists() and not force:
        raise OutputExists(path)
    if path.parent.exists() and not path.parent.is_dir():
        raise CbtError(f"{path.parent} is a file, not a folder, so {path} cannot be written.")
    if not path.parent.is_dir():
        raise CbtError(f"The folder {path.parent} does not exist.")


@contextlib.contextmanager
def private_file(path: Path, force: bool, binary: bool = False) -> Iterator[IO]:
    """A file readable by its owner alone, that only appears once it is completely written."""
    check_free(path, force)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise CbtError(path_problem(path, exc)) from None
    os.fchmod(fd, PRIVATE_FILE)
    try:
        with os.fdopen(
            fd,
            "wb" if binary else "w",
            encoding=None if binary else "utf-8",
            newline=None if binary else "",
        ) as handle:
            yield handle
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
            raise CbtError(path_problem(path, exc)) from None
        raise


@contextlib.contextmanager
def destination(
    target: str | None, default: Path, force: bool, binary: bool = False
) -> Iterator[tuple[IO, str]]:
    """Yields (stream, where) for `-o FILE`, `-o -` (standard output) or the default file."""
    if target == "-":
        if binary:
            yield sys.stdout.buffer, "standard output"
            sys.stdout.buffer.flush()
            return
        # UTF-8 whatever the terminal's encoding, as every export file is: an export piped
        # into a file under PYTHONIOENCODING=ascii keeps every character
        sys.stdout.flush()
        text = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", write_through=True)
        try:
            yield text, "standard output"
            text.flush()
        finally:
            text.detach()  # leaves standard output open for what cbt says afterwards
        return
    path = Path(target) if target else default
    with private_file(path, force, binary) as handle:
        yield handle, str(path)
