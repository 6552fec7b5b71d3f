"""The old bytes of a journal that was rewritten (`cbt encrypt`, `decrypt`, `passphrase`):
overwritten once nothing refers to them any more, and a copy an interrupted rewrite left
behind overwritten and removed by the next cbt to open the journal."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def rewriting_path(path: Path) -> Path:
    """The new copy while it is made, beside the real journal."""
    return path.with_name(f".{path.name}.rewriting")


def wipe_leftover(path: Path) -> bool:
    """Overwrite and remove the copy an interrupted rewrite left beside the journal at `path`
    (a plain one, after a `cbt decrypt`); True if there was one and it is gone. Only while no
    rewrite runs: this process holds the journal's lock (see journal.presence), or is the
    rewrite."""
    real = path.resolve()
    wiped = False
    for leftover in (rewriting_path(real), real.with_name(rewriting_path(real).name + "-journal")):
        try:
            fd = os.open(leftover, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            continue
        except OSError:  # a link where the copy belongs is taken away, never followed
            fd = None
            if not leftover.is_symlink():
                continue  # a folder that is not ours to change
        if fd is not None:
            try:
                overwrite(fd)  # first: a kill between the two leaves zeros, not words
            finally:
                os.close(fd)
        with contextlib.suppress(OSError):
            leftover.unlink()
            wiped = True
    return wiped


def open_log(path: Path) -> int | None:
    """The journal's write-ahead log, held so its bytes can be overwritten after SQLite
    deletes it (see `overwrite_if_unlinked`). Not on Windows, where a file held open cannot
    be deleted: SQLite would keep it."""
    if os.name == "nt":
        return None
    real = path.resolve()  # SQLite keeps it beside the real file
    try:
        return os.open(real.with_name(real.name + "-wal"), os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None


def overwrite_if_unlinked(fd: int) -> bool:
    """Overwrite a file once no name refers to it any more (never one still in use, nor one
    a second name keeps); True if it was."""
    if os.fstat(fd).st_nlink:
        return False
    overwrite(fd)
    return True


def overwrite(fd: int) -> None:
    """Zeros over the old plain bytes (on an SSD or copy-on-write disk the drive may still
    keep old blocks; the README says so)."""
    size = os.fstat(fd).st_size
    os.lseek(fd, 0, os.SEEK_SET)
    block = b"\0" * 65536
    written = 0
    try:
        while written < size:
            written += os.write(fd, block[: min(len(block), size - written)])
        os.fsync(fd)
    except OSError:
        # Only where writing in place needs new room (a copy-on-write disk that is full):
        # the journal is already replaced, so this is no reason to report it failed.
        pass


def sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # some filesystems cannot sync a folder
        sync(folder)
