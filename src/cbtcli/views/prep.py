"""`cbt prep`: one page for the next therapy session, covering everything since the last.

The page is a simple list of sections, each built by one function from `SECTIONS`, so a new
section is one more function. What of an entry may appear is decided by the one privacy rule
(privacy.shareable_answers, through readable.entry_fields); private entries stay out unless
asked for."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..definitions.check_in import is_check_in
from ..wording import counted, short_day

if TYPE_CHECKING:
    from ..definitions.catalog import Catalog
    from ..definitions.model import Exercise
    from ..guide.sessions import Session
    from ..journal import Entry, Journal


@dataclass
class Section:
    title: str
    lines: list[str] = field(default_factory=list)  # plain text; "- " starts a list item


@dataclass
class PrepContext:
    journal: Journal
    catalog: Catalog
    since: date
    until: date
    include_private: bool
    last_session: Session | None
    talk_about: str = ""

    def entries(self, *exercises: str, flagged: bool = False) -> list[Entry]:
        from ..journal import COMPLETE
        from ..journal.filters import EntryFilter

        where = EntryFilter(
            since=self.since.isoformat(),
            until=self.until.isoformat(),
            exercises=exercises,
            flagged=flagged,
            shareable=not self.include_private,
            statuses=(COMPLETE,),
            newest_first=False,
        )
        return list(self.journal.iter_entries(where))


@dataclass
class PrepPage:
    since: date
    until: date
    sections: list[Section]


def homework_section(ctx: PrepContext) -> Section | None:
    """Each goal agreed (at the last session, or set since), how often it was done and when,
    and a kind note on each entry about what a complete one has."""
    from ..insights.assignments import title_of
    from ..journal.goals import goals

    agreed = dict(ctx.last_session.homework.goals) if ctx.last_session else {}
    for exercise_id, per_week in goals(ctx.journal).items():
        agreed.setdefault(exercise_id, per_week)
    tasks = ctx.last_session.homework.tasks if ctx.last_session else []
    if not agreed and not tasks:
        return None
    weeks = max(1, round(((ctx.until - ctx.since).days + 1) / 7))
    section = Section("Homework: agreed and done")
    for exercise_id, per_week in agreed.items():
        exercise = ctx.catalog.get_or_none(exercise_id)
        title = title_of(ctx.catalog, exercise_id)
        entries = ctx.entries(exercise_id)  # none for check-ins: they are days, not entries
        days = done_days(ctx, exercise_id)
        expected = per_week * weeks
        when = ", ".join(short_day(d) for d in days) if days else "not yet"
        section.lines.append(
            f"- {title}: agreed {per_week} a week ({expected} over "
            f"{counted(weeks, 'weeks')}); done {len(days)} ({when})"
        )
        for entry in entries:
            section.lines.append(
                f"  - {short_day(entry.started.date())}: {quality_note(entry, exercise)}"
            )
    for task in tasks:
        section.lines.append(f"- Also agreed: {task}")
    return section


def assignments_section(ctx: PrepContext) -> Section | None:
    """Each assignment from the therapist that ran during the period (a replaced one is
    left out): its note, and how often each goal and questionnaire was done while it ran."""
    from ..insights.assignments import stored, title_of
    from .assignments import every

    section = Section("Assignments from my therapist")
    for assignment in stored(ctx.journal):
        ends = assignment.until or ctx.until
        if assignment.replaced or assignment.received > ctx.until or ends < ctx.since:
            continue
        until = f", until {short_day(assignment.until)}" if assignment.until else ""
        section.lines.append(
            f"- From {assignment.sender}, received {short_day(assignment.received)}{until}"
        )
        section.lines += [f"  {line}" for line in assignment.note.splitlines() if line.strip()]
        start, end = max(assignment.received, ctx.since), min(ends, ctx.until)
        asked = [(e, f"{n} a week") for e, n in assignment.goals.items()]
        asked += [(m.id, every(m.every_days)) for m in assignment.measures]
        for exercise_id, how_often in asked:
            days = [d for d in done_days(ctx, exercise_id) if start <= d <= end]
            when = ", ".join(short_day(d) for d in days) if days else "not yet"
            section.lines.append(
                f"  {title_of(ctx.catalog, exercise_id)}, {how_often}: done {len(days)} ({when})"
            )
    return section if section.lines else None


def done_days(ctx: PrepContext, exercise_id: str) -> list[date]:
    """Days in the period an exercise (or a mood check-in) was done, from what may be shared."""
    if is_check_in(exercise_id):
        return [m.recorded.date() for m in ctx.journal.moods(*period_args(ctx))]
    return [e.started.date() for e in ctx.entries(exercise_id)]


def period_args(ctx: PrepContext) -> tuple[str, str]:
    return ctx.since.isoformat(), ctx.until.isoformat()


def needed_steps(exercise: Exercise) -> list[str]:
    """What makes an entry of this exercise complete, read from its definition: every
    re-rating (a step with `of:`, such as belief in the thought after, or a feared outcome
    rated again), and the evidence against a thought."""
    return [
        step.id
        for step in exercise.steps
        if step.of is not None or step.id.startswith("evidence_against")
    ]


def quality_note(entry: Entry, exercise: Exercise | None) -> str:
    if exercise is None:
        return "done"
    missing = [
        step.short_label
        for step in exercise.steps
        if step.id in needed_steps(exercise) and entry.answers.get(step.id) in (None, "", [], {})
    ]
    if not missing:
        return "complete"
    return (
        f"done, without {', '.join(m[0].lower() + m[1:] for m in missing)} yet "
        "(often the hardest part; a good thing to try together)"
    )


def measures_section(ctx: PrepContext) -> Section | None:
    from ..insights.measures import summaries
    from ..journal.selection import private_entry_ids

    withheld = set() if ctx.include_private else private_entry_ids(ctx.journal)
    section = Section("Questionnaires")
    for measure in summaries(ctx.journal, *period_args(ctx)):
        shown = [s for s in measure.scores if s.entry_id not in withheld]
        if not shown:
            continue
        scores = ", ".join(
            f"{s.total} of {measure.high} on {short_day(s.day)} ({s.band})" for s in shown
        )
        section.lines.append(f"- {measure.title}: {scores}.")
        if len(shown) == len(measure.scores):
            section.lines.append(f"  {measure.sentence}")
    return section if section.lines else None


def mood_section(ctx: PrepContext) -> Section | None:
    from ..insights.summary import Period, mood_summary

    mood = mood_summary(ctx.journal, Period(ctx.since, ctx.until))
    if mood is None or mood.average is None:
        return None
    line = (
        f"Average {mood.average:g} out of 10 over {counted(mood.check_ins, 'check-ins')} "
        f"(lowest {mood.lowest}, highest {mood.highest})."
    )
    first, last = mood.first_week_average, mood.last_week_average
    if mood.change is not None and first is not None and last is not None and first != last:
        trend = "higher" if last > first else "lower"
        line += f" The last week averaged {last:g}, {trend} than the first week's {first:g}."
    return Section("Mood", [line])


def flagged_section(ctx: PrepContext) -> Section | None:
    from .fields import entry_fields

    section = Section("Flagged to discuss")
    for entry in ctx.entries(flagged=True):
        exercise = ctx.catalog.get_or_none(entry.exercise_id)
        section.lines.append(f"- {entry.exercise_title}, {short_day(entry.started.date())}")
        for item in entry_fields(entry, exercise, ctx.include_private)[0]:
            if item.text:
                section.lines.append(f"  {item.label}: {' '.join(item.text.split())}")
            for value in item.items:
                section.lines.append(f"  {item.label}: {value}")
    return section if section.lines else None


def alerts_section(ctx: PrepContext) -> Section | None:
    """When crisis resources were shown: the dates only, unless the entry is flagged (then it
    is in full above). What was written stays with the person."""
    days = [
        (e.started.date(), e.exercise_title) for e in ctx.entries() if e.alerts and not e.flagged
    ]
    days += [
        (m.recorded.date(), "Mood check-in")
        for m in ctx.journal.moods(*period_args(ctx))
        if m.alerts
    ]
    if not days:
        return None
    lines = [f"- {short_day(day)} ({what})" for day, what in sorted(days)]
    return Section("Times cbt showed crisis resources", lines)


def talk_section(ctx: PrepContext) -> Section | None:
    if not ctx.talk_about.strip():
        return None
    return Section("What I want to talk about", ctx.talk_about.strip().splitlines())


def patterns_section(ctx: PrepContext) -> Section | None:
    """What `cbt patterns` finds over the same period, from what may be shared."""
    from ..insights.patterns import find_patterns
    from .patterns import BULLET, pattern_sections

    found = find_patterns(
        ctx.journal,
        ctx.since,
        ctx.until,
        ctx.include_private,
        ctx.catalog.get_or_none,
    )
    lines = []
    for title, sentences in pattern_sections(found):
        lines.append(f"{title}:")
        lines += [
            f"- {s.removeprefix(BULLET)}" if s.startswith(BULLET) else f"  {s}" for s in sentences
        ]
    return Section("Patterns", lines) if lines else None


SECTIONS: list[Callable[[PrepContext], Section | None]] = [
    talk_section,
    homework_section,
    assignments_section,
    measures_section,
    mood_section,
    patterns_section,
    flagged_section,
    alerts_section,
]


def prep_page(
    journal: Journal,
    catalog: Catalog,
    today: date,
    since: date | None = None,
    include_private: bool = False,
    talk_about: str = "",
) -> PrepPage:
    """Everything since the last session note (or `since`; four weeks when there is none)."""
    from ..guide.sessions import sessions

    found = [s for s in sessions(journal, catalog, include_private) if s.day and s.day <= today]
    last = found[-1] if found else None
    start = since or (last.day if last and last.day else today - timedelta(days=27))
    ctx = PrepContext(journal, catalog, start, today, include_private, last, talk_about)
    built = [make(ctx) for make in SECTIONS]
    return PrepPage(start, today, [s for s in built if s is not None])
