"""Encryption at rest: the one place that knows the journal's passphrase and SQLCipher.

An encrypted journal is an SQLCipher 4 database with SQLCipher's default settings (AES-256,
PBKDF2-HMAC-SHA512 with 256,000 iterations, an HMAC on every page); its write-ahead log is
encrypted page by page with the same key. Without the passphrase it is random bytes: nothing,
not even the "SQLite format 3" header, can be read from it, and a forgotten passphrase cannot
be recovered.

The passphrase comes from, in order: CBT_PASSPHRASE_COMMAND (a command whose first line is the
passphrase, like `pass show cbt`), CBT_PASSPHRASE (for scripts), the key remembered in the
system keyring if the owner asked for that (journal/remembered.py), else a hidden prompt in a
terminal (journal/passphrase.py asks and checks). With none of these, cbt says so in one
sentence.

A key is a passphrase, or SQLCipher's raw key with its salt (x'...'), as remembered."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

from ..errors import JournalError, Locked
from .old_bytes import (
    open_log,
    overwrite_if_unlinked,
    rewriting_path,
    sync,
    sync_folder,
    wipe_leftover,
)
from .presence import refuse_if_open
from .stop_points import stop_point

SQLITE_HEADER = b"SQLite format 3\x00"  # an unencrypted database starts so
CIPHER_PAGE = 1024  # every SQLCipher page size is a multiple of this
# SQLCipher cannot tell a wrong key from a damaged first page (both fail that page's HMAC):
# the words in brackets are for someone sure of their passphrase, without alarming a typo.
WRONG_PASSPHRASE = (
    "That passphrase does not open this journal (if you are sure of it, `cbt doctor` says "
    "what else it could be)."
)
WRONG_TRY = "That passphrase does not open this journal."  # at the prompt, with tries left


def database_errors() -> tuple[type[BaseException], ...]:
    """SQLite's errors, and SQLCipher's once it is in use (its classes are its own)."""
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.Error, cipher.Error) if cipher else (sqlite3.Error,)


def looks_encrypted(path: Path) -> bool:
    """An encrypted journal: whole pages of bytes with no SQLite header, beginning with
    SQLCipher's random salt. (Any other file is refused as foreign before cbt asks for a
    passphrase; a file of zeros, say, that a rewrite through a link once left.)"""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return (
        size >= CIPHER_PAGE
        and size % CIPHER_PAGE == 0
        and header != SQLITE_HEADER
        and header.strip(b"\0") != b""
    )


def remember_key(path: Path, key: str) -> None:
    """Keep the journal's raw key in the system keyring, once it is known to open the journal."""
    from .remembered import raw_key, remember

    raw = raw_key(path, key)
    connect(str(path), raw, False, 5.0).close()  # a key that opens it, or one sentence
    remember(path, raw)


def quoted(text: str) -> str:
    """A string literal for PRAGMA key, which takes no parameters."""
    return "'" + text.replace("'", "''") + "'"


def connect(target: str, key: str | None, uri: bool, timeout: float) -> Any:
    """A connection through SQLCipher (plain files open through it as well), keyed when
    `key` is given; a wrong key is one sentence, and the file is not touched."""
    from sqlcipher3 import dbapi2

    conn = dbapi2.connect(target, timeout=timeout, isolation_level=None, uri=uri)
    try:
        # SQLCipher's own log lines (a failed page check, say) never reach the terminal.
        conn.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            conn.execute(f"PRAGMA key = {quoted(key)}")
            try:
                # The first page alone: a wrong key fails its check, while damage elsewhere
                # is left for the integrity gate (and `cbt repair`) to find.
                conn.execute("PRAGMA user_version").fetchone()
            except dbapi2.DatabaseError:
                raise Locked(WRONG_PASSPHRASE) from None
    except BaseException:
        conn.close()
        raise
    return conn


def encrypt_file(path: Path, key: str) -> None:
    """Replace the plain journal at `path` by an encrypted copy (see `rewrite_file`)."""
    rewrite_file(path, None, key)


def decrypt_file(path: Path, key: str) -> None:
    """Replace the encrypted journal at `path` by a plain copy (see `rewrite_file`)."""
    rewrite_file(path, key, None)


def rekey_file(path: Path, old: str, new: str) -> None:
    """Give the encrypted journal at `path` a new passphrase (see `rewrite_file`). A copy and
    a rename rather than SQLCipher's PRAGMA rekey, which rewrites pages in place: a crash part
    way through that could leave pages under two keys."""
    rewrite_file(path, old, new)


def rewrite_file(path: Path, old: str | None, new: str | None) -> None:
    """Replace the journal at `path`, opened with key `old` (None: plain), by a copy under key
    `new` (None: plain), atomically: a crash at any moment leaves either the old journal or the
    new one. The old bytes are overwritten once nothing refers to them any more.

    The real file is rewritten in its own folder (a symbolic link keeps pointing at it), and
    from the check that nobody has it open until the new file is in place no cbt can open it
    (see journal.presence): nothing is written to the old file once it is being copied."""
    from ..paths import sqlite_out_of_room
    from .presence import rewriting

    real = path.resolve()
    with rewriting(real):
        refuse_if_open(real, locked=True)
        refuse_other_names(real)
        try:
            copy_under_new_key(real, old, new)
        except database_errors() as exc:
            if sqlite_out_of_room(exc, real):
                raise JournalError(
                    f"The disk is full, so the journal {path} was left as it was; free some "
                    "space (as much as the journal takes), then try again."
                ) from None
            raise JournalError(
                f"The journal {path} could not be rewritten ({exc}); it was left as it was."
            ) from None


def refuse_other_names(path: Path) -> None:
    """A file with a second name (a hard link) would keep its old bytes there, readable."""
    if path.exists() and path.stat().st_nlink > 1:
        raise JournalError(
            f"The journal {path} has another name too (a hard link), where its old bytes "
            "would stay readable; remove the other name, then try again."
        )


def copy_under_new_key(path: Path, old: str | None, new: str | None) -> None:
    from .. import paths

    temporary = rewriting_path(path)
    wipe_leftover(path)  # a copy an interrupted rewrite left
    paths.create_private_file(temporary)
    log = None
    try:
        source = connect(str(path), old, False, 5.0)
        try:
            # The log's bytes are overwritten once SQLite deletes it (as the last connection
            # closes): a checkpoint that truncates it would free them unwritten.
            log = open_log(path)
            source.execute("PRAGMA wal_checkpoint(FULL)")
            source.execute("ATTACH DATABASE ? AS target KEY ?", [str(temporary), new or ""])
            source.execute("SELECT sqlcipher_export('target')")
            for pragma in ("user_version", "application_id"):
                value = source.execute(f"PRAGMA main.{pragma}").fetchone()[0]
                source.execute(f"PRAGMA target.{pragma} = {int(value)}")
            source.execute("DETACH DATABASE target")
            expected = source.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            source.close()
        # Everything the log held is in the journal's own file now.
        log_wiped = log is not None and overwrite_if_unlinked(log)
        stop_point("exported")
        verify(temporary, new, expected)
        sync(temporary)
        old_file = os.open(path, os.O_RDWR)
        try:
            stop_point("before-replace")
            os.replace(temporary, path)
            sync_folder(path.parent)
            stop_point("replaced")
            overwrite_if_unlinked(old_file)
            for leftover in ("-wal", "-shm"):
                path.with_name(path.name + leftover).unlink(missing_ok=True)
            if log is not None and not log_wiped:
                overwrite_if_unlinked(log)
            stop_point("overwritten")  # tests read the old files' bytes here
        finally:
            os.close(old_file)
    except BaseException:
        wipe_leftover(path)  # the new copy, plain after a `cbt decrypt`
        raise
    finally:
        if log is not None:
            os.close(log)


def verify(path: Path, key: str | None, tables: int) -> None:
    conn = connect(str(path), key, False, 5.0)
    try:
        found = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        cipher = conn.execute("PRAGMA cipher_integrity_check").fetchall() if key else []
    finally:
        conn.close()
    if found != tables or result != "ok" or cipher or looks_encrypted(path) != bool(key):
        raise JournalError(
            f"The new copy of {path.name} did not check out, so the journal was left as it was."
        )


# SQLCipher 4's default settings (zetetic.net, "SQLCipher 4.0.0 Release", 2018), as `PRAGMA
# cipher_settings` words them. cbt never sets any of them, so a journal that opens was written
# with exactly these: a file with other settings does not open at all.
SQLCIPHER_4_DEFAULTS = {
    "kdf_iter": "256000",
    "cipher_page_size": "4096",
    "cipher_use_hmac": "1",
    "cipher_plaintext_header_size": "0",
    "cipher_hmac_algorithm": "HMAC_SHA512",
    "cipher_kdf_algorithm": "PBKDF2_HMAC_SHA512",
}


def settings_check(conn: Any, encrypted: bool) -> tuple[bool, str]:
    """What `cbt doctor` says about encryption: on, with the settings the journal opened with
    (SQLCipher 4's defaults, unless this SQLCipher's own defaults differ), and every page's
    HMAC sound; or off."""
    if not encrypted:
        return True, "off (`cbt encrypt` turns it on)"
    version = conn.execute("PRAGMA cipher_version").fetchone()[0]
    opened_with = {}
    for row in conn.execute("PRAGMA cipher_settings").fetchall():
        name, _, value = str(row[0]).removeprefix("PRAGMA ").rstrip(";").partition(" = ")
        opened_with[name] = value
    failures = conn.execute("PRAGMA cipher_integrity_check").fetchall()
    if failures:
        return False, f"{len(failures)} page(s) fail SQLCipher's check: {failures[0][0]}"
    differ = [
        f"{name} {opened_with.get(name)}"
        for name, value in SQLCIPHER_4_DEFAULTS.items()
        if opened_with.get(name) != value
    ]
    if differ:
        return False, "it opened with settings other than SQLCipher 4's: " + ", ".join(differ)
    return True, (
        f"on (SQLCipher {version}); it opened with SQLCipher 4's default settings: AES-256, "
        "a key derived by PBKDF2-HMAC-SHA512 over 256,000 rounds, and an HMAC-SHA512 on "
        "every 4,096-byte page, each of which checks out"
    )
