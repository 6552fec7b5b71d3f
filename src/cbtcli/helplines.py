"""Crisis lines by region, read from a data file shipped with the package."""

from __future__ import annotations

from dataclasses import dataclass

from .paths import data_file


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


@dataclass(frozen=True)
class Helplines:
    regions: dict[str, Region]
    international: Region

    def find(self, code: str) -> Region | None:
        code = code.strip().upper()
        for region in self.regions.values():
            if code == region.code or code in region.aliases:
                return region
        return None


def _region(code: str, raw: dict) -> Region:
    return Region(
        code=code,
        name=raw["name"],
        emergency=str(raw["emergency"]),
        lines=tuple(Line(line["name"], line["how"]) for line in raw.get("lines", [])),
        aliases=tuple(str(a).upper() for a in raw.get("aliases", [])),
    )


def load_helplines() -> Helplines:
    import yaml

    text = data_file("helplines.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    return Helplines(
        regions={code: _region(code, data) for code, data in raw["regions"].items()},
        international=_region("INTL", raw["international"]),
    )
