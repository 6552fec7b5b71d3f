"""Trends from the journal: mood, thought records, practice, experiments and ladders.

Every figure is an SQL aggregate over the ratings, moods and entries tables (with their
indexes), so a summary of ten years costs about the same as one of a month."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from .journal import Journal

# The built-in exercises whose steps the summary reads, by their YAML step ids.
THOUGHT_RECORD = "thought-record"
EXPERIMENT = "behavioural-experiment"
WEEKLY_AFTER_DAYS = 92  # longer periods chart weekly averages instead of daily points
DONE = "status IN ('complete', 'awaiting')"  # a finished phase counts as practice


def r1(value: float | None) -> float | None:
    return None if value is None else round(float(value), 1)


def diff(after: float | None, before: float | None) -> float | None:
    return None if after is None or before is None else r1(after - before)


@dataclass
class Period:
    since: date
    until: date

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def args(self) -> list[str]:
        return [self.since.isoformat(), self.until.isoformat()]


@dataclass
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


@dataclass
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


@dataclass
class GoalProgress:
    exercise: str
    per_week: int
    done_this_week: int
    title: str = field(default="", compare=False)

    @property
    def met(self) -> bool:
        return self.done_this_week >= self.per_week


@dataclass
class PracticeSummary:
    days_practised: int
    current_streak: int
    longest_streak: int
    practised_today: bool
    per_exercise: dict[str, int]
    mood_check_ins: int
    calendar: list[dict[str, Any]]
    goals: list[GoalProgress]


@dataclass
class LadderSummary:
    name: str
    steps: int
    mastered: int
    latest_peak: int | None


@dataclass
class ExperimentSummary:
    awaiting_review: int
    reviewed: int
    average_belief_change: float | None


@dataclass
class Summary:
    period: Period
    mood: MoodSummary | None
    thought_records: ThoughtRecordSummary | None
    practice: PracticeSummary | None
    experiments: ExperimentSummary | None
    ladders: list[LadderSummary] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (
            self.mood or self.thought_records or self.practice or self.experiments or self.ladders
        )

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        del data["titles"]
        data["period"] = {
            "since": self.period.since.isoformat(),
            "until": self.period.until.isoformat(),
            "days": self.period.days,
        }
        if self.practice:
            for goal, raw in zip(self.practice.goals, data["practice"]["goals"], strict=True):
                raw["met"] = goal.met
                del raw["title"]
        return data


def one(journal: Journal, sql: str, params: list[Any]) -> dict[str, Any]:
    return journal.query(sql, params)[0]


def mood_summary(journal: Journal, period: Period) -> MoodSummary | None:
    stats = one(
        journal,
        "SELECT count(*) AS n, avg(score) AS average, min(score) AS lowest, max(score) AS highest,"
        " min(local_day) AS first_day, max(local_day) AS last_day"
        " FROM moods WHERE local_day BETWEEN ? AND ?",
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
    if weekly:
        # Weeks start on Monday: date(day, '-N days') where N is the weekday (Mon=0).
        bucket = "date(local_day, '-' || ((CAST(strftime('%w', local_day) AS INTEGER) + 6) % 7) || ' days')"
    else:
        bucket = "local_day"
    points = journal.query(
        f"SELECT {bucket} AS date, round(avg(score), 1) AS average, count(*) AS check_ins"
        " FROM moods WHERE local_day BETWEEN ? AND ? GROUP BY 1 ORDER BY 1",
        period.args(),
    )
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


def thought_record_summary(journal: Journal, period: Period) -> ThoughtRecordSummary | None:
    scope = (
        "SELECT id FROM entries WHERE exercise_id = ? AND status = 'complete'"
        " AND local_day BETWEEN ? AND ?"
    )
    args = [THOUGHT_RECORD, *period.args()]
    count = one(journal, f"SELECT count(*) AS n FROM ({scope})", args)["n"]
    if not count:
        return None
    # The main emotion of each record is its most intense one; compare it with its re-rating.
    main = one(
        journal,
        f"""WITH ranked AS (
              SELECT entry_id, item, value,
                     row_number() OVER (PARTITION BY entry_id ORDER BY value DESC, item) AS rank
              FROM ratings WHERE step_id = 'emotions' AND entry_id IN ({scope}))
            SELECT avg(r.value) AS before, avg(a.value) AS after FROM ranked r
            JOIN ratings a ON a.entry_id = r.entry_id AND a.step_id = 'emotions_after'
                 AND a.item = r.item
            WHERE r.rank = 1""",
        args,
    )
    belief = one(
        journal,
        f"""SELECT avg(b.value) AS before, avg(a.value) AS after FROM ratings b
            JOIN ratings a ON a.entry_id = b.entry_id AND a.step_id = 'belief_after' AND a.item = ''
            WHERE b.step_id = 'belief_before' AND b.item = '' AND b.entry_id IN ({scope})""",
        args,
    )
    traps = journal.query(
        f"""SELECT j.value AS id, count(*) AS count FROM entries e, json_each(e.answers, '$.distortions') j
            WHERE e.id IN ({scope}) GROUP BY j.value ORDER BY count DESC, j.value LIMIT 5""",
        args,
    )
    labels = trap_labels() if traps else {}
    feelings = journal.query(
        f"""SELECT item AS name, count(*) AS count FROM ratings
            WHERE step_id = 'emotions' AND entry_id IN ({scope})
            GROUP BY item ORDER BY count DESC, item LIMIT 5""",
        args,
    )
    return ThoughtRecordSummary(
        count=count,
        main_emotion_before=r1(main["before"]),
        main_emotion_after=r1(main["after"]),
        main_emotion_change=diff(main["after"], main["before"]),
        belief_before=r1(belief["before"]),
        belief_after=r1(belief["after"]),
        belief_change=diff(belief["after"], belief["before"]),
        thinking_traps=[{**t, "label": labels.get(t["id"], t["id"])} for t in traps],
        feelings=feelings,
    )


def practice_days(
    journal: Journal, since: str | None = None, until: str | None = None
) -> dict[str, int]:
    """Local days with any finished exercise or mood check-in, and how many each had."""
    where, params = "", []
    if since and until:
        where, params = " AND local_day BETWEEN ? AND ?", [since, until]
    rows = journal.query(
        f"""SELECT local_day AS day, sum(n) AS n FROM (
              SELECT local_day, count(*) AS n FROM entries WHERE {DONE}{where} GROUP BY local_day
              UNION ALL
              SELECT local_day, count(*) AS n FROM moods WHERE 1{where} GROUP BY local_day)
            GROUP BY local_day ORDER BY local_day""",
        params * 2,
    )
    return {row["day"]: row["n"] for row in rows}


def streaks(days: list[date], today: date) -> tuple[int, int]:
    """(current, longest). The current streak is alive until a whole day is missed: practising
    yesterday but not yet today still counts."""
    longest = run = 0
    previous: date | None = None
    for day in days:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    current = 0
    present = set(days)
    cursor = today if today in present else today - timedelta(days=1)
    while cursor in present:
        current += 1
        cursor -= timedelta(days=1)
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


def title_of(exercise_id: str, title: str | None) -> str:
    if exercise_id == "mood":
        return "Mood check-ins"
    return title or exercise_id.replace("-", " ").capitalize()


def practice_summary(
    journal: Journal, period: Period, today: date, exercise: str | None, titles: dict[str, str]
) -> PracticeSummary | None:
    all_days = practice_days(journal)
    in_period = {
        d: n
        for d, n in all_days.items()
        if period.since.isoformat() <= d <= period.until.isoformat()
    }
    goals = goal_progress(journal, today)
    if not in_period and not goals:
        return None
    dates = [date.fromisoformat(d) for d in all_days]
    current, _ = streaks(dates, today)
    _, longest = streaks([date.fromisoformat(d) for d in in_period], period.until)
    only = " AND exercise_id = ?" if exercise else ""
    per_exercise = journal.query(
        f"SELECT exercise_id, count(*) AS n, max(exercise_title) AS title FROM entries WHERE status = 'complete'"
        f" AND local_day BETWEEN ? AND ?{only} GROUP BY exercise_id ORDER BY n DESC, exercise_id",
        period.args() + ([exercise] if exercise else []),
    )
    moods = one(
        journal, "SELECT count(*) AS n FROM moods WHERE local_day BETWEEN ? AND ?", period.args()
    )["n"]
    titles.update({row["exercise_id"]: row["title"] for row in per_exercise})
    return PracticeSummary(
        days_practised=len(in_period),
        current_streak=current,
        longest_streak=longest,
        practised_today=today.isoformat() in all_days,
        per_exercise={row["exercise_id"]: row["n"] for row in per_exercise},
        mood_check_ins=moods,
        calendar=[{"date": d, "count": n} for d, n in in_period.items()],
        goals=goals,
    )


def experiment_summary(journal: Journal, period: Period) -> ExperimentSummary | None:
    awaiting = one(
        journal,
        "SELECT count(*) AS n FROM entries WHERE exercise_id = ? AND status = 'awaiting'",
        [EXPERIMENT],
    )["n"]
    reviewed = one(
        journal,
        """SELECT count(*) AS n, avg(a.value - b.value) AS change FROM entries e
           JOIN ratings b ON b.entry_id = e.id AND b.step_id = 'belief_before' AND b.item = ''
           JOIN ratings a ON a.entry_id = e.id AND a.step_id = 'belief_after' AND a.item = ''
           WHERE e.exercise_id = ? AND e.status = 'complete' AND e.local_day BETWEEN ? AND ?""",
        [EXPERIMENT, *period.args()],
    )
    if not awaiting and not reviewed["n"]:
        return None
    return ExperimentSummary(awaiting, reviewed["n"], r1(reviewed["change"]))


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


def trap_labels() -> dict[str, str]:
    """Plain names of the thinking traps, from the shared list the thought record uses."""
    from .catalog import ListFinder, list_folders

    found = ListFinder(list_folders())("distortions")
    return {c.id: c.label for c in found} if isinstance(found, tuple) else {}


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
        titles=titles,
    )


@dataclass
class HomeFacts:
    today: date
    practised_today: bool
    current_streak: int
    last_mood: Any
    awaiting: int
    goals: list[GoalProgress]


def home_facts(journal: Journal, today: date) -> HomeFacts:
    days = practice_days(journal)
    current, _ = streaks([date.fromisoformat(d) for d in days], today)
    last_mood = journal.last_mood()
    awaiting = one(journal, "SELECT count(*) AS n FROM entries WHERE status = 'awaiting'", [])["n"]
    return HomeFacts(
        today=today,
        practised_today=today.isoformat() in days,
        current_streak=current,
        last_mood=last_mood,
        awaiting=awaiting,
        goals=goal_progress(journal, today),
    )
