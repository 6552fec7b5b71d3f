"""Remembering an encrypted journal's key on this computer, when its owner asks.

What is kept, in the system keyring (the `keyring` package: the Secret Service, KWallet, the
macOS Keychain or Windows' Credential Locker), is SQLCipher's raw key with its salt, never the
passphrase: opening then skips the key derivation, and the passphrase itself is not stored
anywhere. A small private file beside the journal (`journal.db-remembered`) says a key was
remembered, so cbt never wakes the keyring for a journal whose owner did not ask, and names
the keyring backend that kept it (`keyring.backends.SecretService.Keyring`, say).

Opening then asks that backend directly: finding one the `keyring` way means importing every
backend installed and probing each (D-Bus and all), which costs as much as the key derivation
the remembered key skips. Only when that backend fails, or is no longer there, is the keyring
asked the usual way."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from ..errors import JournalError

SERVICE = "cbt journal key"
# SQLCipher 4's defaults, which cbt keeps: PBKDF2-HMAC-SHA512, 256,000 rounds, a 32-byte key.
KDF_ROUNDS = 256000
KEY_BYTES = 32
SALT_BYTES = 16
RAW_KEY = re.compile(r"x'[0-9a-f]{96}'")
BACKEND_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+")


def marker(path: Path) -> Path:
    return path.with_name(path.name + "-remembered")


def account(path: Path) -> str:
    return str(path.resolve())


def raw_key(path: Path, key: str) -> str:
    """SQLCipher's raw key for the journal at `path` (opened with `key`), with the journal's
    salt, written as SQLCipher reads it: x'<64 hex digits of key><32 of salt>'."""
    if RAW_KEY.fullmatch(key):
        return key
    import hashlib

    with path.open("rb") as handle:
        salt = handle.read(SALT_BYTES)
    derived = hashlib.pbkdf2_hmac("sha512", key.encode("utf-8"), salt, KDF_ROUNDS, KEY_BYTES)
    return f"x'{derived.hex()}{salt.hex()}'"


NO_KEYRING = (
    "This computer has no keyring cbt can use (such as GNOME Keyring, KWallet or the macOS "
    "Keychain), so cbt will go on asking for the passphrase."
)
# keyring's stand-in that fails every call, the one that does nothing, and keyrings.alt's,
# which keep secrets in a plain file: a key there would undo the encryption.
NOT_A_KEYRING = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


def has_keyring() -> bool:
    """Whether this computer has a keyring cbt will keep a key in."""
    import keyring

    backend: Any = keyring.get_keyring()
    chained = getattr(backend, "backends", None)
    if chained is not None:  # keyring's ChainerBackend: the first of them keeps it
        backend = chained[0] if chained else None
    return backend is not None and not type(backend).__module__.startswith(NOT_A_KEYRING)


def remember(path: Path, key: str) -> None:
    """Keep the journal's raw key in the system keyring; one sentence if there is none."""
    import keyring
    from keyring.errors import KeyringError

    from .. import paths

    if not has_keyring():
        raise JournalError(NO_KEYRING)
    raw = raw_key(path, key)
    try:
        keyring.set_password(SERVICE, account(path), raw)
    except KeyringError:
        raise JournalError(
            "This computer's keyring did not take the key (it may be locked), so cbt will go "
            "on asking for the passphrase."
        ) from None
    paths.write_private_text(marker(path), keeper(raw_key_holder(path, raw)) + "\n")


def recall(path: Path) -> str | None:
    """The remembered raw key of the journal at `path`, if its owner asked cbt to remember it
    and the keyring still has it."""
    backend = recorded_backend(path)
    if backend is None:
        return None
    found = ask(lambda: direct(backend).get_password(SERVICE, account(path))) if backend else None
    if found is None:
        import keyring

        found = ask(lambda: keyring.get_password(SERVICE, account(path)))
    return found


def ask(lookup: Any) -> str | None:
    """A raw key from `lookup`, or None whatever went wrong: no keyring now (a session without
    one, say) means the passphrase is asked."""
    try:
        found = lookup()
    except Exception:  # a backend's own errors (D-Bus's, say) are not all KeyringError
        return None
    return found if isinstance(found, str) and RAW_KEY.fullmatch(found) else None


def recorded_backend(path: Path) -> str | None:
    """The backend the marker names; "" when it names none cbt will load (a marker from an
    older cbt, or one anybody but its owner could have written); None with no marker."""
    try:
        with marker(path).open(encoding="utf-8") as handle:
            info = os.fstat(handle.fileno())
            text = handle.read(200).strip()
    except OSError:
        return None
    if info.st_uid != os.geteuid() or info.st_mode & 0o022:
        return ""  # the name is imported as code: only the owner's own word is taken
    return text if BACKEND_NAME.fullmatch(text) else ""


# What importing `keyring` pulls in that reading one key never uses: jaraco.context's
# download helper (urllib.request, and with it ssl, sockets, http and email) and its temporary
# files, the `importlib_metadata` backport for finding plugins, the tarfile backport,
# more_itertools (for jaraco.functools' helpers) and configparser (for keyring's own settings,
# read only when it searches for a backend). Most of the cost of opening with a remembered key;
# each still loads, whole, the first time anything of it is used.
UNUSED_WHEN_READING = (
    "urllib.request",
    "importlib_metadata",
    "backports.tarfile",
    "more_itertools",
    "configparser",
    "tempfile",
)


def direct(name: str) -> Any:
    """The keyring backend `name` (module.Class), loaded alone."""
    import importlib

    module, _, cls = name.rpartition(".")
    for unused in UNUSED_WHEN_READING:
        defer_import(unused)
    return getattr(importlib.import_module(module), cls)()


def defer_import(name: str) -> None:
    """Stand in for module `name` until something uses it: `import name` then costs nothing,
    and the first attribute looked up imports the real module, which takes its place."""
    import importlib.util
    import sys
    import types

    if name in sys.modules:
        return

    class Deferred(types.ModuleType):
        def __getattr__(self, attribute: str) -> Any:
            if sys.modules.get(name) is self:
                del sys.modules[name]
            return getattr(importlib.import_module(name), attribute)

    parent, _, child = name.rpartition(".")
    try:
        if importlib.util.find_spec(name) is None:
            return  # not installed: let the backend's own import say so
    except (ImportError, ValueError):
        return
    stand_in = Deferred(name)
    sys.modules[name] = stand_in
    if parent and parent in sys.modules:
        setattr(sys.modules[parent], child, stand_in)  # `import a.b` then `a.b.x` works too


def keeper(backend: Any) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def raw_key_holder(path: Path, raw: str) -> Any:
    """The backend that now holds the key: the keyring's own, or, when that chains several
    (keyring's ChainerBackend), the first of them that has it."""
    import keyring

    backend = keyring.get_keyring()
    for each in getattr(backend, "backends", None) or []:
        if ask(lambda each=each: each.get_password(SERVICE, account(path))) == raw:
            return each
    return backend


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
    except KeyringError:
        if was:
            raise JournalError(
                "cbt no longer uses the remembered key, but this computer's keyring could not "
                "be reached to take it out; try again once it can."
            ) from None
    return was
