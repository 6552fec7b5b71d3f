"""`cbt doctor`: checks of everything cbt keeps (folders, settings, exercises, the journal)."""

from __future__ import annotations

import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .errors import CbtError
from .journal.backups import LAST_BACKUP, backup_overdue, backups_folder


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""


def mode_text(path: Path) -> str:
    return oct(stat.S_IMODE(path.stat().st_mode))[2:].zfill(3)


def private(path: Path, wanted: int) -> Check:
    if not path.exists():
        return Check(str(path), True, "not created yet")
    mode = stat.S_IMODE(path.stat().st_mode)
    ok = mode & 0o077 == 0
    fix = f"chmod {oct(wanted)[2:]} {path}" if not ok else ""
    return Check(
        str(path), ok, f"mode {mode_text(path)}" + ("" if ok else ": others can read it"), fix
    )


def checks(journal_path: Path, word: Callable[[CbtError], str] = str) -> list[Check]:
    """Everything `cbt doctor` looks at, in order; `word` says a problem met on the way (the
    CLI's way names the options in it as flags)."""
    from .journal import open_journal

    found: list[Check] = []
    folder = journal_path.parent
    found.append(private(folder, paths.PRIVATE_DIR))
    for suffix in ("", "-wal", "-shm"):
        found.append(
            private(journal_path.with_name(journal_path.name + suffix), paths.PRIVATE_FILE)
        )
    backups = backups_folder(journal_path)
    if backups.is_dir():
        found += [private(p, paths.PRIVATE_FILE) for p in sorted(backups.glob("*.db"))]
    found += plain_beside_encrypted(journal_path)
    if not journal_path.exists():  # nothing to look at yet, and doctor never creates one
        found.append(Check("journal", True, "not created yet: your first entry starts it"))
        return found + exercise_checks()
    try:
        with open_journal(journal_path) as journal:
            found.append(Check("schema", True, journal.schema_version()))
            if journal.wiped_leftover:
                found.append(left_copy(journal_path))
            from .journal.cipher import settings_check
            from .journal.stats import count_moods
            from .wording import counted

            ok, detail = settings_check(journal.conn, journal.cipher_key is not None)
            found.append(Check("encryption", ok, detail))
            counts = journal.count_entries()
            moods = count_moods(journal)
            summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "none"
            found.append(Check("entries", True, f"{summary}; {counted(moods, 'mood check-ins')}"))
            result = journal.integrity()
            found.append(
                Check(
                    "integrity",
                    result == "ok",
                    result,
                    "" if result == "ok" else "Restore from a backup (`cbt backup` makes them).",
                )
            )
            if backup_overdue(journal):
                last = journal.get_meta(LAST_BACKUP)
                found.append(
                    Check(
                        "backup",
                        True,
                        f"last {last[:10] if last else 'never'}: consider `cbt backup`",
                    )
                )
    except CbtError as exc:
        found.append(unopened(journal_path, word(exc)))
    return found + exercise_checks()


def left_copy(journal_path: Path) -> Check:
    """A copy an interrupted `cbt encrypt`, `decrypt` or `passphrase` left beside the journal
    (plain after a decrypt); opening the journal has just overwritten and removed it."""
    return Check(
        "interrupted rewrite",
        False,
        f"an unfinished copy of the journal was left beside {journal_path.name} when "
        "`cbt encrypt`, `decrypt` or `passphrase` was stopped part way; cbt has now "
        "overwritten and removed it",
        "Nothing more here; if that folder is synced or backed up, a copy may be there too.",
    )


def plain_beside_encrypted(journal_path: Path) -> list[Check]:
    """Plain backups beside an encrypted journal hold every word it hides (knowable without
    the passphrase)."""
    from .journal.backups import plain_backups
    from .journal.cipher import looks_encrypted
    from .wording import counted

    plain = plain_backups(journal_path) if looks_encrypted(journal_path) else []
    if not plain:
        return []
    names = ", ".join(path.name for path in plain)
    return [
        Check(
            "backups",
            False,
            f"{counted(len(plain), 'backups')} beside the encrypted journal "
            f"{'is' if len(plain) == 1 else 'are'} not encrypted, so anyone with a copy can "
            f"read every word in {'it' if len(plain) == 1 else 'them'} ({names})",
            "`cbt encrypt` encrypts them with the journal's passphrase; one it cannot (a "
            "damaged one) is yours to move somewhere safe, or delete once you have no need of it.",
        )
    ]


def unopened(journal_path: Path, problem: str) -> Check:
    """The journal could not be opened. An encrypted one (known without its key) needs its
    passphrase: a typo is no reason to restore an old backup over it."""
    from .journal.cipher import WRONG_PASSPHRASE, looks_encrypted

    if not looks_encrypted(journal_path):
        return Check(
            "journal",
            False,
            problem,
            "See above; `cbt backup` copies can be restored by replacing the file.",
        )
    if problem == WRONG_PASSPHRASE:
        return Check(
            "journal",
            False,
            "encrypted, and the passphrase given does not open it. A mistyped passphrase and "
            "a damaged first page look the same to SQLCipher (both fail that page's check), "
            "so if you are sure of the passphrase, the first page is damaged",
            "Try the passphrase again; the journal was left as it is. If you are sure of it, "
            'see "A damaged encrypted journal" in the README.',
        )
    from .journal.passphrase import from_environment

    return Check(
        "journal",
        False,
        "encrypted, and cbt needs its passphrase to look inside"
        + (f" ({problem})" if from_environment() else ": none was given"),
        "Run `cbt doctor` again with its passphrase (typed in a terminal, or from "
        "CBT_PASSPHRASE_COMMAND).",
    )


def exercise_checks() -> list[Check]:
    """The settings file's privacy, and each of the person's exercise files."""
    from .definitions.catalog import exercise_files, validate_files

    found: list[Check] = []
    config = paths.config_file()
    if config.exists():
        found.append(private(config, paths.PRIVATE_FILE))
    for path in exercise_files(paths.user_exercises_dir()):
        problems = validate_files([path])
        found.append(
            Check(
                str(path),
                not problems,
                "valid" if not problems else "; ".join(problems),
                "Fix it, then `cbt exercises validate`." if problems else "",
            )
        )
    return found
