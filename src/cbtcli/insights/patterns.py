"""`cbt patterns`: what a person's own practice says about them, honestly.

Each finding is worked out from SQL aggregates (see `journal.patterns`), carries the number of
occasions it rests on, and is shown only when there are at least `MIN_OCCASIONS` of them. A
difference comes with a plain word for how big it is against the person's usual spread (a
standardised mean difference: Cohen's conventional 0.2 / 0.5 / 0.8), never a p-value. None of
it is a diagnosis: these are things to be curious about, alone or with a therapist."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..journal import Journal
from ..journal import patterns as queries
from ..journal.patterns import Window
from ..journal.ratings import is_number
from .findings import (
    Activities,
    ActivityFinding,
    Patterns,
    PredictionFinding,
    RhythmFinding,
    Rhythms,
    ThemeFinding,
    Themes,
    TrapFinding,
    Traps,
)
from .pattern_words import theme_words

MIN_OCCASIONS = 5
WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
PARTS_OF_DAY = ["morning", "afternoon", "evening", "night"]
# (exercise, the rating of how likely or believed the feared outcome was, whether it happened)
PREDICTION_SOURCES = [
    ("behavioural-experiment", "belief_before", "came_true", "experiment"),
    ("exposure", "expectation_likelihood", "feared_outcome_happened", "exposure practice"),
]
# (exercise, what was done, the mood rated after it, what the occasion is called)
ACTIVITY_SOURCES = [
    ("behavioural-activation", "activity", "mood_after", "planned activity"),
    ("behavioural-activation", "life_area", "mood_after", "planned activity"),
    ("activity-monitoring", "activity", "mood", "activity"),
]


def strength(difference: float, spread: float) -> str:
    """How big a difference is against the usual spread, in words (Cohen's d conventions)."""
    if spread <= 0:
        return "large" if difference else "none"
    size = abs(difference) / spread
    if size < 0.2:
        return "none"
    if size < 0.5:
        return "small"
    return "moderate" if size < 0.8 else "large"


def spread(mean: float, mean_of_squares: float) -> float:
    return math.sqrt(max(0.0, mean_of_squares - mean * mean))


def r1(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def find_patterns(
    journal: Journal, since: date, until: date, include_private: bool = True
) -> Patterns:
    """Every kind of pattern over a period; private entries only when `include_private`."""
    window = Window(since.isoformat(), until.isoformat(), include_private)
    records = load_records(journal, window)
    return Patterns(
        since=since,
        until=until,
        minimum=MIN_OCCASIONS,
        traps=trap_patterns(records),
        themes=theme_patterns(records),
        activities=activity_patterns(journal, window),
        predictions=prediction_patterns(journal, window),
        rhythms=rhythm_patterns(journal, window, since, until),
    )


@dataclass
class Records:
    """What the thought-record patterns read, fetched once: a handful of index scans."""

    falls: dict[str, tuple[int | None, int | None]]  # entry -> (belief fall, feeling fall)
    traps: list[tuple[str, str, str]]  # (entry, trap id, label)
    feelings: dict[str, dict[str, int]]  # entry -> feeling -> intensity before
    texts: dict[str, str]  # entry -> situation and hot thought


def load_records(journal: Journal, window: Window) -> Records:
    from ..journal.ratings import main_feeling

    labels = queries.trap_labels(journal, window)
    records = Records({}, [], {}, {})
    for entry_id, answers in queries.record_answers(journal, window):
        before: Any = answers.get("belief_before")
        after: Any = answers.get("belief_after")
        emotions, emotions_after = answers.get("emotions"), answers.get("emotions_after")
        feelings: dict[str, Any] = emotions if isinstance(emotions, dict) else {}
        main = main_feeling(answers)
        main_after: Any = (
            emotions_after.get(main) if main and isinstance(emotions_after, dict) else None
        )
        records.falls[entry_id] = (
            before - after if is_number(before) and is_number(after) else None,
            feelings[main] - main_after
            if main and is_number(feelings.get(main)) and is_number(main_after)
            else None,
        )
        records.feelings[entry_id] = {k: v for k, v in feelings.items() if is_number(v)}
        parts = (answers.get("situation"), answers.get("hot_thought"))
        records.texts[entry_id] = " ".join(part for part in parts if isinstance(part, str))
        for trap in answers.get("distortions") or []:
            if isinstance(trap, str):
                records.traps.append((entry_id, trap, labels.get(trap, "")))
    return records


def mean_and_spread(values: list[int]) -> tuple[float, float]:
    mean = sum(values) / len(values)
    return mean, math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))


def average(values: list[int]) -> float | None:
    return r1(sum(values) / len(values)) if len(values) >= MIN_OCCASIONS else None


def trap_patterns(records: Records) -> Traps | None:
    if not records.falls:
        return None
    belief_falls = [b for b, _ in records.falls.values() if b is not None]
    feeling_falls = [f for _, f in records.falls.values() if f is not None]
    usual_fall, usual_spread = mean_and_spread(belief_falls) if belief_falls else (0.0, 0.0)
    by_trap: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for entry_id, trap, label in records.traps:
        by_trap.setdefault(trap, []).append(entry_id)
        labels[trap] = labels.get(trap) or label
    findings = []
    for trap, entries in sorted(by_trap.items(), key=lambda item: (-len(item[1]), item[0])):
        if len(entries) < MIN_OCCASIONS:
            continue
        seen: dict[str, int] = {}
        for entry_id in entries:
            for feeling in records.feelings.get(entry_id, {}):
                seen[feeling] = seen.get(feeling, 0) + 1
        ranked = sorted(seen.items(), key=lambda item: (-item[1], item[0]))[:3]
        beliefs = [b for b, _ in map(records.falls.__getitem__, entries) if b is not None]
        feelings = [f for _, f in map(records.falls.__getitem__, entries) if f is not None]
        finding = TrapFinding(
            id=trap,
            label=labels[trap] or trap.replace("-", " ").capitalize(),
            records=len(entries),
            feelings=[{"name": name, "records": n} for name, n in ranked if n >= 2],
            belief_fall=average(beliefs),
            feeling_fall=average(feelings),
        )
        if finding.belief_fall is not None:
            difference = sum(beliefs) / len(beliefs) - usual_fall
            finding.compared = strength(difference, usual_spread)
            finding.direction = "more" if difference > 0 else "less"
        findings.append(finding)
    return Traps(
        records=len(records.falls),
        belief_fall=average(belief_falls),
        feeling_fall=average(feeling_falls),
        traps=findings,
    )


def theme_patterns(records: Records) -> Themes | None:
    if not records.texts:
        return None
    language, words = theme_words(records.texts, MIN_OCCASIONS, limit=10)
    findings = []
    feelings_of = records.feelings
    for word in words:
        seen: dict[str, list[int]] = {}
        for entry_id in word.entries:
            for feeling, level in feelings_of.get(entry_id, {}).items():
                if feeling in seen:
                    seen[feeling].append(level)
                else:
                    seen[feeling] = [level]
        ranked = sorted(seen.items(), key=lambda item: (-len(item[1]), item[0]))[:3]
        findings.append(
            ThemeFinding(
                word=word.text,
                records=len(word.entries),
                person=word.person,
                feelings=[
                    {"name": name, "records": len(levels), "average": r1(sum(levels) / len(levels))}
                    for name, levels in ranked
                ],
            )
        )
    return Themes(records=len(records.texts), language=language, words=findings)


def activity_patterns(journal: Journal, window: Window) -> Activities | None:
    occasions: list[tuple[str, str, int]] = []  # (kind, label, mood)
    for exercise, label_step, mood_step, _ in ACTIVITY_SOURCES:
        kind = "life area" if label_step == "life_area" else "activity"
        for row in queries.activity_moods(journal, window, exercise, label_step, mood_step):
            label = row["label"]
            if isinstance(label, str) and label.strip():
                occasions.append((kind, label.strip(), row["mood"]))
    moods = [mood for kind, _, mood in occasions if kind == "activity"]
    import json

    for score, activities in queries.checkin_moods(journal, window):
        moods.append(score)  # every check-in counts towards the usual mood
        for name in json.loads(activities or "[]"):
            if isinstance(name, str) and name.strip():
                occasions.append(("activity", name.strip(), score))
    if not any(kind == "activity" for kind, _, _ in occasions):
        return None
    usual = sum(moods) / len(moods)
    usual_spread = spread(usual, sum(m * m for m in moods) / len(moods))
    groups: dict[tuple[str, str], list[int]] = {}
    for kind, label, mood in occasions:
        groups.setdefault((kind, label.casefold()), []).append(mood)
    names = {(kind, label.casefold()): label for kind, label, _ in occasions}
    findings = []
    for (kind, key), values in groups.items():
        if len(values) < MIN_OCCASIONS:
            continue
        average = sum(values) / len(values)
        words = strength(average - usual, usual_spread)
        if words != "none":
            findings.append(
                ActivityFinding(
                    names[(kind, key)],
                    kind,
                    len(values),
                    r1(average) or 0.0,
                    round(average - usual, 1),
                    words,
                )
            )
    findings.sort(key=lambda f: -f.difference)
    return Activities(len(moods), r1(usual), findings)


def prediction_patterns(journal: Journal, window: Window) -> list[PredictionFinding]:
    findings = []
    for exercise, rating_step, outcome_step, kind in PREDICTION_SOURCES:
        rows = {
            row["outcome"]: row
            for row in queries.predictions(journal, window, exercise, rating_step, outcome_step)
        }
        times = sum(row["times"] for row in rows.values())
        if times < MIN_OCCASIONS:
            continue
        rated = sum((row["rated"] or 0) * row["rated_times"] for row in rows.values())
        rated_times = sum(row["rated_times"] for row in rows.values())
        findings.append(
            PredictionFinding(
                kind=kind,
                times=times,
                happened=rows.get("yes", {}).get("times", 0),
                partly=rows.get("partly", {}).get("times", 0),
                average_rating=r1(rated / rated_times) if rated_times else None,
            )
        )
    return findings


def rhythm_patterns(journal: Journal, window: Window, since: date, until: date) -> Rhythms | None:
    rows = queries.mood_rhythm(journal, window)
    practice = queries.practice_weekdays(journal, window)
    if not rows and not practice:
        return None
    count = sum(row["check_ins"] for row in rows)
    usual = sum(row["total"] for row in rows) / count if count else None
    usual_spread = (
        spread(usual, sum(row["total_sq"] for row in rows) / count) if usual is not None else 0.0
    )

    def findings(key: str, names: list[str]) -> list[RhythmFinding]:
        groups: dict[str, list[int]] = {}
        for row in rows:
            name = names[row[key]] if key == "weekday" else row[key]
            sums = groups.setdefault(name, [0, 0])
            sums[0] += row["check_ins"]
            sums[1] += row["total"]
        found = []
        for name in names:
            n, total = groups.get(name, [0, 0])
            if n < MIN_OCCASIONS or usual is None:
                continue
            average = total / n
            found.append(
                RhythmFinding(
                    name,
                    n,
                    round(average, 1),
                    round(average - usual, 1),
                    strength(average - usual, usual_spread),
                )
            )
        return found

    of = weekday_counts(since, until)
    practised = {row["weekday"]: row["days"] for row in practice}
    return Rhythms(
        check_ins=count,
        usual_mood=r1(usual),
        weekdays=findings("weekday", WEEKDAYS) if count else [],
        parts_of_day=findings("part", PARTS_OF_DAY) if count else [],
        practice_weekdays=[
            {"weekday": WEEKDAYS[day], "days": practised.get(day, 0), "of": of[day]}
            for day in range(7)
            if of[day] >= MIN_OCCASIONS and sum(practised.values()) >= MIN_OCCASIONS
        ],
    )


def weekday_counts(since: date, until: date) -> list[int]:
    """How many of each weekday (0 = Sunday) the period holds."""
    counts = [0] * 7
    weeks, extra = divmod((until - since).days + 1, 7)
    for day in range(7):
        counts[day] = weeks
    for offset in range(extra):
        counts[(since + timedelta(days=weeks * 7 + offset)).isoweekday() % 7] += 1
    return counts
