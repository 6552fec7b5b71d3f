"""Counts in plain English: '1 entry', '3 entries'."""

from __future__ import annotations


def counted(n: int, plural: str) -> str:
    """`n` and the noun, singular for one: 'entries' -> 'entry', 'days' -> 'day'."""
    if n == 1:
        return f"1 {plural[:-3] + 'y' if plural.endswith('ies') else plural.removesuffix('s')}"
    return f"{n} {plural}"
