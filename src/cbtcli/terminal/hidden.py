"""Secrets typed in a terminal, never shown: a journal's passphrase, a PDF's password."""

from __future__ import annotations

import os
import sys

from ..errors import CbtError, Interrupted


def typed(prompt: str) -> str:
    """One hidden line (empty if nothing was typed); Ctrl-C or end of input stops cleanly."""
    import getpass

    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        raise Interrupted("Stopped; nothing was changed.") from None


def typed_twice(what: str, prompt: str = "") -> str:
    """A new secret (a passphrase, a password) typed twice, so that a slip of the finger
    cannot lock the person out."""
    first = typed(prompt or f"New {what}: ")
    if not first:
        raise CbtError(f"An empty {what} would not protect anything; nothing was changed.")
    if typed(f"The same {what} again: ") != first:
        raise CbtError(f"The two {what}s differ; nothing was changed.")
    return first


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
