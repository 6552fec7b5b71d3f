"""The other process of ahead.py: an export's summary (overview, patterns, check-ins), found
as the export would find it, from the journal opened only to read; the request comes on
standard input (the journal's key among it), the answer goes out as JSON."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any


def find(request: dict[str, Any]) -> dict[str, Any]:
    """What the other process does: the export's summary, as the export would find it here,
    from the journal opened only to read."""
    from ..definitions.catalog import load_catalog
    from ..journal.filters import EntryFilter
    from ..journal.store import open_journal
    from .selection import Selection

    path = Path(request["journal"])
    if not path.is_file():
        raise SystemExit(1)  # never make a journal where there was none
    journal = open_journal(path, for_writing=False, key=request["key"])
    try:
        where: dict[str, Any] = {
            key: tuple(value) if isinstance(value, list) else value
            for key, value in request["where"].items()
        }
        selection = Selection(
            journal,
            load_catalog(),
            EntryFilter(**where),
            request["include_private"],
            request["name"],
            date.fromisoformat(request["today"]),
            request["with_moods"],
        )
        rows, points = selection.found_overview()
        return {
            "overview": [rows, [(day.isoformat(), value) for day, value in points]],
            "patterns": selection.found_patterns(),
            "check_ins": [(when.isoformat(), words) for when, words in selection.found_check_ins()],
        }
    finally:
        journal.close()


def main() -> None:
    request = json.loads(sys.stdin.buffer.read())
    sys.stdout.write(json.dumps(find(request)))


if __name__ == "__main__":
    main()
