"""CSV for spreadsheets: one row per entry, a column per step (lists joined with '; ').
With a folder, mood check-ins and every rating get files of their own."""

from __future__ import annotations

import csv
import json
from typing import IO, Any

from ..terminal.console import all_for_terminal, for_terminal
from .selection import Selection

ENTRY_COLUMNS = [
    "id",
    "exercise",
    "title",
    "status",
    "started_at",
    "completed_at",
    "flagged",
    "safety_notes",
]


# A cell starting with one of these is read as a formula by spreadsheets (OWASP's advice:
# a leading apostrophe makes it text).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """One value as a safe cell: formulas neutralised, control characters shown."""
    return for_terminal(unformula(raw_cell(value)))


def unformula(text: str) -> str:
    """A text a spreadsheet reads as text, never as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def raw_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        if all(isinstance(v, int) and not isinstance(v, bool) for v in value.values()):
            return "; ".join(f"{k} {v}" for k, v in value.items())
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def step_columns(selection: Selection) -> list[str]:
    """Every step of the exercises exported, in exercise order; answers keep theirs."""
    from ..journal.selection import exercise_ids

    columns: list[str] = []
    for exercise_id in exercise_ids(selection.journal, selection.where):
        exercise = selection.catalog.get_or_none(exercise_id)
        if exercise is None:
            continue
        for step in exercise.steps:
            if (
                step.has_answer
                and step.id not in columns
                and (selection.include_private or not step.private)
            ):
                columns.append(step.id)
    return columns


def write_entries(selection: Selection, out: IO[str]) -> int:
    columns = step_columns(selection)
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow([*ENTRY_COLUMNS, *columns, "other"])
    position = {column: number for number, column in enumerate(columns)}
    count = 0
    for entry in selection.entries():
        cells = [""] * len(columns)  # most entries answer a few of the many columns
        other: dict[str, Any] = {}  # answers to steps their exercise no longer has, as JSON
        for step_id, value in selection.answers(entry).items():
            number = position.get(step_id)
            if number is None:
                other[step_id] = value
            else:
                cells[number] = unformula(raw_cell(value))
        row = [
            entry.id,
            entry.exercise_id,
            unformula(entry.exercise_title),
            entry.status,
            entry.started.isoformat(),
            entry.completed.isoformat() if entry.completed else "",
            "yes" if entry.flagged else "no",
            unformula(raw_cell([alert.get("reason", "") for alert in entry.alerts])),
            *cells,
            unformula(json.dumps(other, ensure_ascii=False)) if other else "",
        ]
        writer.writerow(all_for_terminal(row))  # every cell as cell() makes it
        count += 1
    return count


def write_moods(selection: Selection, out: IO[str]) -> None:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["id", "recorded_at", "score", "emotions", "note"])
    for mood in selection.moods():
        writer.writerow(
            [mood.id, mood.recorded.isoformat(), mood.score, cell(mood.emotions), mood.note]
        )


def write_measures(selection: Selection, out: IO[str]) -> None:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["entry_id", "measure", "date", "total", "band"])
    for measure in selection.measures():
        for score in measure.scores:
            writer.writerow(
                [score.entry_id, measure.id, score.day.isoformat(), score.total, score.band]
            )


def write_ratings(selection: Selection, out: IO[str]) -> None:
    from ..journal.ratings import rating_rows

    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["entry_id", "exercise", "step", "item", "value", "day"])
    for entry in selection.entries():
        for step, item, value, _main in rating_rows(selection.answers(entry)):
            writer.writerow([entry.id, entry.exercise_id, step, item, value, entry.day])
