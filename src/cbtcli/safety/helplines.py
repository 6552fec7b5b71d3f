"""Crisis lines by region, read from data/helplines.yaml, and where the person probably is.

The region is the `region` setting if there is one, else the country of the locale
(LC_ALL, LC_MESSAGES, LANG: `en_GB.UTF-8` -> GB), else of the time zone (TZ, or the zone
/etc/localtime points to: Europe/London -> GB). cbt says which it used."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..paths import data_file

LOCALE = re.compile(r"^[a-z]{2,3}[_-]([A-Z]{2})\b")
ZONE_TABLES = (Path("/usr/share/zoneinfo/zone.tab"), Path("/usr/share/zoneinfo/zone1970.tab"))
# Zones of the regions cbt has lines for, for systems without a zone.tab.
KNOWN_ZONES = {
    "Europe/London": "GB",
    "Europe/Belfast": "GB",
    "Europe/Dublin": "IE",
    "Europe/Berlin": "DE",
    "Europe/Paris": "FR",
    "Europe/Madrid": "ES",
    "Atlantic/Canary": "ES",
    "Europe/Amsterdam": "NL",
    "Asia/Kolkata": "IN",
    "Asia/Calcutta": "IN",
    "Asia/Singapore": "SG",
    "Pacific/Auckland": "NZ",
    "Australia/Sydney": "AU",
    "Australia/Melbourne": "AU",
    "Australia/Brisbane": "AU",
    "Australia/Perth": "AU",
    "Australia/Adelaide": "AU",
    "Australia/Hobart": "AU",
    "Australia/Darwin": "AU",
    "America/Toronto": "CA",
    "America/Vancouver": "CA",
    "America/Edmonton": "CA",
    "America/Winnipeg": "CA",
    "America/Halifax": "CA",
    "America/St_Johns": "CA",
    "America/Regina": "CA",
    "America/New_York": "US",
    "America/Chicago": "US",
    "America/Denver": "US",
    "America/Phoenix": "US",
    "America/Los_Angeles": "US",
    "America/Anchorage": "US",
    "Pacific/Honolulu": "US",
}


@dataclass(frozen=True)
class Line:
    name: str
    how: str


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    emergency: str
    lines: tuple[Line, ...]
    aliases: tuple[str, ...] = ()
    verified: date | None = None
    source: str = ""


@dataclass(frozen=True)
class Helplines:
    regions: dict[str, Region]
    international: Region
    main_lines: tuple[str, ...]

    def find(self, code: str) -> Region | None:
        code = code.strip().upper()
        for region in self.regions.values():
            if code == region.code or code in region.aliases:
                return region
        return None


@dataclass(frozen=True)
class Location:
    """Where cbt thinks the person is, and how it knows (for the panel to say)."""

    code: str | None  # an ISO country code, or None when nothing says
    how: str  # "your region setting", "your language setting (en_GB.UTF-8)", ...


def _region(code: str, raw: dict) -> Region:
    verified = raw.get("verified")
    return Region(
        code=code,
        name=raw["name"],
        emergency=str(raw["emergency"]),
        lines=tuple(Line(line["name"], line["how"]) for line in raw.get("lines", [])),
        aliases=tuple(str(a).upper() for a in raw.get("aliases", [])),
        verified=verified if isinstance(verified, date) else None,
        source=str(raw.get("source", "")),
    )


def load_helplines() -> Helplines:
    import yaml

    text = data_file("helplines.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    return Helplines(
        regions={code: _region(code, data) for code, data in raw["regions"].items()},
        international=_region("INTL", raw["international"]),
        main_lines=tuple(
            f"{k}: {v}" for item in raw.get("main_lines", []) for k, v in item.items()
        ),
    )


def zone_countries(tables: tuple[Path, ...] = ZONE_TABLES) -> dict[str, str]:
    """Time zone -> country, from the system's zone table where there is one."""
    found = dict(KNOWN_ZONES)
    for table in tables:
        try:
            text = table.read_text(encoding="utf-8")
        except OSError:
            continue
        for line in text.splitlines():
            if line.startswith("#") or not line.strip():
                continue
            fields = line.split("\t")
            if len(fields) >= 3 and len(fields[0]) == 2:
                found.setdefault(fields[2], fields[0])
        break
    return found


def local_zone(environ: Mapping[str, str], localtime: Path = Path("/etc/localtime")) -> str:
    """The time zone's name: TZ if set, else the zone /etc/localtime links to."""
    zone = environ.get("TZ", "").lstrip(":")
    if zone:
        return zone
    try:
        target = str(localtime.resolve())
    except OSError:
        return ""
    return target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else ""


def locate(
    setting: str | None,
    environ: Mapping[str, str] | None = None,
    localtime: Path = Path("/etc/localtime"),
) -> Location:
    """The person's region: their setting, else their locale's country, else their zone's."""
    environ = os.environ if environ is None else environ
    if setting:
        return Location(setting.strip().upper(), "your region setting")
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        match = LOCALE.match(value)
        if match:
            return Location(match.group(1), f"your language setting ({value})")
    zone = local_zone(environ, localtime)
    country = zone_countries().get(zone) if zone else None
    if country:
        return Location(country, f"your time zone ({zone})")
    return Location(None, "")


def stale_regions(helplines: Helplines, today: date, days: int = 365) -> list[str]:
    """Regions whose lines were last checked more than `days` ago (or never)."""
    regions = [*helplines.regions.values(), helplines.international]
    return [r.code for r in regions if r.verified is None or (today - r.verified).days > days]
