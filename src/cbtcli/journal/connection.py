"""The journal as an SQLite file: opening it safely, its migrations, transactions and
queries, SQLite's errors in one sentence, and the copy a backup makes."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Self

from .. import paths
from ..errors import JournalError
from .presence import busy_timeout
from .schema import MIGRATION_SET, MIGRATIONS_TABLE, build_migrations


def describe(exc: sqlite3.Error, path: Path) -> str:
    """One sentence for an SQLite failure, in words a person can act on."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        from .presence import OTHER_PROGRAM, holder

        if holder(path) == OTHER_PROGRAM:
            return (
                f"The journal {path} is locked by another program that has it open (not cbt); "
                "close that program, then try again."
            )
        return f"The journal {path} is busy in another cbt process; please try again in a moment."
    if ("readonly" in text or "read-only" in text) and not folder_writable(path):
        return (
            f"The folder {path.parent} holding the journal is read-only, so nothing could be "
            "saved; check its permissions (cbt writes a log beside the journal)."
        )
    if "readonly" in text or "read-only" in text:
        return f"The journal {path} is read-only, so nothing could be saved; check its permissions."
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return (
            f"The journal {path} is damaged ({exc}); it was left as it is, to restore from a "
            "backup or move aside to start a new one."
        )
    if paths.sqlite_out_of_room(exc, path):
        return (
            f"The disk holding the journal {path} is full, so cbt stopped without changing it "
            "(it is whole, as it was); free some space, then try again."
        )
    if "unable to open" in text:
        return f"The journal {path} could not be opened; check the folder exists and is yours."
    return f"The journal {path} could not be used: {exc}."


@contextlib.contextmanager
def sqlite_errors(path: Path) -> Iterator[None]:
    from .cipher import database_errors

    try:
        yield
    except database_errors() as exc:
        raise JournalError(describe(exc, path)) from None  # type: ignore[arg-type]


def check_file(path: Path) -> bool:
    """Refuse anything that is not an SQLite file before SQLite touches it; True if it exists."""
    from .cipher import SQLITE_HEADER

    if path.is_dir():
        raise JournalError(f"The journal path {path} is a folder, not a file.")
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return False  # to be created (and if it cannot be, creating it says why)
    except OSError as exc:
        raise JournalError(f"The journal {path} cannot be read ({exc.strerror}).") from None
    if not stat.S_ISREG(mode):  # a FIFO would wait for ever; a device would get files beside it
        raise JournalError(
            f"The journal path {path} is not a regular file (a device, pipe or socket), "
            "so cbt will not use it."
        )
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise JournalError(f"The journal {path} cannot be read ({exc.strerror}).") from None
    if header and header != SQLITE_HEADER:
        from .cipher import looks_encrypted

        if looks_encrypted(path):
            return True
        if not header.strip(b"\0"):
            raise JournalError(
                f"The journal {path} holds only zeros (it was wiped or damaged), so cbt will not "
                "use it; restore it from a backup."
            )
        raise JournalError(f"The file {path} is not a cbt journal (it is not an SQLite database).")
    return True


def folder_writable(path: Path) -> bool:
    return os.access(path.parent, os.W_OK)


def log_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


class JournalFile:
    """One open journal file: migrations, transactions, queries, settings kept inside it,
    backups and integrity checks. What it holds is `Journal`'s (see store.py)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, read_only: bool = False) -> None:
        self.path = path
        self.conn = conn
        self.read_only = read_only
        self.verified = False  # passed the integrity gate: its state is remembered at close
        self.cipher_key: str | None = None  # the key of an encrypted journal (see cipher)
        self.indexes: dict[str, bool] = {}  # which indexes it has, as asked (has_index)
        self.created = False  # this opening created the file
        self.wiped_leftover = False  # it overwrote a copy an interrupted rewrite left
        # exercise id -> its choice steps, learnt from the exercises written with (see `know`)
        self.choice_steps: dict[str, dict[str, dict[str, str]]] = {}
        # exercise id -> (its private steps, every step's label), recorded on each entry saved
        self.step_facts: dict[str, tuple[set[str], dict[str, str]]] = {}

    def check_before_first_write(self) -> None:
        """The integrity gate, once an opening: nothing is ever written to a damaged journal."""
        from .integrity import check_before_writing

        if not self.verified:
            check_before_writing(self.conn, self.path)
            self.verified = True

    def in_wal_mode(self) -> bool:
        return bool(self.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal")

    def use_wal(self) -> None:
        """Write-ahead logging lets readers and one writer work at once. Switching a new
        journal to it needs a moment alone with the file, so wait while others open it too."""
        from .cipher import database_errors

        deadline = time.monotonic() + busy_timeout() / 1000
        while self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            try:
                if self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal":
                    break
            except database_errors() as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
            if time.monotonic() > deadline:
                raise sqlite3.OperationalError("database is locked")
            time.sleep(0.01)  # another cbt process is creating the journal right now
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists() and side.stat().st_mode & 0o077:
                side.chmod(paths.PRIVATE_FILE)

    def applied_migrations(self) -> list[str]:
        exists = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
        ).fetchone()
        if not exists:
            return []
        rows = self.conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
            [MIGRATION_SET],
        )
        return [row[0] for row in rows]

    def migrate(self) -> None:
        """Apply pending migrations; the write lock makes a second cbt process wait, then
        find nothing left to do."""
        from sqlite_utils import Database

        with self.transaction():
            build_migrations().apply(Database(self.conn))

    def schema_version(self) -> str:
        applied = self.applied_migrations()
        return applied[-1] if applied else "none"

    def close(self, wipe_log: bool = False) -> None:
        """Close the journal; with `wipe_log` (before it is rewritten), overwrite the
        write-ahead log SQLite deletes as the last connection closes, so no plain words
        stay behind in the freed disk blocks."""
        from .old_bytes import open_log, overwrite_if_unlinked
        from .presence import withdraw

        log = open_log(self.path) if wipe_log else None
        self.conn.close()
        if log is not None:
            overwrite_if_unlinked(log)
            os.close(log)
        withdraw(self.path)
        if self.verified:
            from .integrity import write_stamp

            write_stamp(self.path)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; IMMEDIATE so concurrent writers wait instead of failing."""
        with sqlite_errors(self.path):
            if self.conn.in_transaction:
                with self.savepoint():
                    yield
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    @contextlib.contextmanager
    def savepoint(self) -> Iterator[None]:
        """A nested transaction: undone on error without undoing the outer one."""
        self.conn.execute("SAVEPOINT nested")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK TO nested")
                self.conn.execute("RELEASE nested")
            raise
        self.conn.execute("RELEASE nested")

    def query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        with sqlite_errors(self.path):
            cursor = self.conn.execute(sql, params)
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def has_index(self, name: str) -> bool:
        """Whether the journal has the index `name` (every migrated journal has cbt's; one
        dropped by hand, or a journal read before its migrations, is still read without it)."""
        if name not in self.indexes:
            sql = "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?"
            self.indexes[name] = bool(self.query(sql, [name]))
        return self.indexes[name]

    def get_meta(self, key: str) -> str | None:
        rows = self.query("SELECT value FROM meta WHERE key = ?", [key])
        return rows[0]["value"] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    def backup_to(self, target: Path) -> None:
        """A consistent copy through SQLite's online backup API, safe while cbt is in use."""
        from ..terminal.progress import Progress

        if self.cipher_key is not None:
            # SQLCipher has no backup API: the copy is exported, encrypted with the journal's
            # own raw key and salt, so it opens with the passphrase and with a key remembered
            # on this computer alike (and a new passphrase re-keys it: see key_backups).
            from .remembered import raw_key

            key = raw_key(self.path, self.cipher_key)
            with sqlite_errors(self.path):
                self.conn.execute("ATTACH DATABASE ? AS backup KEY ?", [str(target), key])
                try:
                    self.conn.execute("SELECT sqlcipher_export('backup')")
                    for pragma in ("user_version", "application_id"):
                        value = int(self.conn.execute(f"PRAGMA main.{pragma}").fetchone()[0])
                        self.conn.execute(f"PRAGMA backup.{pragma} = {value}")
                finally:
                    self.conn.execute("DETACH DATABASE backup")
            return
        with sqlite_errors(self.path), Progress("Backing up", None, "pages") as bar:
            copy = sqlite3.connect(target)
            try:
                # In steps of 1,024 pages, so a large journal shows its progress.
                self.conn.backup(
                    copy,
                    pages=1024,
                    progress=lambda _status, remaining, total: bar.step_to(
                        total - remaining, total
                    ),
                )
                copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                copy.close()

    def integrity(self) -> str:
        with sqlite_errors(self.path):
            return self.conn.execute("PRAGMA integrity_check").fetchone()[0]

    def check_integrity(self) -> None:
        """The full check (before a backup): one sentence and nothing written if damaged."""
        from .integrity import check

        check(self.conn, self.path)


def discard_journal(path: Path) -> None:
    """Remove a journal this cbt made but could not finish, and the files kept beside it."""
    from .integrity import stamp_path
    from .presence import marker_path

    sides = [path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")]
    for part in (path, *sides, stamp_path(path), marker_path(path)):
        with contextlib.suppress(FileNotFoundError):
            part.unlink()
