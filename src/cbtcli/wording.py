"""Words cbt says the same way everywhere: what cbt is (help pages, the home screen, the
manual page, every export), and counts in plain English: '1 entry', '3 entries'."""

from __future__ import annotations

from datetime import date

DISCLAIMER = (
    "cbt is a self-help tool. It is not a substitute for professional care and it is not "
    "for emergencies: if you are in danger or thinking of harming yourself, run `cbt help-now`."
)
EXPORT_FOOTER = "Made with cbt, a self-help tool: not a substitute for professional care."


def counted(n: int, plural: str) -> str:
    """`n` and the noun, singular for one: 'entries' -> 'entry', 'days' -> 'day'."""
    if n == 1:
        return f"1 {plural[:-3] + 'y' if plural.endswith('ies') else plural.removesuffix('s')}"
    return f"{n} {plural}"


def risk_noted(count: int) -> str:
    """After an import: how many records held words about suicide or self-harm."""
    return (
        f"{counted(count, 'records')} {'has' if count == 1 else 'have'} words that can be about "
        "suicide or self-harm; the entries note it. If that is where you are now, "
        "`cbt help-now` shows where help is."
    )


def short_day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"
