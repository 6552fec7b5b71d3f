"""Finding an export's patterns on another processor while its entries are set out.

A long export opens with its Patterns section, which takes a pass of its own over years of
thought records: on a computer with more than one processor, a second cbt process finds them
(`python -m cbtcli.export.patterns_ahead`, reading the journal only) while this one sets out
the first entries, held back in memory until the section is written before them. Whatever
goes wrong there (no second process, a damaged journal, an answer that is not what was
asked), the patterns are found here instead, as they always were, so the export is the same
byte for byte either way. The journal's key, when it is encrypted, goes to that process on a
pipe, never on its command line or in its environment."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..journal import Entry
    from .selection import Selection

Sections = list[tuple[str, list[str]]]

# Below this many entries the patterns take less time than starting another process.
WORTH_IT = 3000
# Entries set out ahead are held in memory up to this many characters (see PatternsAhead.hold).
HELD_IN_MEMORY = 1_000_000
CHUNK = 1 << 16
# How long the patterns may take elsewhere before they are found here after all.
PATIENCE_SECONDS = 120.0
# The other process: this module, run by the same Python.
COMMAND = (sys.executable, "-m", __name__)


def processors() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worth_finding_ahead(entries: int) -> bool:
    return entries >= WORTH_IT and processors() > 1


class PatternsAhead:
    """The patterns of an export being found in another process, and the entries set out here
    meanwhile (`render` gives each entry's text); iterated, each entry's text in order."""

    def __init__(self, selection: Selection, render: Callable[[Entry], str]) -> None:
        self.selection = selection
        self.render = render
        self.entries = selection.entries()
        self.count = 0  # entries set out so far
        self.held: IO[str] | None = None
        self.process: subprocess.Popen[bytes] | None = start(selection)
        self.found: Sections | None = None

    def sections(self) -> Sections:
        """The patterns: from the other process once it is done (setting out entries while
        it works), or found here."""
        if self.found is None and self.process is not None:
            process, self.process = self.process, None
            try:
                self.render_while_waiting(process)
            except BaseException:  # a damaged entry, say: the other process is not left running
                stop(process)
                raise
            self.found = answer(process)
        if self.found is None:
            self.found = self.selection.found_patterns()
        return self.found

    def render_while_waiting(self, process: subprocess.Popen[bytes]) -> None:
        held = self.hold()
        for entry in self.entries:
            held.write(self.render(entry))
            self.count += 1
            if process.poll() is not None:
                return
            if self.selection.sealed and held.tell() > HELD_IN_MEMORY:
                return  # waits for the patterns rather than hold more

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
        if self.process is not None:  # the patterns were never asked for
            stop(self.process)
            self.process = None
        if self.held is not None:
            held, self.held = self.held, None
            with held:
                held.seek(0)
                while chunk := held.read(CHUNK):
                    yield chunk
        for entry in self.entries:
            self.count += 1
            yield self.render(entry)


def start(selection: Selection) -> subprocess.Popen[bytes] | None:
    """The other process, given what it needs on its standard input; None when it is not
    worth it or cannot be started."""
    if not selection.has_patterns or not worth_finding_ahead(sum(selection.counts.values())):
        return None
    journal = selection.journal
    request = {
        "journal": str(journal.path),
        "key": journal.cipher_key,
        "since": selection.period.since.isoformat(),
        "until": selection.period.until.isoformat(),
        "include_private": selection.include_private,
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
        process.stdin = None  # all it gets: communicate() then only reads
    except OSError:
        stop(process)
        return None
    return process


def answer(process: subprocess.Popen[bytes]) -> Sections | None:
    """The sections the other process found, or None if it found none it could give."""
    try:
        out, _ = process.communicate(timeout=PATIENCE_SECONDS)
    except subprocess.TimeoutExpired:
        stop(process)
        return None
    if process.returncode != 0:
        return None
    try:
        found = json.loads(out)
    except ValueError:
        return None
    return found if well_formed(found) else None


def well_formed(found: Any) -> bool:
    return isinstance(found, list) and all(
        isinstance(section, list)
        and len(section) == 2
        and isinstance(section[0], str)
        and isinstance(section[1], list)
        and all(isinstance(line, str) for line in section[1])
        for section in found
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    process.kill()
    process.wait()


def find(request: dict[str, Any]) -> Sections:
    """What the other process does: the patterns of the period, as the export would find
    them, from the journal opened only to read."""
    from datetime import date

    from ..definitions.catalog import load_catalog
    from ..insights.patterns import find_patterns
    from ..journal.store import open_journal
    from ..views.patterns import pattern_sections

    path = Path(request["journal"])
    if not path.is_file():
        raise SystemExit(1)  # never make a journal where there was none
    journal = open_journal(path, for_writing=False, key=request["key"])
    try:
        found = find_patterns(
            journal,
            date.fromisoformat(request["since"]),
            date.fromisoformat(request["until"]),
            bool(request["include_private"]),
            load_catalog().get_or_none,
        )
        return pattern_sections(found)
    finally:
        journal.close()


def main() -> None:
    request = json.loads(sys.stdin.buffer.read())
    sys.stdout.write(json.dumps(find(request)))


if __name__ == "__main__":
    main()
