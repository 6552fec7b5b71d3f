"""Trends from the journal: mood, thought records, practice, experiments and ladders.

Every figure is an SQL aggregate over the ratings, moods and entries tables (with their
indexes), so a summary of ten years costs about the same as one of a month."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from .journal import AWAITING, DRAFT, Entry, Journal
from .journal.store import sqlite_errors
from .measures import due as measures_due
from .measures import joint_summary, summaries

# The built-in exercises whose steps the summary reads, by their YAML step ids.
THOUGHT_RECORD = "thought-record"
EXPERIMENT = "behavioural-experiment"
WEEKLY_AFTER_DAYS = 92  # longer periods chart weekly averages instead of daily points
DONE = "status IN ('complete', 'awaiting')"  # a finished phase counts as practice


def label_of(choice_id: str) -> str:
    """A readable name from a choice id ('mind-reading' -> 'Mind reading'), for picks saved
    before their labels were kept; the summary never reads the YAML lists."""
    return choice_id.replace("-", " ").capitalize()


def r1(value: float | None) -> float | None:
    return None if value is None else round(float(value), 1)


def diff(after: float | None, before: float | None) -> float | None:
    """The change between two averages, worked out from the exact averages and only then
    rounded: 83.75 to 31.25 is a change of -52.5, though they show as 83.8 and 31.2."""
    if after is None or before is None:
        return None
    return round(after - before, 1)


@dataclass(repr=False, eq=False)  # plain records; skipping these keeps start-up quick
class Period:
    since: date
    until: date

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def args(self) -> list[str]:
        return [self.since.isoformat(), self.until.isoformat()]


@dataclass(repr=False, eq=False)
class MoodSummary:
    check_ins: int
    average: float | None
    lowest: int | None
    highest: int | None
    first_week_average: float | None
    last_week_average: float | None
    change: float | None
    resolution: str
    points: list[dict[str, Any]]


@dataclass(repr=False, eq=False)
class ThoughtRecordSummary:
    count: int
    main_emotion_before: float | None
    main_emotion_after: float | None
    main_emotion_change: float | None
    belief_before: float | None
    belief_after: float | None
    belief_change: float | None
    thinking_traps: list[dict[str, Any]]
    feelings: list[dict[str, Any]]


@dataclass(repr=False, eq=False)
class GoalProgress:
    exercise: str
    per_week: int
    done_this_week: int
    title: str = field(default="", compare=False)

    @property
    def met(self) -> bool:
        return self.done_this_week >= self.per_week


@dataclass(repr=False, eq=False)
class PracticeSummary:
    days_practised: int
    current_streak: int
    longest_streak: int
    practised_today: bool
    per_exercise: dict[str, int]
    mood_check_ins: int
    days: dict[str, int]  # local day -> things done, for the calendar
    goals: list[GoalProgress]


@dataclass(repr=False, eq=False)
class LadderSummary:
    name: str
    steps: int
    mastered: int
    latest_peak: int | None


@dataclass(repr=False, eq=False)
class ExperimentSummary:
    awaiting_review: int
    reviewed: int
    average_belief_change: float | None


@dataclass(repr=False, eq=False)
class Summary:
    period: Period
    mood: MoodSummary | None
    thought_records: ThoughtRecordSummary | None
    practice: PracticeSummary | None
    experiments: ExperimentSummary | None
    ladders: list[LadderSummary] = field(default_factory=list)
    measures: list[Any] = field(default_factory=list)  # measures.MeasureSummary
    measures_together: Any = None  # (outcomes.JointOutcome, sentence): PHQ-9 and GAD-7
    titles: dict[str, str] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        sections = (self.mood, self.thought_records, self.practice, self.experiments)
        return not (any(sections) or self.ladders or self.measures)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        del data["titles"]
        data["measures"] = [m.to_json() for m in self.measures]
        joint = self.measures_together
        data["measures_together"] = (
            {**joint[0].to_json(), "summary": joint[1]} if joint and self.measures else None
        )
        data["period"] = {
            "since": self.period.since.isoformat(),
            "until": self.period.until.isoformat(),
            "days": self.period.days,
        }
        if self.practice:
            days = data["practice"].pop("days")
            data["practice"]["calendar"] = [{"date": d, "count": n} for d, n in days.items()]
            for goal, raw in zip(self.practice.goals, data["practice"]["goals"], strict=True):
                raw["met"] = goal.met
                del raw["title"]
        return data


def one(journal: Journal, sql: str, params: list[Any]) -> dict[str, Any]:
    return journal.query(sql, params)[0]


JULIAN = "CAST(julianday(local_day) + 0.5 AS INTEGER)"  # the day's Julian day number
JULIAN_ORDINAL = 1721425  # Julian day number minus date.toordinal()


def mood_summary(journal: Journal, period: Period) -> MoodSummary | None:
    stats = one(
        journal,
        "SELECT count(*) AS n, avg(score) AS average, min(score) AS lowest, max(score) AS highest,"
        " min(local_day) AS first_day, max(local_day) AS last_day"
        " FROM moods WHERE score IS NOT NULL AND local_day BETWEEN ? AND ?",
        period.args(),
    )
    if not stats["n"]:
        return None
    first_day = date.fromisoformat(stats["first_day"])
    last_day = date.fromisoformat(stats["last_day"])
    # The first and last week that have check-ins, so a new user's first week counts.
    first_week = one(
        journal,
        "SELECT avg(score) AS a FROM moods WHERE local_day BETWEEN ? AND ?",
        [first_day.isoformat(), (first_day + timedelta(days=6)).isoformat()],
    )["a"]
    last_week = one(
        journal,
        "SELECT avg(score) AS a FROM moods WHERE local_day BETWEEN ? AND ?",
        [(last_day - timedelta(days=6)).isoformat(), last_day.isoformat()],
    )["a"]
    weekly = period.days > WEEKLY_AFTER_DAYS
    # Weeks start on Monday, the days whose Julian day number is a multiple of 7: plain
    # arithmetic on the number is much cheaper than SQLite's date modifiers.
    bucket = f"{JULIAN} - {JULIAN} % 7" if weekly else "local_day"
    points = journal.query(
        f"SELECT {bucket} AS date, round(avg(score), 1) AS average, count(*) AS check_ins"
        " FROM moods WHERE score IS NOT NULL AND local_day BETWEEN ? AND ? GROUP BY 1 ORDER BY 1",
        period.args(),
    )
    if weekly:
        for point in points:
            point["date"] = date.fromordinal(point["date"] - JULIAN_ORDINAL).isoformat()
    return MoodSummary(
        check_ins=stats["n"],
        average=r1(stats["average"]),
        lowest=stats["lowest"],
        highest=stats["highest"],
        first_week_average=r1(first_week),
        last_week_average=r1(last_week),
        change=diff(last_week, first_week) if last_day - first_day >= timedelta(days=7) else None,
        resolution="week" if weekly else "day",
        points=points,
    )


def step_averages(
    journal: Journal, exercise: str, steps: tuple[str, ...], period: Period, main_only: bool = False
) -> dict[str, float | None]:
    """The average rating of each step over complete entries: one covering-index range each.

    Before and after steps are required together, so their averages are over the same entries."""
    marks = ",".join("?" * len(steps))
    rows = journal.query(
        f"SELECT step_id, avg(value) AS average FROM ratings WHERE exercise_id = ?"
        f" AND step_id IN ({marks}) AND status = 'complete' AND local_day BETWEEN ? AND ?"
        + (" AND main = 1" if main_only else " AND main IN (0, 1)")  # both use the whole index
        + " GROUP BY step_id",
        [exercise, *steps, *period.args()],
    )
    found = {row["step_id"]: row["average"] for row in rows}
    return {step: found.get(step) for step in steps}


def thought_record_summary(journal: Journal, period: Period) -> ThoughtRecordSummary | None:
    count = one(
        journal,
        "SELECT count(*) AS n FROM entries WHERE exercise_id = ? AND status = 'complete'"
        " AND local_day BETWEEN ? AND ?",
        [THOUGHT_RECORD, *period.args()],
    )["n"]
    if not count:
        return None
    # The main feeling of each record is its strongest one, compared with its re-rating.
    main = step_averages(journal, THOUGHT_RECORD, ("emotions", "emotions_after"), period, True)
    before, after = main["emotions"], main["emotions_after"]
    belief = step_averages(journal, THOUGHT_RECORD, ("belief_before", "belief_after"), period)
    traps = journal.query(
        """SELECT choice AS id, max(label) AS label, count(*) AS count FROM choices
           WHERE exercise_id = ? AND step_id = 'distortions' AND status = 'complete'
           AND local_day BETWEEN ? AND ? GROUP BY choice ORDER BY count DESC, choice LIMIT 5""",
        [THOUGHT_RECORD, *period.args()],
    )
    feelings = journal.query(
        """SELECT item AS name, count(*) AS count FROM ratings
           WHERE exercise_id = ? AND step_id = 'emotions' AND status = 'complete'
           AND local_day BETWEEN ? AND ? GROUP BY item ORDER BY count DESC, item LIMIT 5""",
        [THOUGHT_RECORD, *period.args()],
    )
    return ThoughtRecordSummary(
        count=count,
        main_emotion_before=r1(before),
        main_emotion_after=r1(after),
        main_emotion_change=diff(after, before),
        belief_before=r1(belief["belief_before"]),
        belief_after=r1(belief["belief_after"]),
        belief_change=diff(belief["belief_after"], belief["belief_before"]),
        thinking_traps=[{**t, "label": t["label"] or label_of(t["id"])} for t in traps],
        feelings=feelings,
    )


def practice_days(
    journal: Journal, since: str | None = None, until: str | None = None
) -> dict[str, int]:
    """Local days with any finished exercise or mood check-in, and how many each had."""
    where, params = "", []
    if since and until:
        where, params = " AND local_day BETWEEN ? AND ?", [since, until]
    sql = f"SELECT local_day, done FROM activity WHERE done > 0{where} ORDER BY local_day"
    with sqlite_errors(journal.path):
        return dict(journal.conn.execute(sql, params).fetchall())


def streaks(days: list[str], today: date, since: str = "", until: str = "") -> tuple[int, int]:
    """(current, longest) runs of consecutive days, given ISO days in order. The current streak
    is alive until a whole day is missed: practising yesterday but not yet today still counts.
    The longest is of the runs within `until` that reach `since`, each counted whole, so a
    streak begun before a period is not cut at its start (and is never shorter than the
    current one)."""
    ordinals = [date.fromisoformat(day).toordinal() for day in days]
    first = date.fromisoformat(since).toordinal() if since else 0
    last = date.fromisoformat(until).toordinal() if until else date.max.toordinal()
    longest = run = 0
    previous = None
    for number in ordinals:
        if number > last:
            break
        run = run + 1 if previous is not None and number - previous == 1 else 1
        if number >= first:
            longest = max(longest, run)
        previous = number
    present = set(ordinals)
    cursor = today.toordinal()
    if cursor not in present:
        cursor -= 1
    current = 0
    while cursor in present:
        current += 1
        cursor -= 1
    return current, longest


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def goal_progress(journal: Journal, today: date) -> list[GoalProgress]:
    monday = week_start(today).isoformat()
    rows = journal.query(
        f"""SELECT g.exercise_id AS exercise, g.per_week,
              (SELECT e.exercise_title FROM entries e WHERE e.exercise_id = g.exercise_id
               ORDER BY e.local_day DESC LIMIT 1) AS title,
              CASE WHEN g.exercise_id = 'mood'
                THEN (SELECT count(*) FROM moods m WHERE m.local_day BETWEEN ? AND ?)
                ELSE (SELECT count(*) FROM entries e WHERE e.exercise_id = g.exercise_id
                      AND e.{DONE} AND e.local_day BETWEEN ? AND ?)
              END AS done
            FROM goals g ORDER BY g.exercise_id""",
        [monday, today.isoformat()] * 2,
    )
    return [
        GoalProgress(r["exercise"], r["per_week"], r["done"], title_of(r["exercise"], r["title"]))
        for r in rows
    ]


def latest_title(journal: Journal, exercise_id: str) -> str:
    rows = journal.query(
        "SELECT exercise_title FROM entries WHERE exercise_id = ? ORDER BY local_day DESC LIMIT 1",
        [exercise_id],
    )
    return title_of(exercise_id, rows[0]["exercise_title"] if rows else None)


def title_of(exercise_id: str, title: str | None) -> str:
    if exercise_id == "mood":
        return "Mood check-ins"
    return title or exercise_id.replace("-", " ").capitalize()


def practice_summary(
    journal: Journal, period: Period, today: date, exercise: str | None, titles: dict[str, str]
) -> PracticeSummary | None:
    all_days = practice_days(journal)
    since, until = period.args()
    in_period = {d: n for d, n in all_days.items() if since <= d <= until}
    goals = goal_progress(journal, today)
    if not in_period and not goals:
        return None
    current, longest = streaks(list(all_days), today, since, until)
    only = " AND exercise_id = ?" if exercise else ""
    per_exercise = journal.query(
        f"SELECT exercise_id, count(*) AS n FROM entries WHERE status = 'complete'"
        f" AND local_day BETWEEN ? AND ?{only} GROUP BY exercise_id ORDER BY n DESC, exercise_id",
        period.args() + ([exercise] if exercise else []),
    )
    moods = one(
        journal, "SELECT count(*) AS n FROM moods WHERE local_day BETWEEN ? AND ?", period.args()
    )["n"]
    for row in per_exercise:
        titles[row["exercise_id"]] = latest_title(journal, row["exercise_id"])
    return PracticeSummary(
        days_practised=len(in_period),
        current_streak=current,
        longest_streak=longest,
        practised_today=today.isoformat() in all_days,
        per_exercise={row["exercise_id"]: row["n"] for row in per_exercise},
        mood_check_ins=moods,
        days=in_period,
        goals=goals,
    )


def experiment_summary(journal: Journal, period: Period) -> ExperimentSummary | None:
    counts = {
        row["status"]: row["n"]
        for row in journal.query(
            """SELECT 'awaiting' AS status, count(*) AS n FROM entries
               WHERE status = 'awaiting' AND exercise_id = ?
               UNION ALL SELECT 'complete', count(*) FROM entries
               WHERE status = 'complete' AND exercise_id = ? AND local_day BETWEEN ? AND ?""",
            [EXPERIMENT, EXPERIMENT, *period.args()],
        )
    }
    awaiting, reviewed = counts.get("awaiting", 0), counts.get("complete", 0)
    if not awaiting and not reviewed:
        return None
    belief = step_averages(journal, EXPERIMENT, ("belief_before", "belief_after"), period)
    return ExperimentSummary(
        awaiting, reviewed, diff(belief["belief_after"], belief["belief_before"])
    )


def ladder_summaries(journal: Journal) -> list[LadderSummary]:
    rows = journal.query(
        """SELECT l.name,
             (SELECT count(*) FROM ladder_steps s WHERE s.ladder_id = l.id AND s.removed = 0) AS steps,
             (SELECT count(*) FROM ladder_steps s WHERE s.ladder_id = l.id AND s.removed = 0
                AND s.mastered_at IS NOT NULL) AS mastered,
             (SELECT p.peak FROM ladder_practices p WHERE p.ladder_id = l.id AND p.peak IS NOT NULL
                ORDER BY p.practised_at DESC LIMIT 1) AS latest_peak
           FROM ladders l WHERE l.archived = 0 ORDER BY l.created_at"""
    )
    return [LadderSummary(r["name"], r["steps"], r["mastered"], r["latest_peak"]) for r in rows]


def summarise(
    journal: Journal, period: Period, today: date, exercise: str | None = None
) -> Summary:
    """Every section of `cbt summary`; `exercise` narrows it to one exercise."""
    wants = lambda name: exercise in (None, name)  # noqa: E731
    titles: dict[str, str] = {}
    return Summary(
        period=period,
        mood=mood_summary(journal, period) if wants("mood") else None,
        thought_records=thought_record_summary(journal, period) if wants(THOUGHT_RECORD) else None,
        practice=practice_summary(journal, period, today, exercise, titles),
        experiments=experiment_summary(journal, period) if wants(EXPERIMENT) else None,
        ladders=ladder_summaries(journal) if wants("exposure") or wants("fear-ladder") else [],
        measures=[m for m in summaries(journal, *period.args()) if wants(m.id)],
        measures_together=joint_summary(journal, period.until.isoformat()),
        titles=titles,
    )


@dataclass(repr=False, eq=False)
class HomeFacts:
    today: date
    practised_today: bool
    current_streak: int
    last_mood: Any
    awaiting: int
    goals: list[GoalProgress]
    measures_due: list[tuple[str, str, int]]
    backup_due: bool = False
    drafts: int = 0
    latest_draft: Entry | None = None  # so a stopped exercise is one command from finished


def home_facts(journal: Journal, today: date) -> HomeFacts:
    from .care import backup_overdue  # the home screen's reminder; summaries don't need it

    days = practice_days(journal)
    current, _ = streaks(list(days), today)
    last_mood = journal.last_mood()
    counts = {
        row["status"]: row["n"]
        for row in journal.query(
            "SELECT status, count(*) AS n FROM entries WHERE status IN (?, ?) GROUP BY status",
            [AWAITING, DRAFT],
        )
    }
    return HomeFacts(
        today=today,
        practised_today=today.isoformat() in days,
        current_streak=current,
        last_mood=last_mood,
        awaiting=counts.get(AWAITING, 0),
        goals=goal_progress(journal, today),
        measures_due=measures_due(journal, today),
        backup_due=backup_overdue(journal),
        drafts=counts.get(DRAFT, 0),
        latest_draft=journal.latest((DRAFT,)) if counts.get(DRAFT) else None,
    )
