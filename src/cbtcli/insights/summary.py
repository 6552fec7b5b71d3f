"""Trends from the journal: mood, thought records, practice, experiments and ladders.

Every figure is an SQL aggregate over the ratings, moods and entries tables (with their
indexes), so a summary of ten years costs about the same as one of a month."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from ..dates import week_start
from ..definitions.check_in import CHECK_IN, CHECK_INS, is_check_in
from ..journal import AWAITING, COMPLETE, DRAFT, Entry, Journal, stats
from .measures import Due, joint_summary, summaries
from .measures import due as measures_due

# The built-in exercises whose steps the summary reads, by their YAML step ids.
THOUGHT_RECORD = "thought-record"
EXPERIMENT = "behavioural-experiment"
WEEKLY_AFTER_DAYS = 92  # longer periods chart weekly averages instead of daily points


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

    def args(self) -> tuple[str, str]:
        """(since, until) as ISO days, the bounds every query takes."""
        return self.since.isoformat(), self.until.isoformat()


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


JULIAN_ORDINAL = 1721425  # Julian day number minus date.toordinal()


def mood_summary(journal: Journal, period: Period) -> MoodSummary | None:
    found = stats.mood_stats(journal, *period.args())
    if not found["n"]:
        return None
    first_day = date.fromisoformat(found["first_day"])
    last_day = date.fromisoformat(found["last_day"])
    # The first and last week that have check-ins, so a new user's first week counts.
    first_week = stats.mood_average(
        journal, first_day.isoformat(), (first_day + timedelta(days=6)).isoformat()
    )
    last_week = stats.mood_average(
        journal, (last_day - timedelta(days=6)).isoformat(), last_day.isoformat()
    )
    weekly = period.days > WEEKLY_AFTER_DAYS
    points = stats.mood_points(journal, *period.args(), weekly)
    if weekly:
        for point in points:
            point["date"] = date.fromordinal(point["date"] - JULIAN_ORDINAL).isoformat()
    return MoodSummary(
        check_ins=found["n"],
        average=r1(found["average"]),
        lowest=found["lowest"],
        highest=found["highest"],
        first_week_average=r1(first_week),
        last_week_average=r1(last_week),
        change=diff(last_week, first_week) if last_day - first_day >= timedelta(days=7) else None,
        resolution="week" if weekly else "day",
        points=points,
    )


def step_averages(
    journal: Journal, exercise: str, steps: tuple[str, ...], period: Period, main_only: bool = False
) -> dict[str, float | None]:
    """The average rating of each step over complete entries in the period.

    Before and after steps are required together, so their averages are over the same entries."""
    return stats.step_averages(journal, exercise, steps, *period.args(), main_only)


def thought_record_summary(journal: Journal, period: Period) -> ThoughtRecordSummary | None:
    count = stats.complete_count(journal, THOUGHT_RECORD, *period.args())
    if not count:
        return None
    # The main feeling of each record is its strongest one, compared with its re-rating.
    main = step_averages(journal, THOUGHT_RECORD, ("emotions", "emotions_after"), period, True)
    before, after = main["emotions"], main["emotions_after"]
    belief = step_averages(journal, THOUGHT_RECORD, ("belief_before", "belief_after"), period)
    traps = stats.top_choices(journal, THOUGHT_RECORD, "distortions", *period.args())
    feelings = stats.top_rated_items(journal, THOUGHT_RECORD, "emotions", *period.args())
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


def goal_progress(journal: Journal, today: date) -> list[GoalProgress]:
    monday = week_start(today).isoformat()
    rows = stats.goal_counts(journal, monday, today.isoformat())
    return [
        GoalProgress(r["exercise"], r["per_week"], r["done"], title_of(r["exercise"], r["title"]))
        for r in rows
    ]


def latest_title(journal: Journal, exercise_id: str) -> str:
    return title_of(exercise_id, stats.latest_title(journal, exercise_id))


def title_of(exercise_id: str, title: str | None) -> str:
    if is_check_in(exercise_id):
        return CHECK_INS
    return title or exercise_id.replace("-", " ").capitalize()


def practice_summary(
    journal: Journal, period: Period, today: date, exercise: str | None, titles: dict[str, str]
) -> PracticeSummary | None:
    all_days = stats.practice_days(journal)
    since, until = period.args()
    in_period = {d: n for d, n in all_days.items() if since <= d <= until}
    goals = goal_progress(journal, today)
    if not in_period and not goals:
        return None
    current, longest = streaks(list(all_days), today, since, until)
    per_exercise = stats.complete_per_exercise(journal, since, until, exercise)
    moods = stats.mood_count(journal, since, until)
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
    counts = stats.awaiting_and_reviewed(journal, EXPERIMENT, *period.args())
    awaiting, reviewed = counts.get(AWAITING, 0), counts.get(COMPLETE, 0)
    if not awaiting and not reviewed:
        return None
    belief = step_averages(journal, EXPERIMENT, ("belief_before", "belief_after"), period)
    return ExperimentSummary(
        awaiting, reviewed, diff(belief["belief_after"], belief["belief_before"])
    )


def ladder_summaries(journal: Journal) -> list[LadderSummary]:
    rows = stats.ladder_progress(journal)
    return [LadderSummary(r["name"], r["steps"], r["mastered"], r["latest_peak"]) for r in rows]


def summarise(
    journal: Journal, period: Period, today: date, exercise: str | None = None
) -> Summary:
    """Every section of `cbt summary`; `exercise` narrows it to one exercise."""
    wants = lambda name: exercise in (None, name)  # noqa: E731
    titles: dict[str, str] = {}
    return Summary(
        period=period,
        mood=mood_summary(journal, period) if wants(CHECK_IN.id) else None,
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
    measures_due: list[Due]
    backup_due: bool = False
    drafts: int = 0
    latest_draft: Entry | None = None  # so a stopped exercise is one command from finished
    assignments: list[Any] = field(default_factory=list)  # current ones from a therapist

    @property
    def agreed(self) -> list[str]:
        """Exercises agreed for practice now (assigned by a therapist, or with a weekly goal),
        each once, in that order: the ones worth a place at the top of the menu."""
        ids = [e for a in self.assignments for e in a.exercises] + [g.exercise for g in self.goals]
        return list(dict.fromkeys(ids))


def home_facts(journal: Journal, today: date) -> HomeFacts:
    from ..journal.backups import backup_overdue  # the home screen's reminder only
    from .assignments import current as current_assignments

    days = stats.practice_days(journal)
    current, _ = streaks(list(days), today)
    last_mood = journal.last_mood()
    counts = stats.status_counts(journal, (AWAITING, DRAFT))
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
        assignments=current_assignments(journal, today),
    )
