"""Exports of chosen entries, one module per format: Markdown and HTML to read, PDF to print,
CSV for spreadsheets, JSON to move a journal (see `cbt import`) and FHIR for a clinic's
system (the PHQ-9, GAD-7 and mood check-ins as a FHIR R4 Bundle).

Each format is registered here by name, with its file extension, whether it writes bytes, and
where its writer lives; the writer's module is imported only when that format is asked for
(fpdf2, for one, takes a while to load)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class ExportFormat:
    name: str
    extension: str
    module: str  # in this package
    function: str  # write(selection, stream) -> number of entries written
    binary: bool = False

    def writer(self) -> Callable[..., int]:
        write: Callable[..., int] = getattr(
            import_module(f"{__name__}.{self.module}"), self.function
        )
        return write


REGISTRY: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("md", "md", "markdown", "write"),
        ExportFormat("html", "html", "html", "write"),
        ExportFormat("pdf", "pdf", "pdf", "write", binary=True),
        ExportFormat("csv", "csv", "csv_files", "write_entries"),
        ExportFormat("json", "json", "json_file", "write"),
        ExportFormat("fhir", "fhir.json", "fhir", "write"),
    )
}
FORMATS = tuple(REGISTRY)


def export_format(name: str) -> ExportFormat:
    return REGISTRY[name]
