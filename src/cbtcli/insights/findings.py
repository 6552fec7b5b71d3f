"""What `cbt patterns` finds, as plain records: each finding with the counts it rests
on, so the words (views/patterns.py) and the JSON say exactly the same."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass
class TrapFinding:
    id: str
    label: str
    records: int
    feelings: list[dict[str, Any]]  # {"name", "records"}: the feelings that came with it
    belief_fall: float | None  # average points the belief in the hot thought fell
    feeling_fall: float | None  # average points the main feeling fell
    compared: str = "none"  # how its belief fall compares with all records: none/small/...
    direction: str = ""  # "more" or "less" than usual, when compared is not "none"


@dataclass
class Traps:
    records: int
    belief_fall: float | None
    feeling_fall: float | None
    traps: list[TrapFinding]


@dataclass
class ThemeFinding:
    word: str
    records: int
    person: bool
    feelings: list[dict[str, Any]]  # {"name", "records", "average"}


@dataclass
class Themes:
    records: int
    language: str
    words: list[ThemeFinding]


@dataclass
class ActivityFinding:
    label: str
    kind: str  # "activity" or "life area"
    occasions: int
    average_mood: float
    difference: float  # against the usual mood after any activity
    strength: str


@dataclass
class Activities:
    occasions: int
    usual_mood: float | None
    findings: list[ActivityFinding]


@dataclass
class PredictionFinding:
    kind: str  # "experiment" or "exposure practice"
    times: int
    happened: int
    partly: int
    average_rating: float | None  # how likely (or believed) it was beforehand, 0-100


@dataclass
class RhythmFinding:
    name: str  # a weekday or a part of the day
    occasions: int
    average: float
    difference: float
    strength: str


@dataclass
class Rhythms:
    check_ins: int
    usual_mood: float | None
    weekdays: list[RhythmFinding]
    parts_of_day: list[RhythmFinding]
    practice_weekdays: list[dict[str, Any]]  # {"weekday", "days", "of"}


@dataclass
class Patterns:
    since: date
    until: date
    minimum: int
    traps: Traps | None
    themes: Themes | None
    activities: Activities | None
    predictions: list[PredictionFinding] = field(default_factory=list)
    rhythms: Rhythms | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["since"], data["until"] = self.since.isoformat(), self.until.isoformat()
        return data
