"""`cbt repair`: a new journal built from what a damaged one still holds; the damaged file is
only ever read (opened immutable), never changed.

With the sqlite3 command-line tool installed, its `.recover` reads what it can even from
damaged pages into a scratch database first; without it, cbt reads each table as far as it
can. Then the rows go into a fresh journal, and the figures summaries use (ratings, picked
choices) are rebuilt from the entries.

An encrypted journal is read with its passphrase (page by page: a page that fails its check
ends its table) into a new journal encrypted with the same passphrase, so no word is ever
written in plain; the sqlite3 tool cannot read it, so its recovery is not used."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..errors import JournalError

# What a journal holds, in an order that keeps references whole; the rest is derived.
TABLES = (
    "entries",
    "moods",
    "ladders",
    "ladder_steps",
    "ladder_practices",
    "assignments",
    "goals",
    "measures",
    "meta",
    "imported",
)


def read_only(path: Path, key: str | None = None) -> Any:
    target = f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1"
    if key is None:
        return sqlite3.connect(target, uri=True)
    from .cipher import connect

    return connect(target, key, True, 5.0)


def recovered_copy(damaged: Path, scratch: Path) -> Path | None:
    """SQLite's own recovery into a scratch file, when the sqlite3 tool is there."""
    tool = shutil.which("sqlite3")
    if tool is None:
        return None
    target = scratch / "recovered.db"
    try:
        dump = subprocess.run(
            [tool, f"file:{damaged.resolve()}?immutable=1", ".recover"],
            capture_output=True,
            timeout=600,
            check=False,
        )
        subprocess.run(
            [tool, str(target)], input=dump.stdout, capture_output=True, timeout=600, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return target if target.exists() else None


def copy_rows(source: Any, target: Any, table: str) -> int:
    """Every row of one table that can still be read; a damaged stretch ends the table."""
    from .cipher import database_errors

    errors = database_errors()
    try:
        columns = [row[1] for row in target.execute(f"PRAGMA table_info({table})")]
        present = {row[1] for row in source.execute(f"PRAGMA table_info({table})")}
    except errors:
        return 0
    shared = [c for c in columns if c in present]
    if not shared:
        return 0
    names = ", ".join(shared)
    marks = ", ".join("?" * len(shared))
    copied = 0
    try:
        for row in source.execute(f"SELECT {names} FROM {table}"):
            try:
                target.execute(f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({marks})", row)
                copied += 1
            except errors:
                continue  # a row that no longer fits (a damaged value): left out
    except errors:
        pass  # the rest of this table is unreadable
    return copied


def repair(damaged: Path, target: Path) -> dict[str, int]:
    """Build `target` from `damaged`; returns how many rows of each table were saved. It is
    built under a hidden name beside `target` and renamed once whole, so a full disk or an
    interruption leaves no half-built journal."""
    import os

    from .connection import discard_journal, sqlite_errors

    if target.exists():
        raise JournalError(f"{target} already exists; choose a new name for the repaired journal.")
    if not damaged.is_file():
        raise JournalError(f"There is no journal at {damaged} to repair.")
    building = target.with_name(f".{target.name}.building")
    discard_journal(building)  # what an earlier, interrupted repair left
    try:
        with sqlite_errors(target):
            saved = build(damaged, building)
        os.replace(building, target)
    except OSError as exc:
        from ..paths import path_problem

        raise JournalError(path_problem(target, exc)) from None
    except JournalError as exc:  # said of the file the person will look for
        from ..paths import disk_is_full

        if disk_is_full(target):
            raise JournalError(
                f"The disk is full, so {target} was not built; the damaged journal was not changed."
            ) from None
        raise JournalError(str(exc).replace(str(building), str(target))) from None
    finally:
        discard_journal(building)
    return saved


def build(damaged: Path, target: Path) -> dict[str, int]:
    from ..definitions.catalog import load_catalog
    from . import cipher
    from .store import open_journal

    key = encrypted_key(damaged) if cipher.looks_encrypted(damaged) else None
    open_journal(target).close()  # a fresh journal: today's schema, private file
    if key is not None:
        cipher.encrypt_file(target, key)  # while it is still empty
    saved: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as folder:
        recovered = recovered_copy(damaged, Path(folder)) if key is None else None
        sources = [p for p in (recovered, damaged) if p is not None]
        writer = (
            sqlite3.connect(target, isolation_level=None)
            if key is None
            else cipher.connect(str(target), key, False, 5.0)
        )
        try:
            writer.execute("BEGIN IMMEDIATE")
            for table in TABLES:
                best = 0
                for source_path in sources:  # the recovered copy first; the file itself after
                    source = read_only(source_path, key)
                    try:
                        best = max(best, copy_rows(source, writer, table))
                    finally:
                        source.close()
                saved[table] = best
            writer.execute("COMMIT")
        finally:
            writer.close()
    journal = open_journal(target, key=key)
    try:
        catalog = load_catalog()
        for exercise in catalog.exercises.values():
            journal.learn(exercise)
        with journal.transaction():
            for entry in list(journal.iter_entries(_everything())):
                journal.save(entry, entry.updated)  # ratings and choices, rebuilt
    finally:
        journal.close()
    return saved


def encrypted_key(damaged: Path) -> str:
    """The key that opens the encrypted journal `damaged`, from the usual sources."""
    from . import cipher, passphrase

    try:
        conn, key = passphrase.open_encrypted(
            f"file:{quote(str(damaged.resolve()))}?mode=ro&immutable=1", damaged, True, 5.0
        )
    except JournalError as exc:
        if str(exc) != cipher.WRONG_PASSPHRASE:
            raise
        raise JournalError(
            "That passphrase does not open this journal, or its first page is damaged beyond "
            "repair."
        ) from None
    conn.close()
    return key


def _everything():  # -> EntryFilter, imported here to keep this module's imports light
    from .filters import EntryFilter

    return EntryFilter(newest_first=False)
