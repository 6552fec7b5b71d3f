"""Secure delete: a deleted entry's words wiped from every file of the journal.

`secure_delete` zeroes what a delete frees, but the write-ahead log holds the new pages while
the main file keeps the old ones until a checkpoint copies them over; VACUUM then rebuilds the
file. A checkpoint cannot finish while another connection (a `cbt journal` paging, a database
browser) is reading an older state of the journal: cbt retries for a moment, and if the words
are still in the file it says so plainly and notes the wipe as pending in the journal, so the
next cbt command that writes finishes it."""

from __future__ import annotations

import contextlib
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from .store import Journal

PENDING = "wipe_pending"
PATIENCE_MS = 2000  # how long a delete waits for a reader to finish before saying so


def wipe(journal: Journal, patience_ms: int | None = None) -> str:
    """Wipe freed words from every file: '' when done, else why not yet (the wipe is then
    pending, and `finish_pending_wipe` completes it later)."""
    from .cipher import database_errors
    from .connection import busy_timeout
    from .presence import CBT, holder

    if patience_ms is None:
        patience_ms = min(busy_timeout(), PATIENCE_MS)
    try:
        journal.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        journal.conn.execute("VACUUM")
        done = checkpoint(journal, patience_ms)
        reason = ""
        if not done:
            who = "another cbt command" if holder(journal.path) == CBT else "another program"
            reason = f"{who} is reading the journal"
    except database_errors() as exc:
        done, reason = False, failure(exc, journal.path)
    if done:
        if journal.get_meta(PENDING) is not None:
            with journal.transaction():
                journal.conn.execute("DELETE FROM meta WHERE key = ?", [PENDING])
            checkpoint(journal, 0)
        return ""
    from ..errors import JournalError

    # A full disk may refuse even this note: the words are said to be there all the same.
    with contextlib.suppress(JournalError):
        journal.set_meta(PENDING, "1")
    return reason


def checkpoint(journal: Journal, patience_ms: int) -> bool:
    """Copy the log into the file and empty it, retrying while a reader holds an older state
    of the journal; True when it is done."""
    deadline = time.monotonic() + patience_ms / 1000
    while True:
        busy = journal.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if not busy:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)  # a reader finishing its read lets the checkpoint through


def failure(exc: BaseException, path: Path) -> str:
    from ..paths import sqlite_out_of_room

    text = str(exc).lower()
    if sqlite_out_of_room(exc, path):
        return "the disk is full"
    if "locked" in text or "busy" in text:
        return "another program is writing to the journal"
    return f"SQLite said: {exc}"


def finish_pending_wipe(journal: Journal) -> None:
    """A wipe left pending by an earlier delete, done now if whoever was reading has gone."""
    if journal.get_meta(PENDING) is not None:
        wipe(journal, patience_ms=0)
