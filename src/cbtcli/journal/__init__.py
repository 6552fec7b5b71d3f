"""The private local journal."""

from .filters import EntryFilter
from .records import AWAITING, COMPLETE, DRAFT, Entry, Mood
from .store import Journal, open_journal

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
