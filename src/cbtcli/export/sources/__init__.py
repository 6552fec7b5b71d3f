"""Other apps' exports, read into cbt's own records: `cbt import --from SOURCE FILE`.

One module per app, each with a `read(text, options) -> Found` function that maps the app's
records without guessing: what cbt has no field for stays in the record's `raw` copy, and
anything it cannot map is listed in `Found.unmapped` for the report. Reading never touches the
journal; `sources.bring_in` writes what was found."""

from __future__ import annotations

from .common import Source


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
        from ...errors import UsageError

        raise UsageError(f"cbt cannot import from '{name}'; it knows {', '.join(sorted(sources))}.")
    return sources[name]
