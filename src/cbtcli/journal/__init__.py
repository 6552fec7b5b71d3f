"""The private local journal."""

from .records import AWAITING, COMPLETE, DRAFT, Entry, Mood
from .store import EntryFilter, Journal, open_journal

__all__ = [
    "AWAITING",
    "COMPLETE",
    "DRAFT",
    "Entry",
    "EntryFilter",
    "Journal",
    "Mood",
    "open_journal",
]
