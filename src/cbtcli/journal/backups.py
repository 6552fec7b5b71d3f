"""Backups of the journal: a whole, private copy of a sound journal, and when one is due."""

from __future__ import annotations

import contextlib
import os
from datetime import datetime, timedelta
from pathlib import Path

from .. import paths
from ..clock import now_local
from ..errors import CbtError, JournalError, OutputExists
from .store import Journal

LAST_BACKUP = "last_backup"
BACKUP_EVERY = timedelta(days=30)


def backup(journal: Journal, target: Path | None, force: bool = False) -> Path:
    """Copy the journal to `target` (a file or a folder), or to the backups folder: only a
    sound journal (full integrity check first), so a backup never copies damage."""
    journal.check_integrity()
    when = now_local()
    name = f"journal-{when:%Y-%m-%d-%H%M%S}.db"
    if target is None:
        target = journal.path.parent / "backups" / name
        with paths.private_dir(target.parent):  # taken away again if the copy fails
            return copy_to(journal, target, force, when)
    if target.is_dir():
        target = target / name
    return copy_to(journal, target, force, when)


def copy_to(journal: Journal, target: Path, force: bool, when: datetime) -> Path:
    if target.exists() and not force:
        raise OutputExists(target)
    if not target.parent.is_dir():
        raise CbtError(f"The folder {target.parent} does not exist.")
    temporary = target.with_name(f".{target.name}.part")
    temporary.unlink(missing_ok=True)
    try:
        paths.create_private_file(temporary)
    except OSError as exc:
        raise CbtError(paths.path_problem(target, exc)) from None
    try:
        journal.backup_to(temporary)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    target.chmod(paths.PRIVATE_FILE)
    if not journal.read_only:
        with contextlib.suppress(JournalError):  # busy elsewhere: the copy is made all the same
            journal.set_meta(LAST_BACKUP, when.isoformat(timespec="seconds"))
    return target


def backup_overdue(journal: Journal) -> bool:
    """True when there is something to lose and no backup in the last month."""
    if not journal.query("SELECT 1 FROM entries UNION ALL SELECT 1 FROM moods LIMIT 1"):
        return False
    last = journal.get_meta(LAST_BACKUP)
    return last is None or now_local() - datetime.fromisoformat(last) > BACKUP_EVERY
