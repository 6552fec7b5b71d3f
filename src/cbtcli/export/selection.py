"""What an export holds: which entries, the period, and a short overview for the top."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ..definitions.catalog import Catalog
from ..definitions.model import Exercise
from ..insights.summary import MoodSummary, Period, mood_summary
from ..journal import COMPLETE, Entry, Journal, Mood
from ..journal.filters import EntryFilter
from ..journal.selection import (
    answer_rows,
    counts_by_exercise,
    entry_day_span,
    mood_day_span,
    private_entry_count,
)
from ..journal.stats import practice_days
from ..views.fields import Field, entry_fields
from ..wording import counted

if TYPE_CHECKING:
    from .ahead import FoundAhead, Summary


@dataclass(repr=False, eq=False)
class Selection:
    """The entries an export covers, with everything the writers need about them."""

    journal: Journal
    catalog: Catalog
    where: EntryFilter
    include_private: bool
    name: str
    today: date
    with_moods: bool = True  # no -e, or -e mood among them
    period: Period = field(init=False)
    counts: dict[str, int] = field(init=False)  # entries by exercise title
    exercise_ids: list[str] = field(init=False)  # of the entries exported
    withheld_entries: int = field(init=False)
    withheld_answers: int = field(init=False)
    notes: list[str] = field(init=False, default_factory=list)  # a writer's one-line warnings
    unread: set[str] = field(init=False, default_factory=set)  # exercises that cannot be read
    sealed: bool = field(init=False, default=False)  # encrypted as written: nothing on disk
    ahead: FoundAhead | None = field(init=False, default=None)  # once entries are rendered

    def __post_init__(self) -> None:
        rows = counts_by_exercise(self.journal, self.where)
        self.counts = {row["title"]: row["n"] for row in rows}
        self.exercise_ids = [row["exercise_id"] for row in rows]
        first, last = self.day_span()
        since = date.fromisoformat(self.where.since) if self.where.since else first
        until = date.fromisoformat(self.where.until) if self.where.until else last
        self.period = Period(since or self.today, until or self.today)
        self.withheld_entries = 0
        if not self.include_private:
            self.withheld_entries = private_entry_count(self.journal, self.where)
        self.withheld_answers = 0 if self.include_private else self.count_private_answers()

    def day_span(self) -> tuple[date | None, date | None]:
        """The first and last day with an entry or a mood check-in being exported."""
        spans = [entry_day_span(self.journal, self.where)]
        if not self.where.flagged:
            spans.append(mood_day_span(self.journal))
        firsts = [span["first"] for span in spans if span["first"]]
        lasts = [span["last"] for span in spans if span["last"]]
        return (
            date.fromisoformat(min(firsts)) if firsts else None,
            date.fromisoformat(max(lasts)) if lasts else None,
        )

    def count_private_answers(self) -> int:
        """Answers withheld by the privacy rule (`privacy.private_steps`), over the entries
        exported: the steps private when each was written, and those private today."""
        import json

        today: dict[str, frozenset[str]] = {}
        for exercise_id in self.exercise_ids:  # only the exercises exported: reading all is slow
            exercise = self.catalog.get_or_none(exercise_id)
            if exercise is not None and exercise.private_step_ids:
                today[exercise_id] = exercise.private_step_ids
        total = 0
        for row in answer_rows(self.journal, self.where, list(today)):
            hidden = today.get(row["exercise_id"], frozenset()).union(
                json.loads(row["private_steps"])
            )
            if hidden:
                total += len(hidden & set(json.loads(row["answers"])))
        return total

    def answers(self, entry: Entry) -> dict[str, Any]:
        """What of an entry's answers this export may hold (see privacy.shareable_answers)."""
        from ..journal.privacy import shareable_answers

        return shareable_answers(entry, self.exercise(entry), self.include_private)[0]

    def entries(self) -> Iterator[Entry]:
        """The entries, oldest first, one at a time (a bar shows progress on a long export)."""
        from ..terminal.progress import Progress

        with Progress("Exporting", sum(self.counts.values())) as progress:
            for entry in self.journal.iter_entries(self.where):
                yield entry
                progress.advance()

    def exercise(self, entry: Entry) -> Exercise | None:
        """The entry's exercise; when it cannot be read, the entry is exported with the labels
        and private steps it recorded, and the export says so once per exercise."""
        found = self.catalog.for_entry(entry)
        if found is None and entry.exercise_id not in self.unread:
            self.unread.add(entry.exercise_id)
            self.notes.append(
                f"The exercise '{entry.exercise_id}' could not be read (its file is missing or "
                "broken), so its entries were exported with the step labels and private steps "
                "they recorded."
            )
        return found

    def fields(self, entry: Entry) -> list[Field]:
        return entry_fields(entry, self.exercise(entry), self.include_private)[0]

    def moods(self) -> list[Mood]:
        """The check-ins of the period: none when the export is narrowed to other exercises,
        or to flagged entries (a check-in is never flagged)."""
        if not self.with_moods or self.where.flagged:
            return []
        return self.journal.moods(self.period.since.isoformat(), self.period.until.isoformat())

    def check_ins(self) -> list[tuple[datetime, str]]:
        """Each check-in as (when, one line of what may be shared): its score, feelings, note
        and activities, read as an entry through the one privacy rule like every entry."""
        ahead = self.found_ahead()
        return ahead.check_ins if ahead is not None else self.found_check_ins()

    def found_check_ins(self) -> list[tuple[datetime, str]]:
        lines = []
        for mood in self.moods():
            parts = []
            for item in self.fields(mood.as_entry()):
                listed = "; ".join(item.items)
                words = f"{item.text.rstrip('.')}: {listed}" if item.text and listed else None
                words = words or item.text or listed
                parts.append(f"{item.label}: {words}")
            lines.append((mood.recorded, " · ".join(parts)))
        return lines

    def mood_overview(self) -> MoodSummary | None:
        return mood_summary(self.journal, self.period)

    def measures(self) -> list[Any]:
        from ..insights.measures import summaries

        return summaries(self.journal, *self.period.args())

    def measures_together(self) -> str | None:
        from ..insights.measures import joint_summary

        found = joint_summary(self.journal, self.period.until.isoformat())
        return found[1] if found else None

    def days_practised(self) -> int:
        return len(practice_days(self.journal, *self.period.args()))

    def overview(self) -> tuple[list[tuple[str, str]], list[tuple[date, float]]]:
        """The header every readable format shows: (label, text) rows, and the mood points
        for its chart. Texts are plain; each writer escapes them for its format."""
        ahead = self.found_ahead()
        return ahead.overview if ahead is not None else self.found_overview()

    def found_overview(self) -> tuple[list[tuple[str, str]], list[tuple[date, float]]]:
        rows: list[tuple[str, str]] = []
        if self.counts:
            rows.append(("Entries", ", ".join(f"{title} {n}" for title, n in self.counts.items())))
        mood = self.mood_overview()
        points: list[tuple[date, float]] = []
        if mood is not None:
            change = ""
            if mood.change is not None:
                change = f"; first week {mood.first_week_average:g} → last week {mood.last_week_average:g}"
            rows.append(
                (
                    "Mood",
                    f"average {mood.average:g} / 10 over {counted(mood.check_ins, 'check-ins')} "
                    f"(lowest {mood.lowest}, highest {mood.highest}){change}",
                )
            )
            points = [(date.fromisoformat(p["date"]), p["average"]) for p in mood.points]
        measures = self.measures()
        rows += [(measure.title, measure.sentence) for measure in measures]
        together = self.measures_together() if measures else None
        if together:
            rows.append(("PHQ-9 and GAD-7", together))
        rows.append(("Practice", f"{self.days_practised()} of {counted(self.period.days, 'days')}"))
        if self.withheld_note:
            rows.append(("Privacy", self.withheld_note))
        return rows, points

    @property
    def has_patterns(self) -> bool:
        """An export narrowed to some entries (flagged, or some exercises) has no patterns:
        they would speak of entries the person chose not to share."""
        return not (self.where.flagged or self.where.exercises)

    def rendered(self, render: Callable[[Entry], str]) -> FoundAhead:
        """The entries' texts as `render` sets them out, oldest first (with a `count` of them);
        a long export's entries are set out while its overview, patterns and check-ins are
        found in another process (see ahead.py)."""
        from .ahead import FoundAhead

        self.ahead = FoundAhead(self, render)
        return self.ahead

    def found_ahead(self) -> Summary | None:
        return self.ahead.summary() if self.ahead is not None else None

    def patterns(self) -> list[tuple[str, list[str]]]:
        """`cbt patterns` for the export's period, as (title, sentences), drawn only from what
        may be shared."""
        ahead = self.found_ahead()
        return ahead.patterns if ahead is not None else self.found_patterns()

    def found_patterns(self) -> list[tuple[str, list[str]]]:
        """The patterns, found in this process."""
        if not self.has_patterns:
            return []
        from ..insights.patterns import find_patterns
        from ..views.patterns import pattern_sections

        found = find_patterns(
            self.journal,
            self.period.since,
            self.period.until,
            self.include_private,
            self.catalog.get_or_none,
        )
        return pattern_sections(found)

    @property
    def title(self) -> str:
        return f"CBT practice journal: {self.name}" if self.name else "CBT practice journal"

    @property
    def withheld_note(self) -> str:
        parts = []
        if self.withheld_entries:
            parts.append(
                f"{self.withheld_entries} private entr{'y' if self.withheld_entries == 1 else 'ies'}"
            )
        if self.withheld_answers:
            parts.append(
                f"{self.withheld_answers} private answer{'s' if self.withheld_answers != 1 else ''}"
            )
        return " and ".join(parts) + " left out." if parts else ""


def status_word(entry: Entry) -> str:
    return "" if entry.status == COMPLETE else f" ({entry.status})"
