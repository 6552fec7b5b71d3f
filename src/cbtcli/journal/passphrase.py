"""Where an encrypted journal's passphrase comes from, and how a person is asked for one.

In order: CBT_PASSPHRASE_COMMAND (the first line the command prints, as `pass show` prints the
password there), CBT_PASSPHRASE (for scripts), the key remembered on this computer (opening
only: see open_encrypted; never for removing or changing the passphrase), else a hidden
prompt in a terminal, where a slip of the finger is asked again, up to 3 tries. A passphrase
from the command or the environment is used once: a script's wrong passphrase is not retried.
A new passphrase has at least MIN_PASSPHRASE characters, and comes with a plain word on
keeping it safe."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ..errors import JournalError, Locked, UsageError
from .cipher import WRONG_PASSPHRASE, WRONG_TRY, connect, looks_encrypted

T = TypeVar("T")


def open_encrypted(target: str, path: Path, uri: bool, timeout: float) -> tuple[Any, str]:
    """A connection to the encrypted journal at `path`, and the key that opened it."""
    if not from_environment():
        from .remembered import recall

        remembered = recall(path)
        if remembered is not None:
            try:
                return connect(target, remembered, uri, timeout), remembered
            except JournalError:
                pass  # the journal changed since (restored under another passphrase): ask
    return with_passphrase(path, lambda key: connect(target, key, uri, timeout))


def owners_passphrase(path: Path) -> str:
    """The passphrase of the encrypted journal at `path`, checked to open it, from its owner
    alone (the command, the environment or the prompt), never the key remembered on this
    computer: removing or changing the passphrase needs the passphrase, whoever is at the
    keyboard."""
    return with_passphrase(path, lambda key: connect(str(path), key, False, 5.0).close())[1]


def opens_unasked(path: Path) -> bool:
    """Whether the journal at `path` opens at once, asking nobody: it is plain (or not there
    yet), its passphrase is in CBT_PASSPHRASE, or its key is remembered. CBT_PASSPHRASE_COMMAND
    does not count: the command may itself ask (a password manager's unlock prompt, say)."""
    if not looks_encrypted(path):
        return True
    if os.environ.get("CBT_PASSPHRASE_COMMAND", "").strip():
        return False
    if os.environ.get("CBT_PASSPHRASE"):
        return True
    from .remembered import recall

    return recall(path) is not None


def from_environment() -> bool:
    return bool(os.environ.get("CBT_PASSPHRASE_COMMAND", "").strip()) or bool(
        os.environ.get("CBT_PASSPHRASE")
    )


def given_passphrase() -> str | None:
    """The passphrase from CBT_PASSPHRASE_COMMAND, else CBT_PASSPHRASE; None with neither."""
    command = os.environ.get("CBT_PASSPHRASE_COMMAND", "").strip()
    if command:
        return passphrase_from_command(command)
    return os.environ.get("CBT_PASSPHRASE") or None


def with_passphrase(path: Path, use: Callable[[str], T]) -> tuple[T, str]:
    """What `use` makes of the journal's passphrase (opening it, say), and the passphrase:
    from the command or the environment (used once: a script's wrong passphrase is not worth
    retrying), else typed hidden in a terminal, where a slip is asked again, up to 3 tries."""
    given = given_passphrase()
    if given is not None:
        return use(given), given
    if not sys.stdin.isatty():
        raise Locked(
            f"The journal {path} is encrypted and no passphrase was given; run cbt in a "
            "terminal, or set CBT_PASSPHRASE_COMMAND."
        )
    from ..terminal.hidden import typed, until_accepted

    def accept(key: str) -> tuple[T, str]:
        if not key:
            raise Locked("No passphrase was typed.")
        return use(key), key

    return until_accepted(
        lambda: typed(f"Passphrase to open {path.name}: "),
        accept,
        again=lambda exc: WRONG_TRY if str(exc) == WRONG_PASSPHRASE else str(exc),
    )


def passphrase_from_command(command: str) -> str:
    """The first line the command prints, as `pass show` prints the password on its first
    line and any notes after it (`pass -c` copies that line alone); only the line ending is
    taken off, so spaces inside or around a passphrase are kept."""
    try:
        done = subprocess.run(shlex.split(command), capture_output=True, text=True, check=False)
    except (OSError, ValueError) as exc:
        raise JournalError(f"CBT_PASSPHRASE_COMMAND could not be run ({exc}).") from None
    found = done.stdout.split("\n", 1)[0].removesuffix("\r")
    if done.returncode != 0 or not found:
        raise JournalError(
            f"CBT_PASSPHRASE_COMMAND gave no passphrase (it exited with {done.returncode})."
        )
    return found


def new_passphrase(path: Path, replacing: bool = False) -> str:
    """A new passphrase: from the environment (CBT_NEW_PASSPHRASE when `replacing` an old one,
    else as for opening; taken as it is, without a second copy to compare, as scripts give
    it), or typed twice, hidden. Fewer than MIN_PASSPHRASE characters are refused."""
    given = os.environ.get("CBT_NEW_PASSPHRASE") if replacing else given_passphrase()
    if given:
        check_new_passphrase(given)
        return given
    if not sys.stdin.isatty():
        where = "CBT_NEW_PASSPHRASE" if replacing else "CBT_PASSPHRASE_COMMAND"
        raise JournalError(f"A new passphrase is typed in a terminal, or given in {where}.")
    from ..terminal.hidden import typed_twice

    return typed_twice("passphrase", check=check_new_passphrase, before=KEEP_IT_SAFE)


MIN_PASSPHRASE = 8
KEEP_IT_SAFE = (
    "Take your time choosing it: without this passphrase the journal cannot be opened or "
    "recovered, by you or anyone else, so write it down somewhere safe or keep it in a "
    "password manager."
)


def check_new_passphrase(given: str) -> None:
    if len(given) < MIN_PASSPHRASE:
        raise UsageError(
            f"A passphrase needs at least {MIN_PASSPHRASE} characters (a few words are easier "
            "to remember and harder to guess)."
        )
