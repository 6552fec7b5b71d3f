"""Other apps' exports, read into cbt's own records: `cbt import --from SOURCE FILE`.

One module per app, each with a `read(text, options) -> Found` function that maps the app's
records without guessing: what cbt has no field for stays in the record's `raw` copy, and
anything it cannot map is listed in `Found.unmapped` for the report. Reading never touches the
journal; `sources.bring_in` writes what was found."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..errors import CbtError


class SourceError(CbtError):
    """A file that is not what its source writes, or a record that cannot be read."""


@dataclass
class ForeignMood:
    source_id: str
    recorded: datetime
    score: int | None  # 0 (lowest) to 10 (best), as cbt's check-ins; None when not given
    note: str
    emotions: dict[str, int]
    activities: list[str]
    raw: dict[str, Any]


@dataclass
class ForeignEntry:
    source_id: str
    exercise_id: str
    when: datetime
    answers: dict[str, Any]
    raw: dict[str, Any]
    flagged: bool = False


@dataclass
class Found:
    moods: list[ForeignMood] = field(default_factory=list)
    entries: list[ForeignEntry] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)  # one plain line each, for the report


@dataclass(frozen=True)
class Source:
    name: str
    title: str
    reads: str  # what file to give it, for help and errors
    read: Callable[[str, dict[str, Any]], Found]


def registry() -> dict[str, Source]:
    """Every source, by the name given to --from (imported here so `cbt --help` stays fast)."""
    from . import daylio, freecbt, jrnl, om

    return {
        "daylio": Source("daylio", "Daylio", "its CSV export", daylio.read),
        "jrnl": Source("jrnl", "jrnl", "`jrnl --export json`", jrnl.read),
        "freecbt": Source("freecbt", "FreeCBT or Quirk", "its JSON archive or CSV", freecbt.read),
        "om": Source("om", "om", "cbt_thoughts.json or its mood file", om.read),
    }


def get_source(name: str) -> Source:
    sources = registry()
    if name not in sources:
        from ..errors import UsageError

        raise UsageError(f"cbt cannot import from '{name}'; it knows {', '.join(sorted(sources))}.")
    return sources[name]


def parse_json(text: str, what: str) -> Any:
    import json

    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(
            f"{what} is not valid JSON (line {exc.lineno}); nothing was imported."
        ) from None
