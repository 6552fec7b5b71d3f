"""Who else has the journal: another cbt, or another program.

While a cbt process has a journal open it holds a shared lock on a small empty file beside it,
`journal.db-cbt`. When SQLite says the journal is busy, cbt tries for that lock alone: if it
gets it, no other cbt has the journal open, so the lock on the journal is held by another
program (a database browser, the sqlite3 tool), and cbt says so instead of asking the person to
wait for a cbt that is not running."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

CBT, OTHER_PROGRAM, UNKNOWN = "cbt", "another program", ""

_held: dict[str, int] = {}  # journal path -> the descriptor holding its shared lock


def marker_path(path: Path) -> Path:
    return path.with_name(path.name + "-cbt")


def announce(path: Path) -> None:
    """Hold the shared lock for as long as this journal is open (best effort: a folder cbt
    may not write to simply leaves the question unanswered)."""
    try:
        import fcntl
    except ImportError:  # Windows: there is no way to ask, and nothing is claimed
        return
    key = str(path)
    if key in _held:
        return
    from ..paths import PRIVATE_FILE

    try:
        fd = os.open(
            marker_path(path), os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), PRIVATE_FILE
        )
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)  # only ever held exclusively for a moment by `holder`
    except OSError:
        os.close(fd)
        return
    _held[key] = fd


def open_here(path: Path) -> bool:
    """Whether this process already has the journal open."""
    return str(path) in _held


def withdraw(path: Path) -> None:
    fd = _held.pop(str(path), None)
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)


def holder(path: Path) -> str:
    """Who most likely holds the journal's lock: CBT, OTHER_PROGRAM, or UNKNOWN."""
    try:
        import fcntl
    except ImportError:
        return UNKNOWN
    fd = _held.get(str(path))
    if fd is None:
        try:
            fd = os.open(marker_path(path), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            return OTHER_PROGRAM  # every cbt that has this journal open keeps the file there
        except OSError:
            return UNKNOWN
        try:
            return alone(fd, fcntl)
        finally:
            os.close(fd)
    try:
        return alone(fd, fcntl)
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_SH)  # back to sharing, as when announced


def alone(fd: int, fcntl: object) -> str:
    """Try the lock exclusively, without waiting: only another cbt's shared lock stops it."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # type: ignore[attr-defined]
    except BlockingIOError:
        return CBT
    except OSError:
        return UNKNOWN
    return OTHER_PROGRAM
