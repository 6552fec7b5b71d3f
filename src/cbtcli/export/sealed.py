"""Files sealed with age (https://age-encryption.org, through the `pyrage` package): exports
encrypted to someone's public key, and age-encrypted exports opened again for `cbt import`.

The plain text is only ever in memory: it is encrypted before anything is written, and
decrypted from the file into memory for import."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import CbtError, OptionName, UsageError

BINARY_HEADER = b"age-encryption.org/v1\n"
ARMOR_HEADER = b"-----BEGIN AGE ENCRYPTED FILE-----"


def recipients(given: tuple[str, ...]) -> list[Any]:
    """age public keys (age1...) or SSH public keys (ssh-ed25519 ..., ssh-rsa ...)."""
    import pyrage

    found = []
    for text in given:
        try:
            if text.startswith("ssh-"):
                found.append(pyrage.ssh.Recipient.from_str(text))
            else:
                found.append(pyrage.x25519.Recipient.from_str(text))
        except pyrage.RecipientError:
            raise UsageError(
                f"'{text[:80]}' is not an age public key (age1...) or an SSH public key "
                "(ssh-ed25519 ...)."
            ) from None
    return found


def seal(data: bytes, to: list[Any]) -> bytes:
    import pyrage

    return bytes(pyrage.encrypt(data, to))


def is_sealed(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            start = handle.read(len(ARMOR_HEADER))
    except OSError:
        return False
    return start.startswith(BINARY_HEADER) or start == ARMOR_HEADER


def opened(path: Path, identity: Path | None) -> bytes:
    """The plain bytes of the age-encrypted file at `path`, with the secret keys in the
    `identity` file, or, for a file encrypted with a passphrase, that passphrase."""
    import pyrage

    sealed = path.read_bytes()
    try:
        if identity is not None:
            return bytes(pyrage.decrypt(sealed, identities(identity)))
        if b"\n-> scrypt " in sealed[:200]:
            return bytes(pyrage.passphrase.decrypt(sealed, age_passphrase(path)))
    except pyrage.DecryptError:
        raise CbtError(
            f"{path} could not be decrypted with that "
            f"{'identity' if identity else 'passphrase'}; nothing was imported."
        ) from None
    raise UsageError(
        f"{path} is encrypted with age; give the file with your secret key with ",
        OptionName("identity"),
        ".",
    )


def identities(path: Path) -> list[Any]:
    """The secret keys in an age identity file (AGE-SECRET-KEY-1... lines, # comments) or an
    unencrypted SSH private key."""
    import pyrage

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CbtError(f"The identity file {path} cannot be read ({exc.strerror}).") from None
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            return [pyrage.ssh.Identity.from_buffer(data)]
        keys = [
            pyrage.x25519.Identity.from_str(line.strip())
            for line in data.decode("utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")
        ]
    except (pyrage.IdentityError, UnicodeDecodeError, ValueError):
        keys = []
    if not keys:
        raise CbtError(f"{path} holds no age secret key (AGE-SECRET-KEY-1...).")
    return keys


def age_passphrase(path: Path) -> str:
    given = os.environ.get("CBT_AGE_PASSPHRASE")
    if given:
        return given
    if sys.stdin.isatty():
        from ..terminal.hidden import typed

        return typed(f"Passphrase for {path.name}: ")
    raise CbtError(
        f"{path} is encrypted with a passphrase; type it in a terminal, or give it in "
        "CBT_AGE_PASSPHRASE."
    )


@contextlib.contextmanager
def sealing(out: IO[bytes], to: list[Any], binary: bool) -> Iterator[IO[Any]]:
    """A stream to write an export to (bytes or text), kept in memory and written to `out`
    encrypted to the recipients `to` once it is complete."""
    buffer = io.BytesIO()
    if binary:
        yield buffer
    else:
        text = io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=True)
        yield text
        text.flush()
        text.detach()
    out.write(seal(buffer.getvalue(), to))
