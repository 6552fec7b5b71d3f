"""`cbt patterns`: what a person's own practice says about them, honestly.

Each finding is worked out from SQL aggregates (see `journal.patterns`), carries the number of
occasions it rests on, and is shown only when there are at least `MIN_OCCASIONS` of them. A
difference comes with a plain word for how big it is against the person's usual spread (a
standardised mean difference: Cohen's conventional 0.2 / 0.5 / 0.8), never a p-value. None of
it is a diagnosis: these are things to be curious about, alone or with a therapist."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import chain
from typing import TYPE_CHECKING, Any

from ..journal import Journal
from ..journal import patterns as queries
from ..journal.patterns import Window
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
from .pattern_words import ThemeCounter

if TYPE_CHECKING:
    from ..definitions.model import Exercise

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
    journal: Journal,
    since: date,
    until: date,
    include_private: bool = True,
    definition: Callable[[str], Exercise | None] | None = None,
) -> Patterns:
    """Every kind of pattern over a period. Without `include_private`, private entries are
    left out, and of every entry what the privacy rule withholds (its private steps, as
    recorded and as `definition` gives the exercise today)."""
    window = Window(since.isoformat(), until.isoformat(), include_private)
    today = definition or (lambda _: None)
    records = load_records(journal, window, today(queries.THOUGHT_RECORD))
    return Patterns(
        since=since,
        until=until,
        minimum=MIN_OCCASIONS,
        traps=trap_patterns(records),
        themes=theme_patterns(records),
        activities=activity_patterns(journal, window, today),
        predictions=prediction_patterns(journal, window, today),
        rhythms=rhythm_patterns(journal, window, since, until),
    )


@dataclass
class Records:
    """What the thought-record patterns read, fetched once: a handful of index scans. Each
    record is known by its number (the order it was read in) and kept as a few numbers and
    shared words, never its text, so memory stays small whatever the period."""

    belief_falls: list[int | None]  # by record: how far belief in the hot thought fell
    feeling_falls: list[int | None]  # by record: how far the main feeling fell
    feelings: list[tuple[tuple[str, int], ...]]  # by record: (feeling, intensity before)
    traps: dict[str, list[int]]  # trap id -> the records that caught it, in order
    labels: dict[str, str]  # trap id -> its label when picked
    words: ThemeCounter


def load_records(
    journal: Journal, window: Window, thought_record: Exercise | None = None
) -> Records:
    from ..journal.ratings import main_feeling

    if not window.include_private:  # (the privacy rule imports the definitions: only then)
        from ..journal.privacy import withheld_steps

    labels = queries.trap_labels(journal, window)
    records = Records([], [], [], {}, {}, ThemeCounter())
    shared: dict[tuple[str, int], tuple[str, int]] = {}  # each (feeling, level) kept once
    keep = shared.setdefault
    # (Answers come from JSON, where the only kind of int besides a number is a bool: so
    # `type(x) is int` is is_number, checked here hundreds of thousands of times.)
    for number, (_entry, answers, private) in enumerate(queries.record_answers(journal, window)):
        hidden = () if window.include_private else withheld_steps(private, thought_record)
        if hidden:
            answers = {step: value for step, value in answers.items() if step not in hidden}
        get = answers.get
        before: Any = get("belief_before")
        after: Any = get("belief_after")
        emotions, emotions_after = get("emotions"), get("emotions_after")
        feelings: dict[str, Any] = emotions if isinstance(emotions, dict) else {}
        main = main_feeling(answers)
        main_after: Any = (
            emotions_after.get(main) if main and isinstance(emotions_after, dict) else None
        )
        records.belief_falls.append(
            before - after if type(before) is int and type(after) is int else None
        )
        main_before = feelings.get(main) if main else None
        records.feeling_falls.append(
            main_before - main_after
            if type(main_before) is int and type(main_after) is int
            else None
        )
        records.feelings.append(
            tuple(keep(pair, pair) for pair in feelings.items() if type(pair[1]) is int)
        )
        situation, hot_thought = get("situation"), get("hot_thought")
        records.words.add(
            " ".join(part for part in (situation, hot_thought) if isinstance(part, str))
        )
        for trap in get("distortions") or ():
            if isinstance(trap, str):
                records.traps.setdefault(trap, []).append(number)
                records.labels[trap] = records.labels.get(trap) or labels.get(trap, "")
    return records


def mean_and_spread(values: list[int]) -> tuple[float, float]:
    mean = sum(values) / len(values)
    return mean, math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))


def average(values: list[int]) -> float | None:
    return r1(sum(values) / len(values)) if len(values) >= MIN_OCCASIONS else None


def trap_patterns(records: Records) -> Traps | None:
    if not records.feelings:
        return None
    belief_falls = [b for b in records.belief_falls if b is not None]
    feeling_falls = [f for f in records.feeling_falls if f is not None]
    usual_fall, usual_spread = mean_and_spread(belief_falls) if belief_falls else (0.0, 0.0)
    findings = []
    for trap, entries in sorted(records.traps.items(), key=lambda item: (-len(item[1]), item[0])):
        if len(entries) < MIN_OCCASIONS:
            continue
        seen: dict[str, int] = {}
        for (feeling, _level), n in feelings_in(records, entries).items():
            seen[feeling] = seen.get(feeling, 0) + n
        ranked = sorted(seen.items(), key=lambda item: (-item[1], item[0]))[:3]
        beliefs = [b for b in map(records.belief_falls.__getitem__, entries) if b is not None]
        feelings = [f for f in map(records.feeling_falls.__getitem__, entries) if f is not None]
        label = records.labels[trap]
        finding = TrapFinding(
            id=trap,
            label=label or trap.replace("-", " ").capitalize(),
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
        records=len(records.feelings),
        belief_fall=average(belief_falls),
        feeling_fall=average(feeling_falls),
        traps=findings,
    )


def theme_patterns(records: Records) -> Themes | None:
    if not records.feelings:
        return None
    language, words = records.words.themes(MIN_OCCASIONS, limit=10)
    findings = []
    for word in words:
        seen: dict[str, list[int]] = {}  # feeling -> [records, sum of intensities]
        for (feeling, level), n in feelings_in(records, word.entries).items():
            sums = seen.setdefault(feeling, [0, 0])
            sums[0] += n
            sums[1] += level * n
        ranked = sorted(seen.items(), key=lambda item: (-item[1][0], item[0]))[:3]
        findings.append(
            ThemeFinding(
                word=word.text,
                records=len(word.entries),
                person=word.person,
                feelings=[
                    {"name": name, "records": n, "average": r1(total / n)}
                    for name, (n, total) in ranked
                ],
            )
        )
    return Themes(records=len(records.feelings), language=language, words=findings)


def feelings_in(records: Records, numbers: list[int]) -> Counter[tuple[str, int]]:
    """How often each (feeling, intensity) comes in these records: counted in C, as a word
    can be in thousands of records."""
    return Counter(chain.from_iterable(map(records.feelings.__getitem__, numbers)))


def private_today(
    window: Window, today: Callable[[str], Exercise | None], exercise: str, *steps: str
) -> bool:
    """Whether, for sharing, any of an exercise's `steps` is private in today's definition
    (then no entry of it is read for that pattern)."""
    if window.include_private:
        return False
    from ..journal.privacy import withheld_steps

    return bool(withheld_steps((), today(exercise)).intersection(steps))


def activity_patterns(
    journal: Journal, window: Window, today: Callable[[str], Exercise | None]
) -> Activities | None:
    occasions: list[tuple[str, str, int]] = []  # (kind, label, mood)
    for exercise, label_step, mood_step, _ in ACTIVITY_SOURCES:
        if private_today(window, today, exercise, label_step, mood_step):
            continue
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


def prediction_patterns(
    journal: Journal, window: Window, today: Callable[[str], Exercise | None]
) -> list[PredictionFinding]:
    findings = []
    for exercise, rating_step, outcome_step, kind in PREDICTION_SOURCES:
        if private_today(window, today, exercise, rating_step, outcome_step):
            continue
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
