"""Therapy sessions: the built-in `session` note, the homework it turns into weekly goals, and
the list of sessions `cbt session list` and `cbt prep` read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ..errors import UsageError

if TYPE_CHECKING:
    from ..definitions.catalog import Catalog
    from ..journal import Entry, Journal

SESSION = "session"
CHECK_STEPS = ("heard", "my_topics", "approach", "overall")
LOW = 5  # a rating at or below this gets a gentle word about raising it
HOMEWORK_LINE = re.compile(r"^\s*([a-z0-9][a-z0-9-]*)\s+(.+?)\s*$")


@dataclass
class Homework:
    goals: dict[str, int] = field(default_factory=dict)
    tasks: list[str] = field(default_factory=list)
    unclear: list[str] = field(default_factory=list)  # an exercise named without how often


def read_homework(lines: list[str], catalog: Catalog) -> Homework:
    """'thought-record 3/week' is a goal; anything else is a task kept as written."""
    from ..definitions.goals import parse_frequency

    found = Homework()
    for line in lines:
        text = str(line).strip()
        if not text:
            continue
        match = HOMEWORK_LINE.match(text)
        known = match and catalog.known_or_none(match.group(1))
        if match and known:
            try:
                found.goals[match.group(1)] = parse_frequency(match.group(2))
                continue
            except UsageError:
                found.unclear.append(text)
        elif catalog.get_or_none(text.lower()) is not None:
            found.unclear.append(text)
        found.tasks.append(text)
    return found


def after_session(journal: Journal, catalog: Catalog, entry: Entry) -> list[str]:
    """Turn a finished session note's homework into goals, as the person chose; the notices
    say what changed."""
    from ..journal.goals import apply_goals

    homework = read_homework(list(entry.answers.get("homework") or []), catalog)
    notices = []
    choice = entry.answers.get("goals", "add")
    if homework.goals and choice in ("add", "replace"):
        apply_goals(journal, homework.goals, replace=choice == "replace")
        goals = ", ".join(f"{exercise} {n}/week" for exercise, n in homework.goals.items())
        verb = "Your goals are now" if choice == "replace" else "Added to your goals:"
        notices.append(f"{verb} {goals} (`cbt goal list` shows this week's progress).")
    for text in homework.unclear:
        notices.append(
            f"'{text}' is kept as a task; to make it a weekly goal, add how often, like "
            "`cbt goal set thought-record 3/week`."
        )
    low = [step for step in CHECK_STEPS if _number(entry.answers.get(step)) <= LOW]
    if low:
        notices.append(
            "Some of the session felt less right this time. That is worth saying to your "
            "therapist next time: they want to know, and it often helps the work fit you better."
        )
    return notices


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float) else 10.0


@dataclass
class Session:
    entry: Entry
    day: date | None  # the session's date as given ('today' read against when it was written)
    next_day: date | None
    homework: Homework

    @property
    def check(self) -> dict[str, Any]:
        return {step: self.entry.answers.get(step) for step in CHECK_STEPS}


def session_day(text: Any, written: date) -> date | None:
    from ..dates import parse_day

    if not text:
        return None
    try:
        return parse_day(str(text), written)
    except UsageError:
        return None


def sessions(journal: Journal, catalog: Catalog, include_private: bool = True) -> list[Session]:
    """Every finished session note, the oldest first."""
    from ..journal import COMPLETE
    from ..journal.filters import EntryFilter

    where = EntryFilter(
        exercises=(SESSION,),
        statuses=(COMPLETE,),
        shareable=not include_private,
        newest_first=False,
    )
    found = []
    for entry in journal.iter_entries(where):
        written = entry.started.date()
        found.append(
            Session(
                entry,
                session_day(entry.answers.get("date"), written) or written,
                session_day(entry.answers.get("next_session"), written),
                read_homework(list(entry.answers.get("homework") or []), catalog),
            )
        )
    found.sort(key=lambda s: (s.day or s.entry.started.date(), s.entry.started))
    return found
