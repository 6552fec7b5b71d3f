"""Reading a cbt export for `cbt import`: the file opened (age-sealed or plain), its
header checked, and each section read one record at a time, in bounded memory."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import CbtError
from ..terminal.invocation import command
from .json_file import FORMAT, FORMAT_VERSION


def open_export(path: Path) -> Any:
    """The file, opened for reading bytes; a device, a pipe or a folder is refused."""
    try:
        if not path.is_file():
            reason = "is a folder" if path.is_dir() else "is not a regular file"
            if not path.exists():
                reason = "does not exist"
            raise CbtError(f"The file {path} {reason}; nothing was imported.")
        return path.open("rb")
    except OSError as exc:
        raise CbtError(f"The file {path} cannot be read ({exc.strerror}).") from None


@dataclass
class ExportFile:
    """An export to read, as often as needed: from its file, or decrypted as it is read (an
    age-encrypted export is never written out in plain)."""

    path: Path
    opener: Callable[[], io.IOBase] | None = None

    def open(self) -> Any:
        return self.opener() if self.opener is not None else open_export(self.path)


def export_file(path: Path, identity: Path | None) -> ExportFile:
    from . import sealed

    open_export(path).close()  # a device, a pipe or a folder is refused first
    if sealed.is_sealed(path):
        return ExportFile(path, sealed.opener(path, identity))
    return ExportFile(path)


def read_header(source: ExportFile) -> dict[str, Any]:
    """The export's top-level facts (format, version...), read as a stream: the entries that
    follow them are never loaded whole."""
    import ijson

    path = source.path
    header: dict[str, Any] = {}
    with source.open() as stream:
        try:
            for prefix, event, value in ijson.parse(stream):
                if prefix == "" and event == "start_map":
                    continue
                if prefix == "" and event != "map_key":
                    break
                if prefix in ("format", "format_version") and event in ("string", "number"):
                    header[prefix] = value
                if len(header) == 2:
                    break
        except ijson.JSONError:
            if header.get("format") == FORMAT:
                raise damaged(path) from None
            raise CbtError(
                f"{path} is not a cbt export (it is not valid JSON); nothing was imported."
            ) from None
    if header.get("format") != FORMAT:
        raise CbtError(
            f"{path} is not a cbt export (made by `{command('export --format json')}`); "
            "nothing was imported."
        )
    version = header.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise CbtError(
            f"{path} has an export format cbt does not know ({str(version)[:20]}); "
            "nothing was imported."
        )
    if version > FORMAT_VERSION:
        raise CbtError(
            f"{path} was made by a newer version of cbt (export format {version}); "
            "upgrade cbt to import it; nothing was imported."
        )
    check_sections(source)
    return header


SECTIONS = ("entries", "moods", "ladders", "goals", "assignments", "scoring")


def check_sections(source: ExportFile) -> None:
    """Each part of the file is a list (`entries` always there), read as a stream."""
    import ijson

    path = source.path
    found: dict[str, str] = {}
    key = None
    with source.open() as stream:
        try:
            for prefix, event, value in ijson.parse(stream):
                if prefix == "" and event == "map_key":
                    key = value
                elif key in SECTIONS and prefix == key and key not in found:
                    found[key] = event
        except (ijson.JSONError, UnicodeDecodeError):
            raise damaged(path) from None
    for section in SECTIONS:
        event = found.get(section, "null" if section != "entries" else "")
        if event not in ("start_array", "null"):
            what = "has no list" if not event else "has something other than a list"
            raise CbtError(f"{path} {what} of '{section}'; nothing was imported.")


def damaged(path: Path) -> CbtError:
    return CbtError(f"{path} is a cbt export that is truncated or damaged; nothing was imported.")


def items(source: ExportFile, section: str) -> Iterator[Any]:
    """The items of one top-level list, one at a time."""
    import ijson

    path = source.path
    with source.open() as stream:
        try:
            yield from ijson.items(stream, f"{section}.item", use_float=True)
        except ijson.JSONError:
            raise damaged(path) from None
        except UnicodeDecodeError:
            raise damaged(path) from None
