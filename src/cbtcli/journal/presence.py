"""Who else has the journal: another cbt, another program, or a rewrite under way.

While a cbt process has a journal open it holds a shared lock (flock) on a small empty file
beside it, `journal.db-cbt`. It takes the lock before it first looks at the journal and keeps
it until it closes it. The file sits beside the real journal when its path is a symbolic link,
as SQLite's own -wal and -shm do, so every path to one journal shares one lock.

`cbt encrypt`, `decrypt` and `passphrase` replace the journal by a new file. They hold the same
lock exclusively (`rewriting`) from the moment they check that nobody has the journal open
until the new file is in place: a cbt starting meanwhile waits for it, then opens the new file,
so nothing is ever written to the old one, whose bytes are then overwritten.

When SQLite says the journal is busy, cbt tries for that lock alone: if it gets it, no other cbt
has the journal open, so the lock on the journal is held by another program (a database
browser, the sqlite3 tool), and cbt says so instead of asking the person to wait for a cbt that
is not running.

Windows has no flock: there nothing is held or waited for, and a rewrite relies on its check
that nobody has the journal open."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from ..errors import JournalError

CBT, OTHER_PROGRAM, UNKNOWN = "cbt", "another program", ""
WAIT_STEP = 0.02  # seconds between two tries for a lock a rewrite holds

BUSY_TIMEOUT_MS = 5000

_held: dict[str, int] = {}  # journal path -> the descriptor holding its shared lock
_made: set[str] = set()  # journal paths whose lock file this process made


def busy_timeout() -> int:
    """How long to wait for another cbt process to finish writing (CBT_BUSY_TIMEOUT_MS)."""
    value = os.environ.get("CBT_BUSY_TIMEOUT_MS", "")
    return int(value) if value.isdigit() else BUSY_TIMEOUT_MS


def marker_path(path: Path) -> Path:
    real = path.resolve()
    return real.with_name(real.name + "-cbt")


def announce(path: Path, wait: float = 0.0) -> bool:
    """Hold the shared lock for as long as this journal is open, waiting up to `wait` seconds
    while a rewrite holds it; one sentence if it is still under way then. True if it is held
    (so no rewrite runs); best effort otherwise: a folder cbt may not write to leaves the
    question unanswered, and no rewrite can happen there either."""
    try:
        import fcntl
    except ImportError:  # Windows: there is no way to ask, and nothing is claimed
        return False
    key = str(path)
    if key in _held:
        return True
    deadline = time.monotonic() + wait
    waited = False
    while True:
        made = not os.path.lexists(marker_path(path))
        fd = lock_file(path)
        if fd is None:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:  # a rewrite holds it (or, for an instant, `holder` does)
            os.close(fd)
            if time.monotonic() >= deadline:
                raise JournalError(
                    f"The journal {path} is being encrypted, decrypted or given a new "
                    "passphrase by another cbt; please try again in a moment."
                ) from None
            wait_a_moment("waiting", first=not waited)
            waited = True
            continue
        except OSError:
            os.close(fd)
            return False
        if still_named(fd, path):
            _held[key] = fd
            if made:
                _made.add(key)
            return True
        os.close(fd)  # a rewrite removed the file it had made: lock the one there now


def wait_a_moment(point: str, first: bool = True) -> None:
    """Before trying again for a lock; tests stop the process at `point` the first time, to
    run another cbt while it waits."""
    if first:
        from .stop_points import stop_point

        stop_point(point)
    time.sleep(WAIT_STEP)


def lock_file(path: Path, create: bool = True) -> int | None:
    from ..paths import PRIVATE_FILE

    flags = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | (os.O_CREAT if create else 0)
    try:
        return os.open(marker_path(path), flags, PRIVATE_FILE)
    except OSError:
        return None


def still_named(fd: int, path: Path) -> bool:
    """Whether the locked file is still the one named beside the journal (a rewrite that made
    the file removes it again before letting go)."""
    try:
        named = os.stat(marker_path(path), follow_symlinks=False)
    except OSError:
        return False
    mine = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (mine.st_dev, mine.st_ino)


@contextlib.contextmanager
def rewriting(path: Path) -> Iterator[None]:
    """Hold the lock exclusively while the journal at `path` is replaced: one sentence if a
    cbt has it open, and every cbt starting meanwhile waits (see `announce`)."""
    try:
        import fcntl
    except ImportError:  # Windows: see the module's note
        yield
        return
    made = not os.path.lexists(marker_path(path))
    fd = lock_file(path)
    if fd is None:  # a folder cbt may not write to: the rewrite cannot happen there either
        yield
        return
    deadline = time.monotonic() + busy_timeout() / 1000
    try:
        while True:  # another cbt's check-in is soon done; a session that stays open is not
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise JournalError(
                        f"The journal {path} is open in another cbt process; close it there "
                        "first, then try again."
                    ) from None
                wait_a_moment("rewrite-waiting")
        try:
            yield
        finally:
            if made:  # a journal that is not a journal (a backup) keeps no lock file
                with contextlib.suppress(OSError):
                    os.unlink(marker_path(path))
    finally:
        os.close(fd)


def refuse_if_open(path: Path, locked: bool = False) -> None:
    """One sentence if another process has the journal open: rewriting it under that process
    would leave it writing to the replaced file. Every connection to a journal in WAL mode
    holds a shared lock on one byte of its -shm file (SQLite's unix VFS, byte 128) for as long
    as it is open; if that byte cannot be locked exclusively, someone else holds it. Another
    cbt is waited for a moment (a check-in is soon done); when this process holds the lock
    (`locked`, see `rewriting`), no cbt can, so it is another program. Call it only while this
    process has no connection to the journal: closing the file here drops this process's own
    SQLite locks on it."""
    try:
        import fcntl
    except ImportError:  # Windows: SQLite's locks there cannot be probed this way
        return
    real = path.resolve()  # SQLite keeps its -shm beside the real file
    try:
        fd = os.open(real.with_name(real.name + "-shm"), os.O_RDWR)
    except OSError:
        return  # no -shm file: nobody has the journal open
    deadline = time.monotonic() + busy_timeout() / 1000
    try:
        while True:
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 128)
            except OSError:
                program = locked or holder(path) == OTHER_PROGRAM
                if program or time.monotonic() >= deadline:
                    who = "another program (not cbt)" if program else "another cbt process"
                    raise JournalError(
                        f"The journal {path} is open in {who}; close it there first, then try "
                        "again."
                    ) from None
                wait_a_moment("rewrite-waiting")
                continue
            fcntl.lockf(fd, fcntl.LOCK_UN, 1, 128)
            return
    finally:
        os.close(fd)


def open_here(path: Path) -> bool:
    """Whether this process already has the journal open."""
    return str(path) in _held


def withdraw(path: Path, failed: bool = False) -> None:
    """Let go of the lock; after a `failed` opening, also of the lock file this process made
    for it (beside a foreign file, say), if no other cbt holds it."""
    key = str(path)
    fd = _held.pop(key, None)
    made = key in _made
    _made.discard(key)
    if fd is None:
        return
    with contextlib.suppress(OSError):
        if failed and made:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # alone with it, or left be
            if still_named(fd, path):
                os.unlink(marker_path(path))
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
