"""Files sealed with age (https://age-encryption.org, through the `pyrage` package): exports
encrypted to someone's public key, and age-encrypted exports opened again for `cbt import`.

The plain text is never written to disk, not even to a temporary file, and is never held
whole in memory: an export streams through a pipe into age's encryption, running beside it,
and an export encrypted to a key streams out of age's decryption into the importer's reader
the same way. (age's passphrase mode has no streaming form in pyrage: such a file is
decrypted in memory.)"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import threading
from collections.abc import Callable, Iterator
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


def is_sealed(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            start = handle.read(len(ARMOR_HEADER))
    except OSError:
        return False
    return start.startswith(BINARY_HEADER) or start == ARMOR_HEADER


def needs_identity(path: Path) -> bool:
    """An age file encrypted to a public key (not with a passphrase): it opens only with the
    file holding the secret key."""
    if not is_sealed(path):
        return False
    with path.open("rb") as handle:
        return b"\n-> scrypt " not in handle.read(200)


def opener(path: Path, identity: Path | None) -> Callable[[], io.IOBase]:
    """What opens the age-encrypted file at `path` as a stream of its plain bytes (as often
    as the importer reads it), with the secret keys in the `identity` file, or, for a file
    encrypted with a passphrase, that passphrase. A wrong key is found here, before any
    reading."""
    import pyrage

    if identity is not None:
        keys = identities(identity)
        with unsealed(path, keys) as first:
            first.read(1)  # age checks the key against the file's header first
        return lambda: unsealed(path, keys)
    with path.open("rb") as handle:
        start = handle.read(200)
    if b"\n-> scrypt " not in start:
        raise UsageError(
            f"{path} is encrypted with age; give the file with your secret key with ",
            OptionName("identity"),
            ".",
        )
    try:
        plain = bytes(pyrage.passphrase.decrypt(path.read_bytes(), age_passphrase(path)))
    except pyrage.DecryptError:
        raise undecryptable(path, "passphrase") from None
    return lambda: io.BytesIO(plain)


def undecryptable(path: Path, what: str) -> CbtError:
    return CbtError(f"{path} could not be decrypted with that {what}; nothing was imported.")


def unsealed(path: Path, keys: list[Any]) -> io.RawIOBase:
    """The plain bytes of the file at `path`, decrypted with `keys` as they are read."""
    import pyrage

    def decrypt(sink: IO[bytes]) -> None:
        with path.open("rb") as source:
            pyrage.decrypt_io(source, sink, keys)

    def failed(part_way: bool) -> CbtError:
        if part_way:
            return CbtError(f"{path} is damaged part way through; nothing was imported.")
        return undecryptable(path, "identity")

    return Piped(decrypt, failed)


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


class Piped(io.RawIOBase):
    """A stream of what `produce` writes to the sink it is given, produced beside the reader
    through a pipe (in the kernel's memory, a few pages at a time). At the end of the stream,
    a failure of `produce` is raised as `failed` says (told whether anything came first)."""

    def __init__(
        self, produce: Callable[[IO[bytes]], None], failed: Callable[[bool], Exception]
    ) -> None:
        super().__init__()
        self.part_way = False
        read_end, write_end = os.pipe()
        self.source = open(read_end, "rb", buffering=0)  # noqa: SIM115 (closed with this)
        self.failure: BaseException | None = None
        self.failed = failed

        def run() -> None:
            try:
                with open(write_end, "wb") as sink:
                    produce(sink)
            except BaseException as exc:  # the reader sees it at the end of the stream
                self.failure = exc

        self.worker = threading.Thread(target=run, daemon=True)
        self.worker.start()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        count = self.source.readinto(buffer) or 0
        if not count and len(buffer):  # the end (a read of nothing is not)
            self.worker.join()
            if self.failure is not None:
                raise self.failed(self.part_way)
        self.part_way = self.part_way or count > 0
        return count

    def close(self) -> None:
        if not self.closed:
            self.source.close()  # a producer still writing stops (a broken pipe)
            self.worker.join()
        super().close()


class Reporting:
    """`out`, keeping its own error (age wraps it into one of its own)."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.error: OSError | None = None

    def write(self, data: bytes) -> int:
        try:
            return self.out.write(data)
        except OSError as exc:
            self.error = exc
            raise

    def flush(self) -> None:
        self.out.flush()


@contextlib.contextmanager
def sealing(out: IO[bytes], to: list[Any], binary: bool) -> Iterator[IO[Any]]:
    """A stream to write an export to (bytes or text), encrypted to the recipients `to` as it
    is written, into `out`: age's encryption reads it from a pipe, beside the writer."""
    import pyrage

    read_end, write_end = os.pipe()
    failure: list[BaseException] = []
    target = Reporting(out)

    def encrypt() -> None:
        try:
            with open(read_end, "rb") as plain:
                pyrage.encrypt_io(plain, target, to)
        except BaseException as exc:  # raised below, once the writer is done
            failure.append(target.error or exc)  # a full disk, a closed pipe: as they are

    worker = threading.Thread(target=encrypt, daemon=True)
    worker.start()
    sink = open(write_end, "wb")  # noqa: SIM115 (closed below, whatever happens)
    try:
        if binary:
            yield sink
        else:
            text = io.TextIOWrapper(sink, encoding="utf-8", newline="")
            yield text
            text.flush()
            text.detach()
    except BrokenPipeError:
        pass  # the encryption stopped: its own failure is raised below
    finally:
        sink.close()  # the end of the export: age writes its last chunk
        worker.join()
    if failure:
        exc = failure[0]
        if isinstance(exc, OSError):
            raise exc
        raise CbtError(f"The export could not be encrypted ({exc}).") from None
