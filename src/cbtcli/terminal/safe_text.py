"""The one function that makes stored text safe for a terminal, apart from rich so that text
can be printed before rich loads (console.py re-exports it for every console)."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, and C1 controls (0x9b starts a sequence, like ESC [).
CONTROL_CHARS = "\x00-\x08\x0b-\x1f\x7f-\x9f"  # a regex character range
CONTROLS = re.compile(f"[{CONTROL_CHARS}]")


def visible(char: str) -> str:
    code = ord(char)
    if code == 0x1B:
        return "␛"
    if code < 0x20:
        return "^" + chr(code + 64)  # ^C, ^M ...
    if code == 0x7F:
        return "^?"
    return f"<U+{code:04X}>"


def for_terminal(text: str) -> str:
    """Text from anywhere (an answer, an imported file, an exercise file), made safe to print:
    control characters other than newline and tab are shown, never obeyed, so no stored text
    can set a window title, write to the clipboard or clear the screen."""
    return CONTROLS.sub(lambda match: visible(match.group()), text)


def all_for_terminal(texts: list[str]) -> list[str]:
    """for_terminal of each text, with one look at them all first: most rows of an export
    hold no control character, and then the texts themselves are given back."""
    if CONTROLS.search("\n".join(texts)) is None:
        return texts
    return [for_terminal(text) for text in texts]
