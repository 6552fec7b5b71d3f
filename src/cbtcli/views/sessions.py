"""Session notes and the prep page as plain lines of text, for the terminal and every file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..wording import counted

if TYPE_CHECKING:
    from ..guide.sessions import Homework, Session


def homework_words(homework: Homework) -> str:
    parts = [f"{exercise} {n}/week" for exercise, n in homework.goals.items()]
    parts += homework.tasks
    return "; ".join(parts) if parts else "none"


def check_words(session: Session) -> str:
    """'heard 8, what I wanted 7, fit 8, overall 8' (a 0-10 check of how the session felt)."""
    names = {
        "heard": "heard",
        "my_topics": "what I wanted",
        "approach": "fit",
        "overall": "overall",
    }
    values = [
        f"{name} {session.check[step]}"
        for step, name in names.items()
        if session.check.get(step) is not None
    ]
    return ", ".join(values)


def sessions_lines(found: list[Session]) -> list[str]:
    lines = []
    for session in found:
        day = session.day.isoformat() if session.day else "date not given"
        worked = " ".join(str(session.entry.answers.get("worked_on") or "").split())
        lines.append(f"{day}  {worked}" if worked else day)
        lines.append(f"  Homework: {homework_words(session.homework)}")
        remember = session.entry.answers.get("remember") or []
        if remember:
            lines.append("  To remember:")
            lines += [f"    - {item}" for item in remember]
        check = check_words(session)
        if check:
            lines.append(f"  How it felt (0-10): {check}")
        if session.next_day:
            lines.append(f"  Next session: {session.next_day.isoformat()}")
    lines.append(f"{counted(len(found), 'sessions')}. `cbt prep` makes a page for the next one.")
    return lines
