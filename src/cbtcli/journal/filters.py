"""Turning what a person typed (dates, exercise names, words) into journal filters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..clock import now_local
from ..dates import day_range
from .records import AWAITING, DRAFT

if TYPE_CHECKING:  # the exercise definitions take a while to import; a filter rarely needs them
    from ..definitions.catalog import Catalog


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
        catalog.known(exercise_id)  # an unknown name is an error, not an empty list
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
                if step.kind.names_feelings
            }
        )
    )


@dataclass
class EntryFilter:
    since: str | None = None  # local day, inclusive
    until: str | None = None  # local day, inclusive
    exercises: tuple[str, ...] = ()
    search: str | None = None
    named_steps: tuple[str, ...] = ()  # steps whose answers name things (feelings) to search
    statuses: tuple[str, ...] = ()
    flagged: bool = False
    shareable: bool = False  # leave out entries marked private
    limit: int | None = None
    newest_first: bool = True

    def is_everything(self) -> bool:
        """True when nothing narrows the list, so an empty result means an empty journal."""
        return not (
            self.since
            or self.until
            or self.exercises
            or self.search
            or self.statuses
            or self.flagged
        )


def day_clauses(since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if since:
        clauses.append("local_day >= ?")
        params.append(since)
    if until:
        clauses.append("local_day <= ?")
        params.append(until)
    return clauses, params


def search_clause(words: str, named_steps: tuple[str, ...]) -> tuple[str, list[Any]]:
    """Entries with `words` in what the person wrote: any text in the answers, and the names
    in `named_steps` (feelings), but not the answers' keys ("situation" is in every thought
    record's JSON, not in what anyone wrote)."""
    pattern = "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    named = ""
    params: list[Any] = [pattern]
    if named_steps:
        named = (
            f" OR (t.path IN ({','.join('?' * len(named_steps))})"
            " AND typeof(t.key) = 'text' AND t.key LIKE ? ESCAPE '\\')"
        )
        params += [f"$.{step}" for step in named_steps] + [pattern]
    clause = (
        "EXISTS (SELECT 1 FROM json_tree(entries.answers) AS t"
        f" WHERE (t.type = 'text' AND t.atom LIKE ? ESCAPE '\\'){named})"
    )
    if words.isascii() and words.isprintable() and not any(c in words for c in '"\\'):
        # Such words appear in the stored JSON exactly as typed (JSON escapes only quotes,
        # backslashes and control characters): a plain LIKE first spares json_tree the
        # entries that can't match.
        clause = "answers LIKE ? ESCAPE '\\' AND " + clause
        params.insert(0, pattern)
    return clause, params


def entry_clauses(where: EntryFilter) -> tuple[list[str], list[Any]]:
    clauses, params = day_clauses(where.since, where.until)
    if where.exercises:
        clauses.append(f"exercise_id IN ({','.join('?' * len(where.exercises))})")
        params.extend(where.exercises)
    if where.statuses:
        clauses.append(f"status IN ({','.join('?' * len(where.statuses))})")
        params.extend(where.statuses)
    if where.search:
        clause, found = search_clause(where.search, where.named_steps)
        clauses.append(clause)
        params.extend(found)
    if where.flagged:
        clauses.append("flagged = 1")
    if where.shareable:
        clauses.append("private = 0")
    return clauses, params
