"""Backups of the journal: a whole, private copy of a sound journal, and when one is due."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
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
        target = backups_folder(journal.path) / name
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


def backups_folder(journal_path: Path) -> Path:
    """Where `cbt backup` keeps its copies unless told otherwise."""
    return journal_path.parent / "backups"


def kept_backups(journal_path: Path) -> list[Path]:
    """The copies in the backups folder: regular files alone (a link could lead anywhere)."""
    try:
        found = sorted(backups_folder(journal_path).glob("*.db"))
    except OSError:
        return []
    return [path for path in found if not path.is_symlink() and path.is_file()]


def is_plain(path: Path) -> bool:
    """An unencrypted SQLite file: its header is there for anyone to read, and so is the rest."""
    from .cipher import SQLITE_HEADER

    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def plain_backups(journal_path: Path) -> list[Path]:
    return [path for path in kept_backups(journal_path) if is_plain(path)]


def encrypted_backups(journal_path: Path) -> list[Path]:
    from .cipher import looks_encrypted

    return [path for path in kept_backups(journal_path) if looks_encrypted(path)]


@dataclass
class BackupsKeyed:
    """What `key_backups` did: the backups now under the journal's key, and those left as
    they were, each with why."""

    rewritten: list[Path] = field(default_factory=list)
    left: list[tuple[Path, str]] = field(default_factory=list)


def key_backups(journal_path: Path, old: str | None, new: str) -> BackupsKeyed:
    """Put the backups cbt keeps beside the journal under its key: each plain one is encrypted
    with `new`, and each encrypted one that opens with `old` (the journal's key before a
    change) is re-keyed. Each must first be whole and cbt's; it is then rewritten the way the
    journal is (a verified copy swapped in, the old bytes overwritten: see cipher.rewrite_file).
    One that cannot be is left exactly as it was, never removed. They get the journal's own
    raw key, so they open with its passphrase and no key derivation is paid for each one."""
    from . import cipher
    from .remembered import raw_key
    from .stop_points import stop_point

    done = BackupsKeyed()
    candidates = [
        (path, None if is_plain(path) else old)
        for path in kept_backups(journal_path)
        if is_plain(path) or (old is not None and cipher.looks_encrypted(path))
    ]
    if not candidates:
        return done
    key = raw_key(journal_path, new)
    for path, current in candidates:
        try:
            current = raw_key(path, current) if current is not None else None
            why = unfit_to_rewrite(path, current)
            if why is None:
                cipher.rewrite_file(path, current, key)
        except (JournalError, OSError):
            why = "it could not be rewritten"
        if why is None:
            done.rewritten.append(path)
            stop_point("backup-rewritten")  # tests stop here: the rest still plain
        else:
            done.left.append((path, why))
    return done


def unfit_to_rewrite(path: Path, key: str | None) -> str | None:
    """Why the backup at `path` must be left as it is (opened with `key`), or None."""
    from . import cipher
    from .integrity import JournalDamaged, check, refuse_foreign

    try:
        conn = cipher.connect(str(path), key, False, 5.0)
    except JournalError:
        return "it does not open with the journal's old passphrase"
    try:
        refuse_foreign(conn, path)
        check(conn, path)
    except JournalDamaged:
        return "it is damaged"
    except JournalError:
        return "it is not a cbt journal"
    except cipher.database_errors():
        return "it is damaged"
    finally:
        conn.close()
    return None
