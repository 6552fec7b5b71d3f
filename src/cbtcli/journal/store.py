"""The journal: one private SQLite file holding entries, ratings and moods."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import paths
from ..clock import now_local
from ..errors import EntryNotFound, JournalError
from .ratings import rating_rows
from .records import (
    COMPLETE,
    Entry,
    Mood,
    dumps,
    from_utc_text,
    local_day,
    offset_minutes,
    to_utc_text,
)
from .schema import MIGRATION_NAMES, MIGRATION_SET, MIGRATIONS_TABLE, build_migrations

if TYPE_CHECKING:
    pass

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


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
            f"The journal {path} is damaged ({exc}); it was left as it is. "
            "Restore it from a backup, or move it aside to start a new one."
        )
    if "full" in text:
        return f"The disk holding {path} is full; your last complete entry is safe."
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
    if path.is_dir():
        raise JournalError(f"The journal path {path} is a folder, not a file.")
    if not path.exists():
        return False
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise JournalError(f"The journal {path} cannot be read ({exc.strerror}).") from None
    if header and header != SQLITE_HEADER:
        from .cipher import looks_encrypted

        if looks_encrypted(path):
            return True
        raise JournalError(f"The file {path} is not a cbt journal (it is not an SQLite database).")
    return True


def open_journal(
    path: Path | None = None, for_writing: bool = True, key: str | None = None
) -> Journal:
    """Open (creating if needed) the journal, bringing its schema up to date.

    A journal its owner made read-only (no owner write bit) is opened read-only: it can be
    read, and any change is refused with one sentence, even for root. Opened `for_writing`, it
    passes the integrity gate first (see journal.integrity). An encrypted journal is opened
    with `key` when given, else with the passphrase from its sources (see journal.cipher)."""
    from .presence import open_here

    path = path or paths.default_journal_path()
    # The file is read through a descriptor of cbt's own only while this process has no
    # connection to it, and before connecting: closing that descriptor would drop every lock
    # this process's SQLite holds on the file (POSIX locks belong to the process), and another
    # cbt would then take its write-ahead log away.
    opened_here = open_here(path)
    existed = path.exists() if opened_here else check_file(path)
    read_only = existed and not path.stat().st_mode & stat.S_IWUSR
    # A folder that cannot be written holds no log beside the journal (SQLite could not make
    # one), so nothing is writing to it: read it as it stands, without making one either.
    frozen = existed and not folder_writable(path) and not log_path(path).exists()
    read_only = read_only or frozen
    if existed and for_writing and not read_only and not opened_here:
        from .integrity import check_size

        check_size(path)
    created = False
    if not existed:
        try:
            paths.ensure_private_dir(path.parent)
            paths.create_private_file(path)
            created = True
        except FileExistsError:
            pass  # another cbt process created it a moment ago
        except OSError as exc:
            raise JournalError(
                f"The journal {path} could not be created ({exc.strerror})."
            ) from None
    with sqlite_errors(path):
        target = str(path)
        if read_only:
            from urllib.parse import quote

            target = f"file:{quote(str(path.resolve()))}?mode=ro" + (
                "&immutable=1" if frozen else ""
            )
        from . import cipher

        if not (existed and cipher.looks_encrypted(path)):
            key = None
            conn = sqlite3.connect(
                target, timeout=busy_timeout() / 1000, isolation_level=None, uri=read_only
            )
        elif key is not None:
            conn = cipher.connect(target, key, read_only, busy_timeout() / 1000)
        else:
            conn, key = cipher.open_encrypted(target, path, read_only, busy_timeout() / 1000)
        try:
            journal = Journal(conn, path, read_only)
            journal.created = created
            journal.cipher_key = key
            journal.prepare(for_writing)
        except BaseException:
            from .presence import withdraw

            conn.close()
            withdraw(path)
            raise
    return journal


def folder_writable(path: Path) -> bool:
    return os.access(path.parent, os.W_OK)


def log_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def empty_journal(path: Path) -> Journal:
    """A journal with nothing in it, held in memory: what a command that only reads sees
    before the first entry, without creating a file or a folder."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    journal = Journal(conn, path)
    journal.migrate()
    return journal


def busy_timeout() -> int:
    """How long to wait for another cbt process to finish writing (CBT_BUSY_TIMEOUT_MS)."""
    value = os.environ.get("CBT_BUSY_TIMEOUT_MS", "")
    return int(value) if value.isdigit() else BUSY_TIMEOUT_MS


@dataclass
class EntryFilter:
    since: str | None = None  # local day, inclusive
    until: str | None = None  # local day, inclusive
    exercises: tuple[str, ...] = ()
    search: str | None = None
    named_steps: tuple[str, ...] = ()  # steps whose answers name things (feelings) to search
    statuses: tuple[str, ...] = ()
    flagged: bool = False
    shareable: bool = False  # leave out entries marked private
    limit: int | None = None
    newest_first: bool = True

    def is_everything(self) -> bool:
        """True when nothing narrows the list, so an empty result means an empty journal."""
        return not (
            self.since
            or self.until
            or self.exercises
            or self.search
            or self.statuses
            or self.flagged
        )


class Journal:
    def __init__(self, conn: sqlite3.Connection, path: Path, read_only: bool = False) -> None:
        self.path = path
        self.conn = conn
        self.read_only = read_only
        self.verified = False  # passed the integrity gate: its state is remembered at close
        self.cipher_key: str | None = None  # the key of an encrypted journal (see cipher)
        self.created = False  # this opening created the file
        # exercise id -> its choice steps, learnt from the exercises written with (see `know`)
        self.choice_steps: dict[str, dict[str, dict[str, str]]] = {}
        # exercise id -> (its private steps, every step's label), recorded on each entry saved
        self.step_facts: dict[str, tuple[set[str], dict[str, str]]] = {}

    def know(self, exercise_id: str, choice_steps: dict[str, dict[str, str]]) -> None:
        """Tell the journal which steps of an exercise hold choices, so their picks are
        indexed when its entries are saved (answers alone cannot tell a choice from text)."""
        self.choice_steps[exercise_id] = choice_steps

    def learn(self, exercise: Any) -> None:
        """Everything the journal keeps about an exercise's steps when its entries are saved:
        which hold choices, which are private, and their labels."""
        self.know(exercise.id, exercise.choice_steps)
        self.step_facts[exercise.id] = (
            {s.id for s in exercise.steps if s.private},
            {s.id: s.short_label for s in exercise.steps if s.has_answer},
        )

    def record_steps(self, entry: Entry) -> None:
        facts = self.step_facts.get(entry.exercise_id)
        if facts is not None:
            private, labels = facts
            entry.private_steps = sorted(set(entry.private_steps) | private)
            entry.labels = {**labels, **entry.labels}

    # -- opening -------------------------------------------------------------
    def prepare(self, for_writing: bool = True) -> None:
        from .integrity import check_before_writing, mark_as_journal, refuse_foreign
        from .presence import announce

        self.conn.execute(f"PRAGMA busy_timeout = {busy_timeout()}")
        self.conn.execute("PRAGMA foreign_keys = ON")
        # Deleted text must not linger in free pages of a private journal.
        self.conn.execute("PRAGMA secure_delete = ON")
        refuse_foreign(self.conn, self.path)  # before anything can change the file
        announce(self.path)
        if for_writing and not self.read_only:
            check_before_writing(self.conn, self.path)
            self.verified = True
        if not self.read_only:
            self.use_wal()
            mark_as_journal(self.conn)
        applied = self.applied_migrations()
        newer = [name for name in applied if name not in MIGRATION_NAMES]
        if newer:
            raise JournalError(
                f"The journal {self.path} was written by a newer version of cbt "
                f"(schema '{newer[-1]}'); please upgrade cbt to use it."
            )
        if set(MIGRATION_NAMES) - set(applied):
            if self.read_only:
                raise JournalError(
                    f"The journal {self.path} is read-only and needs an update for this version "
                    "of cbt; make it writable (chmod u+w) and run cbt again."
                )
            self.migrate()
        if self.verified:
            from .wipe import finish_pending_wipe

            finish_pending_wipe(self)

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

    def close(self) -> None:
        from .presence import withdraw

        self.conn.close()
        withdraw(self.path)
        if self.verified:
            from .integrity import write_stamp

            write_stamp(self.path)

    def __enter__(self) -> Journal:
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

    # -- entries -------------------------------------------------------------
    def start_entry(
        self, exercise_id: str, version: int, title: str, when: datetime | None = None
    ) -> Entry:
        entry = Entry.new(exercise_id, version, title, when)
        self.insert(entry)
        return entry

    def save(self, entry: Entry, when: datetime | None = None) -> None:
        """Write an entry's answers, position and status, and its ratings, in one transaction."""
        if entry.is_mood:  # a check-in, changed by `cbt edit`
            self.update_mood(Mood.from_entry(entry))
            return
        entry.updated = when or now_local()
        if entry.status == COMPLETE and entry.completed is None:
            entry.completed = entry.updated
        self.record_steps(entry)
        with self.transaction():
            self.conn.execute(
                """UPDATE entries SET status = ?, phase = ?, cursor = ?, updated_at = ?,
                   completed_at = ?, completed_offset = ?, local_day = ?, answers = ?,
                   flagged = ?, private = ?, exercise_version = ?, alerts = ?,
                   private_steps = ?, labels = ? WHERE id = ?""",
                [
                    entry.status,
                    entry.phase,
                    entry.cursor,
                    to_utc_text(entry.updated),
                    to_utc_text(entry.completed) if entry.completed else None,
                    offset_minutes(entry.completed) if entry.completed else None,
                    entry.day,
                    dumps(entry.answers),
                    int(entry.flagged),
                    int(entry.private),
                    entry.exercise_version,
                    dumps(entry.alerts),
                    dumps(entry.private_steps),
                    dumps(entry.labels),
                    entry.id,
                ],
            )
            self._write_ratings(entry)
            self._write_choices(entry)

    def insert(self, entry: Entry) -> None:
        """Add an entry (new, from an answers file, or imported) in one transaction."""
        with self.transaction():
            self.conn.execute(
                """INSERT INTO entries (id, exercise_id, exercise_version, exercise_title, status,
                   phase, cursor, started_at, started_offset, updated_at, local_day, answers)
                   VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?, '{}')""",
                [
                    entry.id,
                    entry.exercise_id,
                    entry.exercise_version,
                    entry.exercise_title,
                    entry.status,
                    to_utc_text(entry.started),
                    offset_minutes(entry.started),
                    to_utc_text(entry.started),
                    local_day(entry.started),
                ],
            )
            self.save(entry, entry.updated)

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
            # SQLCipher has no backup API: the copy is exported, encrypted with the same key.
            with sqlite_errors(self.path):
                self.conn.execute(
                    "ATTACH DATABASE ? AS backup KEY ?", [str(target), self.cipher_key]
                )
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

    def remember_measure(
        self, exercise_id: str, step_id: str, title: str, scoring: dict[str, Any]
    ) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO measures VALUES (?, ?, ?, ?)",
                [exercise_id, step_id, title, dumps(scoring)],
            )

    def scorings(self) -> list[dict[str, Any]]:
        """How each questionnaire done so far is scored (see remember_measure)."""
        rows = self.query(
            "SELECT exercise_id AS exercise, step_id AS step, title, scoring FROM measures"
            " ORDER BY exercise_id"
        )
        return [{**row, "scoring": json.loads(row["scoring"])} for row in rows]

    def _write_choices(self, entry: Entry) -> None:
        steps = self.choice_steps.get(entry.exercise_id)
        if steps is None:
            return  # not known here: the rows written with the exercise stay as they are
        self.conn.execute("DELETE FROM choices WHERE entry_id = ?", [entry.id])
        rows = []
        for step_id, labels in steps.items():
            picked = entry.answers.get(step_id)
            for choice in picked if isinstance(picked, list) else [picked] if picked else []:
                label = labels.get(str(choice), "")
                rows.append(
                    (
                        entry.id,
                        entry.exercise_id,
                        step_id,
                        str(choice),
                        entry.status,
                        entry.day,
                        label,
                    )
                )
        self.conn.executemany("INSERT OR IGNORE INTO choices VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

    def _write_ratings(self, entry: Entry) -> None:
        self.conn.execute("DELETE FROM ratings WHERE entry_id = ?", [entry.id])
        self.conn.executemany(
            "INSERT INTO ratings VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (entry.id, entry.exercise_id, step, item, value, entry.day, entry.status, main)
                for step, item, value, main in rating_rows(entry.answers)
            ],
        )

    def get(self, prefix: str) -> Entry:
        """The entry whose id is, or starts with, `prefix` (see items.find for check-ins)."""
        prefix = id_prefix(prefix)
        try:
            return entry_from_row(self.row_by_id("entries", prefix))
        except EntryNotFound:
            if self.query("SELECT 1 FROM moods WHERE id LIKE ? LIMIT 1", [prefix + "%"]):
                raise EntryNotFound(
                    f"'{prefix}' is a mood check-in: `cbt show`, `cbt edit` and `cbt delete` "
                    "work on it, this command only on exercise entries."
                ) from None
            raise

    def row_by_id(self, table: str, prefix: str, also: str = "") -> dict[str, Any]:
        """The one row of `table` whose id starts with `prefix` (checked by id_prefix), where
        no row of the table `also` starts that way too."""
        rows = self.query(f"SELECT * FROM {table} WHERE id LIKE ? LIMIT 2", [prefix + "%"])
        if also:
            rows += self.query(f"SELECT id FROM {also} WHERE id LIKE ? LIMIT 1", [prefix + "%"])
        if not rows:
            raise EntryNotFound(f"No entry has an id starting with '{prefix}'.")
        if len(rows) > 1:
            raise EntryNotFound(
                f"More than one entry starts with '{prefix}'; please type more of the id."
            )
        return rows[0]

    def entries(self, where: EntryFilter | None = None) -> list[Entry]:
        where = where or EntryFilter()
        clauses, params = entry_clauses(where)
        order = "DESC" if where.newest_first else "ASC"
        sql = (
            "SELECT * FROM entries"
            + (" WHERE " + " AND ".join(clauses) if clauses else "")
            + f" ORDER BY COALESCE(completed_at, started_at) {order}, rowid {order}"
        )
        if where.limit:
            sql += f" LIMIT {int(where.limit)}"
        return [entry_from_row(row) for row in self.query(sql, params)]

    def iter_entries(self, where: EntryFilter) -> Iterator[Entry]:
        """Entries one at a time, in the filter's order and up to its limit, so a listing or
        an export of years never sits in memory."""
        clauses, params = entry_clauses(where)
        order = "DESC" if where.newest_first else "ASC"
        sql = (
            "SELECT * FROM entries"
            + (" WHERE " + " AND ".join(clauses) if clauses else "")
            + f" ORDER BY COALESCE(completed_at, started_at) {order}, rowid {order}"
        )
        if where.limit:
            sql += f" LIMIT {int(where.limit)}"
        with sqlite_errors(self.path):
            cursor = self.conn.execute(sql, params)
            names = [d[0] for d in cursor.description]
            for row in cursor:
                yield entry_from_row(dict(zip(names, row, strict=True)))

    def latest(self, statuses: tuple[str, ...], exercise_id: str | None = None) -> Entry | None:
        found = self.entries(
            EntryFilter(statuses=statuses, exercises=(exercise_id,) if exercise_id else (), limit=1)
        )
        return found[0] if found else None

    def delete(self, entry_id: str, scrub: bool = True) -> str:
        """Remove an entry (or a mood check-in) and its ratings, leaving none of its words
        anywhere in the files (`scrub=False` for an entry that holds no words yet: vacuuming
        takes a moment). Returns '' when the words are wiped, else why they are not yet (the
        wipe is then finished by the next command that writes; see journal.wipe)."""
        with self.transaction():
            self.conn.execute("DELETE FROM ratings WHERE entry_id = ?", [entry_id])
            self.conn.execute("DELETE FROM choices WHERE entry_id = ?", [entry_id])
            self.conn.execute("DELETE FROM entries WHERE id = ?", [entry_id])
            self.conn.execute("DELETE FROM moods WHERE id = ?", [entry_id])  # or a check-in
        if not scrub:
            return ""
        from .wipe import wipe

        return wipe(self)

    def count_entries(self) -> dict[str, int]:
        rows = self.query("SELECT status, count(*) AS n FROM entries GROUP BY status")
        return {row["status"]: row["n"] for row in rows}

    # -- moods ---------------------------------------------------------------
    def add_mood(
        self,
        score: int,
        note: str = "",
        emotions: dict[str, int] | None = None,
        when: datetime | None = None,
        alerts: list[dict[str, Any]] | None = None,
    ) -> Mood:
        import uuid

        mood = Mood(
            str(uuid.uuid4()),
            score,
            when or now_local(),
            note,
            dict(emotions or {}),
            alerts=list(alerts or []),
        )
        self.insert_mood(mood)
        return mood

    def moods(self, since: str | None = None, until: str | None = None) -> list[Mood]:
        clauses, params = day_clauses(since, until)
        sql = "SELECT * FROM moods" + (" WHERE " + " AND ".join(clauses) if clauses else "")
        return [mood_from_row(row) for row in self.query(sql + " ORDER BY recorded_at", params)]

    def insert_mood(self, mood: Mood) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO moods (id, score, note, emotions, recorded_at, utc_offset,"
                " local_day, activities, alerts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    mood.id,
                    mood.score,
                    mood.note,
                    dumps(mood.emotions),
                    to_utc_text(mood.recorded),
                    offset_minutes(mood.recorded),
                    local_day(mood.recorded),
                    dumps(mood.activities),
                    dumps(mood.alerts),
                ],
            )

    def update_mood(self, mood: Mood) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE moods SET score = ?, note = ?, emotions = ?, activities = ?, alerts = ?"
                " WHERE id = ?",
                [
                    mood.score,
                    mood.note,
                    dumps(mood.emotions),
                    dumps(mood.activities),
                    dumps(mood.alerts),
                    mood.id,
                ],
            )

    def last_mood(self) -> Mood | None:
        rows = self.query(
            "SELECT * FROM moods WHERE score IS NOT NULL ORDER BY recorded_at DESC LIMIT 1"
        )
        return mood_from_row(rows[0]) if rows else None


def id_prefix(prefix: str) -> str:
    """An id, or its first few characters, as typed; one sentence if it cannot be one."""
    prefix = prefix.strip().lower()
    if not all(c in "0123456789abcdef-" for c in prefix):
        raise EntryNotFound(
            f"'{prefix}' is not an entry id: ids are made of the digits 0-9 and the letters "
            "a-f, as `cbt journal` shows them."
        )
    if len(prefix) < 4:
        raise EntryNotFound(
            f"'{prefix}' is too short to find an entry by; use at least the first 4 "
            "characters shown by `cbt journal`."
        )
    return prefix


def day_clauses(since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if since:
        clauses.append("local_day >= ?")
        params.append(since)
    if until:
        clauses.append("local_day <= ?")
        params.append(until)
    return clauses, params


def search_clause(words: str, named_steps: tuple[str, ...]) -> tuple[str, list[Any]]:
    """Entries with `words` in what the person wrote: any text in the answers, and the names
    in `named_steps` (feelings), but not the answers' keys ("situation" is in every thought
    record's JSON, not in what anyone wrote)."""
    pattern = "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    named = ""
    params: list[Any] = [pattern]
    if named_steps:
        named = (
            f" OR (t.path IN ({','.join('?' * len(named_steps))})"
            " AND typeof(t.key) = 'text' AND t.key LIKE ? ESCAPE '\\')"
        )
        params += [f"$.{step}" for step in named_steps] + [pattern]
    clause = (
        "EXISTS (SELECT 1 FROM json_tree(entries.answers) AS t"
        f" WHERE (t.type = 'text' AND t.atom LIKE ? ESCAPE '\\'){named})"
    )
    if words.isascii() and words.isprintable() and not any(c in words for c in '"\\'):
        # Such words appear in the stored JSON exactly as typed (JSON escapes only quotes,
        # backslashes and control characters): a plain LIKE first spares json_tree the
        # entries that can't match.
        clause = "answers LIKE ? ESCAPE '\\' AND " + clause
        params.insert(0, pattern)
    return clause, params


def entry_clauses(where: EntryFilter) -> tuple[list[str], list[Any]]:
    clauses, params = day_clauses(where.since, where.until)
    if where.exercises:
        clauses.append(f"exercise_id IN ({','.join('?' * len(where.exercises))})")
        params.extend(where.exercises)
    if where.statuses:
        clauses.append(f"status IN ({','.join('?' * len(where.statuses))})")
        params.extend(where.statuses)
    if where.search:
        clause, found = search_clause(where.search, where.named_steps)
        clauses.append(clause)
        params.extend(found)
    if where.flagged:
        clauses.append("flagged = 1")
    if where.shareable:
        clauses.append("private = 0")
    return clauses, params


def stored_list(text: str | None) -> list[Any]:
    """A JSON list column; most are empty, and reading '[]' needs no parser (a long export
    reads several per entry)."""
    return [] if not text or text == "[]" else json.loads(text)


def stored_dict(text: str | None) -> dict[str, Any]:
    return {} if not text or text == "{}" else json.loads(text)


@lru_cache(maxsize=512)
def parsed_labels(text: str) -> dict[str, str]:
    return json.loads(text)


def stored_labels(text: str) -> dict[str, str]:
    """An entry's step labels: the same few texts for every entry of an exercise version, so
    each is parsed once (and copied, so no two entries share a dict)."""
    return dict(parsed_labels(text))


def mood_from_row(row: dict[str, Any]) -> Mood:
    return Mood(
        id=row["id"],
        score=row["score"],
        recorded=from_utc_text(row["recorded_at"], row["utc_offset"]),
        note=row["note"],
        emotions=stored_dict(row["emotions"]),
        activities=stored_list(row.get("activities")),
        alerts=stored_list(row.get("alerts")),
    )


def entry_from_row(row: dict[str, Any]) -> Entry:
    completed = row["completed_at"]
    return Entry(
        id=row["id"],
        exercise_id=row["exercise_id"],
        exercise_version=row["exercise_version"],
        exercise_title=row["exercise_title"],
        status=row["status"],
        started=from_utc_text(row["started_at"], row["started_offset"]),
        updated=from_utc_text(row["updated_at"], row["completed_offset"] or row["started_offset"]),
        completed=from_utc_text(completed, row["completed_offset"]) if completed else None,
        phase=row["phase"],
        cursor=row["cursor"],
        answers=json.loads(row["answers"]),
        flagged=bool(row["flagged"]),
        private=bool(row["private"]),
        alerts=stored_list(row.get("alerts")),
        private_steps=stored_list(row.get("private_steps")),
        labels=stored_labels(row.get("labels") or "{}"),
    )
