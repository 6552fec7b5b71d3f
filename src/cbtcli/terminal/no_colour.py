"""Whether NO_COLOR asks for plain output, in a module light enough for the first prompt."""

from __future__ import annotations

import os


def no_colour_requested() -> bool:
    """NO_COLOR (no-color.org), set and not empty: no colour, and so no boxes or block
    charts either, whose shapes lean on colour and which screen readers read out as symbols."""
    return bool(os.environ.get("NO_COLOR"))
