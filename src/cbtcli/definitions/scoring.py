"""How a questionnaire is scored: apart from the rest of the exercise model, so the summary
(which reads scoring from the journal, not from YAML) loads only this."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, eq=False)
class Band:
    max: int
    label: str


@dataclass(frozen=True, eq=False)
class Scoring:
    """How a questionnaire is scored, kept in the YAML so a new measure needs no code."""

    low: int
    high: int
    bands: tuple[Band, ...]
    caseness: int | None = None  # the usual clinical threshold: scores at or above it
    reliable_change: int | None = None  # the smallest change beyond measurement noise

    def band(self, total: int) -> str:
        return next((b.label for b in self.bands if total <= b.max), self.bands[-1].label)


def scoring_json(scoring: Scoring) -> dict[str, Any]:
    return {
        "low": scoring.low,
        "high": scoring.high,
        "bands": [{"max": b.max, "label": b.label} for b in scoring.bands],
        "caseness": scoring.caseness,
        "reliable_change": scoring.reliable_change,
    }


def scoring_from_json(data: dict[str, Any]) -> Scoring:
    bands = tuple(Band(b["max"], b["label"]) for b in data["bands"])
    return Scoring(
        data["low"], data["high"], bands, data.get("caseness"), data.get("reliable_change")
    )
