"""Remembering an encrypted journal's key on this computer, when its owner asks.

What is kept, in the system keyring (the `keyring` package: the Secret Service, KWallet, the
macOS Keychain or Windows' Credential Locker), is SQLCipher's raw key with its salt, never the
passphrase: opening then skips the key derivation, and the passphrase itself is not stored
anywhere. A small file beside the journal (`journal.db-remembered`, empty) says a key was
remembered, so cbt never wakes the keyring for a journal whose owner did not ask."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..errors import JournalError

SERVICE = "cbt journal key"
# SQLCipher 4's defaults, which cbt keeps: PBKDF2-HMAC-SHA512, 256,000 rounds, a 32-byte key.
KDF_ROUNDS = 256000
KEY_BYTES = 32
SALT_BYTES = 16
RAW_KEY = re.compile(r"x'[0-9a-f]{96}'")


def marker(path: Path) -> Path:
    return path.with_name(path.name + "-remembered")


def account(path: Path) -> str:
    return str(path.resolve())


def raw_key(path: Path, key: str) -> str:
    """SQLCipher's raw key for the journal at `path` (opened with `key`), with the journal's
    salt, written as SQLCipher reads it: x'<64 hex digits of key><32 of salt>'."""
    if RAW_KEY.fullmatch(key):
        return key
    with path.open("rb") as handle:
        salt = handle.read(SALT_BYTES)
    derived = hashlib.pbkdf2_hmac("sha512", key.encode("utf-8"), salt, KDF_ROUNDS, KEY_BYTES)
    return f"x'{derived.hex()}{salt.hex()}'"


def remember(path: Path, key: str) -> None:
    """Keep the journal's raw key in the system keyring; one sentence if there is none."""
    import keyring
    from keyring.errors import KeyringError

    from .. import paths

    raw = raw_key(path, key)
    try:
        keyring.set_password(SERVICE, account(path), raw)
    except KeyringError as exc:
        raise JournalError(
            f"The key could not be kept in this computer's keyring ({exc}); cbt will go on "
            "asking for the passphrase."
        ) from None
    if not marker(path).exists():
        paths.create_private_file(marker(path))


def recall(path: Path) -> str | None:
    """The remembered raw key of the journal at `path`, if its owner asked cbt to remember it
    and the keyring still has it."""
    if not marker(path).exists():
        return None
    import keyring

    try:
        found = keyring.get_password(SERVICE, account(path))
    except Exception:  # a backend's own errors (D-Bus's, say) are not all KeyringError
        return None  # no keyring now (a session without one, say): the passphrase is asked
    return found if found and RAW_KEY.fullmatch(found) else None


def forget(path: Path) -> bool:
    """Take the journal's key out of the keyring; False if none was remembered."""
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    was = marker(path).exists()
    marker(path).unlink(missing_ok=True)  # cbt stops looking at once
    try:
        keyring.delete_password(SERVICE, account(path))
        was = True
    except PasswordDeleteError:
        pass  # nothing there
    except KeyringError as exc:
        if was:
            raise JournalError(
                f"The key could not be taken out of this computer's keyring ({exc})."
            ) from None
    return was
