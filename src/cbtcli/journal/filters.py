"""Turning what a person typed (dates, exercise names, words) into journal filters."""

from __future__ import annotations

from ..clock import now_local
from ..dates import day_range
from ..definitions.catalog import Catalog
from . import AWAITING, DRAFT, EntryFilter
from .records import MOOD_ID


def journal_filter(
    catalog: Catalog,
    since: str | None,
    until: str | None,
    exercises: list[str],
    search: str | None,
    drafts: bool,
    limit: int | None,
    flagged: bool = False,
) -> EntryFilter:
    start, end = day_range(since, until, now_local().date())
    for exercise_id in exercises:
        if exercise_id != MOOD_ID:  # `-e mood`: check-ins
            catalog.get(exercise_id)  # an unknown name is an error, not an empty list
    return EntryFilter(
        since=start.isoformat() if start else None,
        until=end.isoformat() if end else None,
        exercises=tuple(exercises),
        search=search or None,
        named_steps=feeling_steps(catalog) if search else (),
        statuses=(DRAFT, AWAITING) if drafts else (),
        flagged=flagged,
        limit=limit,
    )


def feeling_steps(catalog: Catalog) -> tuple[str, ...]:
    """The steps whose answers are feelings by name, so searching 'anxious' finds them."""
    return tuple(
        sorted(
            {
                step.id
                for exercise in catalog.exercises.values()
                for step in exercise.steps
                if step.type in ("emotions", "rerate")
            }
        )
    )
