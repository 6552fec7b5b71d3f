"""Before cbt writes to a journal, it knows the file is a cbt journal and is sound.

- A foreign file is never adopted: a journal carries cbt's `application_id` (or, from before
  the marker, cbt's migrations table); any other SQLite database is refused before anything,
  write-ahead logging included, touches it.
- The integrity gate: SQLite's `quick_check` reads every page, which takes about a second for a
  ten-year journal, so it runs only when the file has changed since cbt last closed it. cbt
  keeps the size and modification time it left the journal (and its write-ahead log) with in a
  small private file beside it, `journal.db-checked`; a journal damaged or changed by anything
  else since is checked in full before any write, and refused if damaged. `cbt doctor` and
  `cbt backup` always run the full integrity check."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from pathlib import Path

from ..errors import JournalError, OptionName
from .cipher import SQLITE_HEADER
from .schema import MIGRATION_SET, MIGRATIONS_TABLE

APPLICATION_ID = 0x63627431  # "cbt1" in the file header: this file is a cbt journal


class JournalDamaged(JournalError):
    """The journal failed SQLite's integrity check; it is left exactly as it was."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"The journal {path} is damaged ({detail}), so cbt will not write to it; it was "
            "left exactly as it is (`cbt repair` builds a new journal from what can still be "
            "read, and `cbt doctor` says more)."
        )


def refuse_foreign(conn: sqlite3.Connection, path: Path) -> None:
    """Raise unless the database is a cbt journal, or new and empty."""
    if conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID:
        return
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return  # a new journal, about to be made
    if (
        MIGRATIONS_TABLE in tables
        and conn.execute(
            f"SELECT 1 FROM {MIGRATIONS_TABLE} WHERE migration_set = ? LIMIT 1", [MIGRATION_SET]
        ).fetchone()
    ):
        return  # a journal from before the marker
    raise JournalError(
        f"The file {path} is another program's SQLite database, not a cbt journal; cbt left it "
        "exactly as it is. Give `",
        OptionName("db"),
        "` the path of a cbt journal.",
    )


def is_marked(conn: sqlite3.Connection) -> bool:
    return bool(conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID)


def mark_as_journal(conn: sqlite3.Connection) -> None:
    if not is_marked(conn):
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def stamp_path(path: Path) -> Path:
    return path.with_name(path.name + "-checked")


def file_state(path: Path) -> list[list[int] | None]:
    """Size and modification time of the journal and its write-ahead log. An empty log is
    no log: SQLite makes one as soon as anything reads the journal, before the check."""
    found: list[list[int] | None] = []
    for part in (path, path.with_name(path.name + "-wal")):
        try:
            info = part.stat()
        except OSError:
            found.append(None)
            continue
        found.append([info.st_size, info.st_mtime_ns] if info.st_size else None)
    return found


def unchanged_since_checked(path: Path) -> bool:
    try:
        return json.loads(stamp_path(path).read_text(encoding="utf-8")) == file_state(path)
    except (OSError, ValueError):
        return False


def write_stamp(path: Path) -> None:
    """Remember the state cbt leaves a sound journal in (best effort: a failure only means the
    next write checks the file in full)."""
    from ..paths import PRIVATE_FILE

    stamp = stamp_path(path)
    temporary = stamp.with_name(stamp.name + ".tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(file_state(path), handle)
        os.replace(temporary, stamp)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()  # a full disk leaves no empty stamp behind


def check_before_writing(conn: sqlite3.Connection, path: Path) -> None:
    """Run SQLite's quick check unless the journal is as cbt last left it; refuse damage.
    (Its size was checked before connecting: see open_journal.)"""
    if unchanged_since_checked(path):
        return
    check(conn, path, "PRAGMA quick_check")


def check_size(path: Path) -> None:
    """A file cut short: its size must be whole pages, and no fewer than its header counts
    (SQLite's checks pass over a missing tail it has not read yet)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except OSError as exc:
        raise JournalError(f"The journal {path} cannot be read ({exc.strerror}).") from None
    if len(header) < 100 or header[:16] != SQLITE_HEADER:
        return  # a new file another cbt is creating this moment, or one check_file refuses
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counted_pages_valid = header[24:28] == header[92:96]
    if page_size < 512 or size % page_size or (counted_pages_valid and size < pages * page_size):
        raise JournalDamaged(path, "it is cut short")


def check(conn: sqlite3.Connection, path: Path, pragma: str = "PRAGMA integrity_check") -> None:
    from .cipher import database_errors

    try:
        rows = conn.execute(pragma).fetchall()
    except database_errors() as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise  # another writer, not damage: said as "busy" by the caller
        raise JournalDamaged(path, str(exc)) from None
    result = "; ".join(str(row[0]) for row in rows[:3])
    if result != "ok":
        raise JournalDamaged(path, result)
