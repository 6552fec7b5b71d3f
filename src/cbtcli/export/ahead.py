"""Finding an export's summary on another processor while its entries are set out.

A long Markdown or HTML export opens with an overview and a Patterns section and ends with the
mood check-ins; the patterns alone take a pass of their own over years of thought records. On
a computer with more than one processor, a second cbt process finds all three (ahead_worker.py,
reading the journal only) while this one sets out the entries, held back until what comes
before them is written. Whatever goes wrong there (no second process, a damaged journal, an
answer that is not what was asked), they are found here instead, as they always were, so the
export is the same byte for byte either way. The journal's key, when it is
encrypted, goes to that process on a pipe, never on its command line or in its environment."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..journal import Entry
    from .selection import Selection

Sections = list[tuple[str, list[str]]]
Overview = tuple[list[tuple[str, str]], list[tuple[date, float]]]
CheckIns = list[tuple[datetime, str]]


@dataclass
class Summary:
    """What an export writes around its entries (see Selection.overview, .patterns and
    .check_ins)."""

    overview: Overview
    patterns: Sections
    check_ins: CheckIns


# Below this many entries the summary takes less time than starting another process.
WORTH_IT = 3000
# Entries set out ahead are held in memory up to this many characters (see FoundAhead.hold).
HELD_IN_MEMORY = 1_000_000
CHUNK = 1 << 16
# How long the summary may take elsewhere before it is found here after all.
PATIENCE_SECONDS = 120.0
# The other process (ahead_worker.py), run by the same Python.
COMMAND = (sys.executable, "-m", "cbtcli.export.ahead_worker")


def processors() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worth_finding_ahead(entries: int) -> bool:
    return entries >= WORTH_IT and processors() > 1


class FoundAhead:
    """An export's summary being found in another process, and the entries set out here
    meanwhile (`render` gives each entry's text); iterated, each entry's text in order."""

    def __init__(self, selection: Selection, render: Callable[[Entry], str]) -> None:
        self.selection = selection
        self.render = render
        self.entries = selection.entries()
        self.count = 0  # entries set out so far
        self.held: IO[str] | None = None
        self.finder: Finder | None = start(selection)
        self.found: Summary | None = None

    def summary(self) -> Summary | None:
        """The summary from the other process once it is done (setting out entries while it
        works); None when there is none to be had, and it is to be found here."""
        if self.found is None and self.finder is not None:
            finder, self.finder = self.finder, None
            try:
                self.render_while_waiting(finder)
            except BaseException:  # a damaged entry, say: the other process is not left running
                finder.stop()
                raise
            self.found = finder.answer()
        return self.found

    def render_while_waiting(self, finder: Finder) -> None:
        held = self.hold()
        for entry in self.entries:
            held.write(self.render(entry))
            self.count += 1
            if finder.done():
                return
            if self.selection.sealed and held.tell() > HELD_IN_MEMORY:
                return  # waits for the summary rather than hold more

    def hold(self) -> IO[str]:
        """Where entries set out ahead wait: memory, and past HELD_IN_MEMORY an unnamed private
        temporary file, so memory stays flat; only memory for an export encrypted as it is
        written, whose words never touch a disk in the clear."""
        if self.selection.sealed:
            self.held = io.StringIO()
        else:
            # Closed once read back (__iter__); unnamed, so it goes with the process whatever.
            self.held = tempfile.SpooledTemporaryFile(  # noqa: SIM115
                HELD_IN_MEMORY, mode="w+", encoding="utf-8", newline=""
            )
        return self.held

    def __iter__(self) -> Iterator[str]:
        if self.finder is not None:  # the summary was never asked for
            self.finder.stop()
            self.finder = None
        if self.held is not None:
            held, self.held = self.held, None
            with held:
                held.seek(0)
                while chunk := held.read(CHUNK):
                    yield chunk
        for entry in self.entries:
            self.count += 1
            yield self.render(entry)


class Finder:
    """The other process, and a thread reading its answer as it comes, so that an answer
    longer than a pipe holds (a year of check-ins) never keeps it waiting."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self.said: list[bytes] = []
        self.reader = threading.Thread(target=self.read, daemon=True)
        self.reader.start()

    def read(self) -> None:
        assert self.process.stdout is not None
        self.said.append(self.process.stdout.read())

    def done(self) -> bool:
        """True once it has said all it will."""
        return not self.reader.is_alive()

    def answer(self) -> Summary | None:
        """The summary it found, or None if it found none it could give."""
        self.reader.join(PATIENCE_SECONDS)
        if not self.done():
            self.stop()
            return None
        if self.process.wait() != 0:
            return None
        try:
            return summary_from(json.loads(b"".join(self.said)))
        except (ValueError, TypeError, KeyError):  # not what was asked
            return None

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        self.reader.join()


def start(selection: Selection) -> Finder | None:
    """The other process, given what it needs on its standard input; None when it is not
    worth it or cannot be started."""
    if not selection.has_patterns or not worth_finding_ahead(sum(selection.counts.values())):
        return None
    journal = selection.journal
    request = {
        "journal": str(journal.path),
        "key": journal.cipher_key,
        "where": asdict(selection.where),
        "include_private": selection.include_private,
        "name": selection.name,
        "today": selection.today.isoformat(),
        "with_moods": selection.with_moods,
    }
    try:
        process = subprocess.Popen(
            COMMAND,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        return None
    try:
        assert process.stdin is not None
        process.stdin.write(json.dumps(request).encode("utf-8"))
        process.stdin.close()
    except OSError:
        process.kill()
        process.wait()
        return None
    return Finder(process)


def summary_from(found: dict[str, Any]) -> Summary:
    """The summary as it came over the pipe; ValueError or TypeError when it is not one."""
    rows, points = found["overview"]
    return Summary(
        (
            [(str_(label), str_(text)) for label, text in rows],
            [(date.fromisoformat(day), number(value)) for day, value in points],
        ),
        [(str_(title), [str_(line) for line in lines]) for title, lines in found["patterns"]],
        [(datetime.fromisoformat(when), str_(words)) for when, words in found["check_ins"]],
    )


def str_(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(value)
    return value
