"""JSON: the whole journal (or the chosen part), lossless and versioned, for `cbt import`.

Written entry by entry, so a journal of any size is exported in bounded memory."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from .. import __version__
from ..clock import now_local
from ..journal.assignments import exported_assignments
from ..journal.goals import goal_rows
from ..journal.ladders import all_ladders, practice_rows, step_rows
from ..journal.ratings import rating_rows
from .selection import Selection

FORMAT = "cbtcli-export"
# 2: entries carry the steps that were private when written, and their labels; questionnaire
# scoring travels too. Version 1 files are still read.
FORMAT_VERSION = 2


# One encoder for the whole file: json.dumps with options builds a new one on every call.
dump = json.JSONEncoder(ensure_ascii=False).encode


def write_array(items: Iterable[Any], out: IO[str]) -> None:
    """A JSON array written item by item, as `json.dumps(list, indent=2)` would print it, so
    a list of any length is printed in bounded memory."""
    first = True
    for item in items:
        body = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        out.write(("[\n  " if first else ",\n  ") + body)
        first = False
    out.write("[]\n" if first else "\n]\n")


def entry_json(entry: Any, answers: dict[str, Any]) -> dict[str, Any]:
    """An entry as the export holds it, with the answers it may share."""
    data = entry.to_json()
    data["phase"] = entry.phase
    data["cursor"] = entry.cursor
    data["answers"] = answers
    data["ratings"] = [
        {"step": step, "item": item, "value": value}
        for step, item, value, _ in rating_rows(data["answers"])
    ]
    return data


def ladders_json(selection: Selection) -> list[dict[str, Any]]:
    journal = selection.journal
    found = []
    for ladder in all_ladders(journal, include_archived=True):
        steps = step_rows(journal, ladder.id)
        practices = practice_rows(journal, ladder.id)
        found.append(
            {
                "id": ladder.id,
                "name": ladder.name,
                "entry_id": ladder.entry_id,
                "created_at": ladder.created_at,
                "archived": ladder.archived,
                "steps": [{**s, "removed": bool(s["removed"])} for s in steps],
                "practices": practices,
            }
        )
    return found


def write(selection: Selection, out: IO[str]) -> int:
    head = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "cbt_version": __version__,
        "exported_at": now_local().isoformat(timespec="seconds"),
        "name": selection.name,
        "period": {
            "since": selection.period.since.isoformat(),
            "until": selection.period.until.isoformat(),
        },
        "withheld": {"entries": selection.withheld_entries, "answers": selection.withheld_answers},
    }
    out.write("{\n")
    for key, value in head.items():
        out.write(f"  {dump(key)}: {dump(value)},\n")
    out.write('  "entries": [')
    exercises: dict[str, dict[str, Any]] = {}
    count = 0
    for entry in selection.entries():
        out.write(
            ("\n    " if not count else ",\n    ")
            + dump(entry_json(entry, selection.answers(entry)))
        )
        exercises.setdefault(
            entry.exercise_id,
            {
                "id": entry.exercise_id,
                "version": entry.exercise_version,
                "title": entry.exercise_title,
            },
        )
        count += 1
    out.write("\n  ],\n")
    moods = [mood.to_json() for mood in selection.moods()]
    goals = goal_rows(selection.journal)
    measures = [m.to_json() for m in selection.measures()]
    for key, value in (
        ("moods", moods),
        ("ladders", ladders_json(selection)),
        ("goals", goals),
        ("assignments", exported_assignments(selection.journal)),
        ("measures", measures),
        ("scoring", selection.journal.scorings()),
    ):
        out.write(f"  {dump(key)}: {dump(value)},\n")
    out.write(f'  "exercises": {dump(list(exercises.values()))}\n}}\n')
    return count
