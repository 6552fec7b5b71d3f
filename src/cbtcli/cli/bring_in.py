"""`cbt import --from APP FILE`: what was brought in from another app, in plain words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .state import State


def report_bring_in(
    s: State, source_name: str, file: Path, dry_run: bool, options: dict[str, Any]
) -> None:
    from ..export.sources import get_source
    from ..export.sources.bring_in import bring_in, read_found
    from ..wording import counted

    source = get_source(source_name)
    found = read_found(source, file, options)
    report = bring_in(s.journal(), s.catalog(), source, found, dry_run)
    parts = [counted(n, "entries") + f" ({title})" for title, n in report.by_exercise.items()]
    if report.moods:
        parts.append(counted(report.moods, "mood check-ins"))
    what = ", ".join(parts) or "nothing new"
    verb = "Would import" if dry_run else "Imported"
    s.console.print(f"{verb} from {source.title}: {what}; {report.already} already here.")
    if report.unmapped:
        s.console.print(
            f"Not mapped ({len(report.unmapped)}); the app's own copy of every record is kept:"
        )
        for line in report.unmapped[:20]:
            s.console.print(f"  {line}")
        if len(report.unmapped) > 20:
            s.console.print(f"  … and {len(report.unmapped) - 20} more.")
    if report.alerted:
        from ..wording import risk_noted

        s.console.print(risk_noted(report.alerted))
    if dry_run:
        s.console.print("Nothing was changed (--dry-run).")
