"""Secrets typed in a terminal, never shown: a journal's passphrase, a PDF's password."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TypeVar

from ..errors import CbtError, Interrupted

T = TypeVar("T")
TRIES = 3  # a slip of the finger is asked again; a third wrong one ends the command


def typed(prompt: str) -> str:
    """One hidden line (empty if nothing was typed); Ctrl-C or end of input stops cleanly."""
    import getpass

    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        raise Interrupted("Stopped; nothing was changed.") from None


def until_accepted(
    ask: Callable[[], str],
    accept: Callable[[str], T],
    tries: int = TRIES,
    again: Callable[[CbtError], str] = str,
) -> T:
    """What `accept` makes of a secret from `ask`, asked again while `accept` refuses it (with
    a CbtError's one sentence, or `again`'s shorter words for it) and tries are left; the last
    refusal is the command's error."""
    from ..wording import counted

    for left in range(tries - 1, -1, -1):
        given = ask()
        try:
            return accept(given)
        except Interrupted:
            raise
        except CbtError as exc:
            if not left:
                raise
            sys.stderr.write(f"{again(exc)} Try again ({counted(left, 'tries')} left).\n")
            sys.stderr.flush()
    raise AssertionError("unreachable: the last try returns or raises")


def typed_twice(
    what: str, prompt: str = "", check: Callable[[str], None] | None = None, before: str = ""
) -> str:
    """A new secret (a passphrase, a password) typed twice, so that a slip of the finger
    cannot lock the person out; `check` refuses one that is not good enough (too short, say)
    with one sentence. Either mistake is asked again, up to three times. `before` is said
    once, before the first question."""
    if before:
        sys.stderr.write(f"{before}\n")
        sys.stderr.flush()

    def accept(first: str) -> str:
        if not first:
            raise CbtError(f"An empty {what} would not protect anything.")
        if check is not None:
            check(first)
        if typed(f"The same {what} again: ") != first:
            raise CbtError(f"The two {what}s differ.")
        return first

    try:
        return until_accepted(lambda: typed(prompt or f"New {what}: "), accept)
    except Interrupted:
        raise
    except CbtError as exc:
        raise type(exc)(f"{str(exc).removesuffix('.')}; nothing was changed.") from None


def export_password() -> str:
    """The password for a protected export: CBT_EXPORT_PASSWORD (for scripts), else typed
    twice in a terminal."""
    given = os.environ.get("CBT_EXPORT_PASSWORD")
    if given:
        return given
    if not sys.stdin.isatty():
        raise CbtError(
            "A password for the export is typed in a terminal, or given in CBT_EXPORT_PASSWORD."
        )
    return typed_twice("password", "A password to open the export: ")
