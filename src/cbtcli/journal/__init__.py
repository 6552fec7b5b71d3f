"""The private local journal."""

from ..clock import now_local  # kept importable here while callers move to cbtcli.clock
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
    "now_local",
    "open_journal",
]
