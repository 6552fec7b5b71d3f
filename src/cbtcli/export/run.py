"""`cbt export`: choose the entries, then hand them to the writer for the format."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from ..clock import now_local
from ..config import display_name
from ..dates import day_range
from ..definitions.catalog import Catalog
from ..definitions.check_in import is_check_in
from ..errors import CbtError, OptionName, UsageError
from ..journal import Journal
from ..journal.filters import EntryFilter
from ..journal.records import FINISHED
from . import FORMATS, export_format, sealed
from .output import destination, path_problem, private_file
from .selection import Selection


@dataclass
class ExportRequest:
    format: str
    output: str | None = None
    since: str | None = None
    until: str | None = None
    exercises: tuple[str, ...] = ()
    flagged: bool = False
    include_private: bool = False
    force: bool = False
    name: str | None = None
    drafts: bool = False  # unfinished entries stay out unless asked for
    page_per_entry: bool = False  # PDF: each entry on a page of its own
    password: str | None = None  # PDF: encrypted (AES-256), opened only with this password
    encrypt_to: tuple[str, ...] = ()  # age recipients: the whole file encrypted to them


@dataclass
class ExportResult:
    where: str
    entries: int
    withheld: str
    notes: list[str] = field(default_factory=list)


def select(journal: Journal, catalog: Catalog, request: ExportRequest) -> Selection:
    if request.format not in FORMATS:
        raise UsageError(
            f"'{request.format}' is not an export format; use one of {', '.join(FORMATS)}."
        )
    today = now_local().date()
    start, end = day_range(request.since, request.until, today)
    for exercise_id in request.exercises:
        catalog.known(exercise_id)
    where = EntryFilter(
        since=start.isoformat() if start else None,
        until=end.isoformat() if end else None,
        exercises=entry_exercises(request.exercises),
        flagged=request.flagged,
        shareable=not request.include_private,
        statuses=() if request.drafts else FINISHED,
        newest_first=False,
    )
    return Selection(
        journal,
        catalog,
        where,
        request.include_private,
        request.name or display_name(),
        today,
        with_moods=not request.exercises or any(map(is_check_in, request.exercises)),
    )


def entry_exercises(chosen: tuple[str, ...]) -> tuple[str, ...]:
    """The exercises whose entries to export; asking for 'mood' alone exports no entries."""
    exercises = tuple(e for e in chosen if not is_check_in(e))
    if chosen and not exercises:
        return ("",)  # no exercise has an empty id: only the mood check-ins are exported
    return exercises


def run_export(journal: Journal, catalog: Catalog, request: ExportRequest) -> ExportResult:
    selection = select(journal, catalog, request)
    chosen = export_format(request.format)
    to = sealed.recipients(request.encrypt_to) if request.encrypt_to else []
    extension = chosen.extension + (".age" if to else "")
    default = unused_name(Path(f"cbt-export-{selection.today.isoformat()}.{extension}"))
    if (
        request.format == "csv"
        and request.output not in (None, "-")
        and (Path(request.output).is_dir() or request.output.endswith("/"))
    ):
        if to:
            raise UsageError(
                OptionName("encrypt_to"), " writes one file; give a file name, not a folder."
            )
        return csv_folder(selection, Path(request.output), request.force)
    output, renamed = age_name(request.output) if to else (request.output, "")
    binary = chosen.binary or bool(to)
    if binary and output == "-" and sys.stdout.isatty():
        what = "An encrypted export" if to else "A PDF"
        raise CbtError(f"{what} would fill the terminal with gibberish; give a file name with -o.")
    write = chosen.writer()
    selection.sealed = bool(to)
    # Sealed (when asked) as it closes, so the file is encrypted whole or not written at all.
    with (
        destination(output, default, request.force, binary) as (stream, where),
        sealed.sealing(stream, to, chosen.binary) if to else nullcontext(stream) as out,
    ):
        if request.format == "pdf":
            count = write(selection, out, request.page_per_entry, request.password)
        else:
            count = write(selection, out)
    notes = [*selection.notes, *([renamed] if renamed else [])]
    return ExportResult(where, count, selection.withheld_note, notes)


def age_name(output: str | None) -> tuple[str | None, str]:
    """An age-encrypted file's name ends in .age, so nothing takes it for the plain format
    its first suffix names; and a note saying so when cbt added it."""
    if output in (None, "-") or output.endswith(".age"):
        return output, ""
    named = output + ".age"
    return named, f"An age-encrypted file's name ends in .age, so it is named {named}."


def unused_name(path: Path) -> Path:
    """A name of our choosing never replaces a file: a second export that day gets '-2'."""
    number = 1
    candidate = path
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def csv_folder(selection: Selection, folder: Path, force: bool) -> ExportResult:
    """entries.csv, moods.csv and ratings.csv in a folder (made private if it is new)."""
    from ..paths import ensure_private_dir, remove_empty
    from . import csv_files

    try:
        made = ensure_private_dir(folder)
    except OSError as exc:
        raise CbtError(path_problem(folder, exc)) from None
    try:
        with private_file(folder / "entries.csv", force) as out:
            count = csv_files.write_entries(selection, out)
        with private_file(folder / "moods.csv", force) as out:
            csv_files.write_moods(selection, out)
        with private_file(folder / "ratings.csv", force) as out:
            csv_files.write_ratings(selection, out)
        with private_file(folder / "measures.csv", force) as out:
            csv_files.write_measures(selection, out)
    except BaseException:
        remove_empty(made)  # a folder made for files that could not be written
        raise
    return ExportResult(str(folder), count, selection.withheld_note, selection.notes)
