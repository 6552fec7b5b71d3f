"""The journal: one private SQLite file holding entries, ratings and moods."""

from __future__ import annotations

import json
import sqlite3
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import paths
from ..clock import now_local
from ..errors import EntryNotFound, JournalError
from .connection import (
    busy_timeout,
    check_file,
    discard_journal,
    folder_writable,
    log_path,
    sqlite_errors,
)
from .filters import EntryFilter, entry_clauses
from .moods import MoodRecords
from .ratings import rating_rows
from .records import (
    COMPLETE,
    ENTRY_COLUMNS,
    Entry,
    Mood,
    dumps,
    entry_from_row,
    entry_from_values,
    local_day,
    offset_minutes,
    to_utc_text,
)
from .schema import MIGRATION_NAMES


def open_journal(
    path: Path | None = None, for_writing: bool = True, key: str | None = None
) -> Journal:
    """Open (creating if needed) the journal, bringing its schema up to date.

    A journal its owner made read-only (no owner write bit) is opened read-only: it can be
    read, and any change is refused with one sentence, even for root. Opened `for_writing`, it
    passes the integrity gate first (see journal.integrity). An encrypted journal is opened
    with `key` when given, else with the passphrase from its sources (see journal.cipher)."""
    from .old_bytes import wipe_leftover
    from .presence import announce, open_here, withdraw

    path = path or paths.default_journal_path()
    # Read through a descriptor of cbt's own only before this process connects: closing one
    # drops every POSIX lock its SQLite holds on the file, and another cbt takes the log away.
    opened_here = open_here(path)
    existed = path.exists() if opened_here else check_file(path)
    created = wiped_leftover = False
    made: list[Path] = []  # the folders made for a new journal
    try:
        # A rewrite under way (`cbt encrypt`) is waited for, and none starts until this closes.
        if existed and not opened_here and announce(path, busy_timeout() / 1000):
            wiped_leftover = wipe_leftover(path)  # no rewrite runs: a copy one left is nobody's
        read_only = existed and not path.stat().st_mode & stat.S_IWUSR
        # A folder that cannot be written holds no log beside the journal (SQLite could not
        # make one), so nothing is writing to it: read it as it stands, without making one.
        frozen = existed and not folder_writable(path) and not log_path(path).exists()
        read_only = read_only or frozen
        if existed and for_writing and not read_only and not opened_here:
            from .integrity import check_size

            check_size(path)
        if not existed:
            try:
                made = paths.ensure_private_dir(path.parent)
                paths.create_private_file(path)
                created = True
            except FileExistsError:
                pass  # another cbt process created it a moment ago
            except OSError as exc:
                raise JournalError(
                    f"The journal {path} could not be created ({exc.strerror})."
                ) from None
            announce(path, busy_timeout() / 1000)
        with sqlite_errors(path):
            target = str(path)
            if read_only:
                from urllib.parse import quote

                target = f"file:{quote(str(path.resolve()))}?mode=ro" + (
                    "&immutable=1" if frozen else ""
                )
            from . import cipher, passphrase

            timeout = busy_timeout() / 1000
            if not (existed and cipher.looks_encrypted(path)):
                key = None
                conn = sqlite3.connect(target, timeout=timeout, isolation_level=None, uri=read_only)
            elif key is not None:
                conn = cipher.connect(target, key, read_only, timeout)
            else:
                conn, key = passphrase.open_encrypted(target, path, read_only, timeout)
            try:
                journal = Journal(conn, path, read_only)
                journal.created = created
                journal.cipher_key = key
                journal.wiped_leftover = wiped_leftover
                journal.prepare(for_writing)
            except BaseException:
                conn.close()
                raise
    except BaseException:
        if not opened_here:
            withdraw(path, failed=True)  # the lock this opening took
        if created:
            discard_journal(path)  # a full disk leaves no empty journal behind
        paths.remove_empty(made)  # nor a folder made for it (once the error is worded)
        raise
    return journal


def empty_journal(path: Path) -> Journal:
    """A journal with nothing in it, held in memory: what a command that only reads sees
    before the first entry, without creating a file or a folder."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    journal = Journal(conn, path)
    journal.migrate()
    return journal


class Journal(MoodRecords):
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
        from .integrity import is_marked, mark_as_journal, refuse_foreign

        self.conn.execute(f"PRAGMA busy_timeout = {busy_timeout()}")
        self.conn.execute("PRAGMA foreign_keys = ON")
        # Deleted text must not linger in free pages of a private journal.
        self.conn.execute("PRAGMA secure_delete = ON")
        refuse_foreign(self.conn, self.path)  # before anything can change the file
        if for_writing and not self.read_only:
            self.check_before_first_write()
        if not self.read_only:
            # Switching to write-ahead logging (a restored backup is not in it) writes page 1.
            if not (self.in_wal_mode() and is_marked(self.conn)):
                self.check_before_first_write()
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
            self.check_before_first_write()
            self.migrate()
        if self.verified:
            from .wipe import finish_pending_wipe

            finish_pending_wipe(self)

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
        return list(self.iter_entries(where or EntryFilter()))

    def iter_entries(self, where: EntryFilter) -> Iterator[Entry]:
        """Entries one at a time, in the filter's order and up to its limit, so a listing or
        an export of years never sits in memory."""
        clauses, params = entry_clauses(where)
        order = "DESC" if where.newest_first else "ASC"
        # Every day (an export, a listing): read along the time index as the rows stream out,
        # rather than have SQLite sort the whole table, words and all, before the first row.
        # Days or exercises narrow the rows through an index of their own, and sorting those
        # few is cheaper than reading past all the others.
        by_time = not (where.since or where.until or where.exercises)
        by_time = by_time and self.has_index("entries_by_time")
        sql = (
            f"SELECT {', '.join(ENTRY_COLUMNS)} FROM entries"
            + (" INDEXED BY entries_by_time" if by_time else "")
            + (" WHERE " + " AND ".join(clauses) if clauses else "")
            + f" ORDER BY COALESCE(completed_at, started_at) {order}, rowid {order}"
        )
        if where.limit:
            sql += f" LIMIT {int(where.limit)}"
        with sqlite_errors(self.path):
            for row in self.conn.execute(sql, params):
                yield entry_from_values(row)

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
