"""Storage of fear ladders, their steps and the practices done on them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..errors import CbtError
from .records import local_day, to_utc_text

if TYPE_CHECKING:
    from .store import Journal


@dataclass(frozen=True)
class Practice:
    """What one exposure practice of a step recorded, for the mastery rule. Fields a practice
    from before exposure version 2 lacks are None."""

    peak: int | None = None
    likelihood_before: int | None = None  # how likely the feared outcome felt beforehand
    likelihood_after: int | None = None  # the same, re-rated afterwards
    feared_outcome: str | None = None  # "yes", "partly" or "no"
    safety_habits_used: int = 0  # how many were listed (an empty list is stored as no answer)


def practice_from_answers(answers: dict, peak: int | None) -> Practice:
    used = answers.get("safety_behaviours_used")
    return Practice(
        peak=peak,
        likelihood_before=_number(answers.get("expectation_likelihood")),
        likelihood_after=_number(answers.get("likelihood_after")),
        feared_outcome=answers.get("feared_outcome_happened"),
        safety_habits_used=len(used) if isinstance(used, list) else 0,
    )


def _number(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@dataclass
class LadderStep:
    id: str
    text: str
    suds: int
    mastered_at: str | None = None
    removed: bool = False
    practices: list[Practice] = field(default_factory=list)  # oldest first

    @property
    def peaks(self) -> list[int | None]:
        return [practice.peak for practice in self.practices]

    @property
    def mastered(self) -> bool:
        return self.mastered_at is not None


@dataclass
class Ladder:
    id: str
    name: str
    entry_id: str | None
    created_at: str
    archived: bool
    steps: list[LadderStep] = field(default_factory=list)  # current steps, least to most

    @property
    def mastered_count(self) -> int:
        return sum(step.mastered for step in self.steps)


def _read(journal: Journal, row: dict) -> Ladder:
    ladder = Ladder(
        id=row["id"],
        name=row["name"],
        entry_id=row["entry_id"],
        created_at=row["created_at"],
        archived=bool(row["archived"]),
    )
    steps = journal.query(
        "SELECT * FROM ladder_steps WHERE ladder_id = ? AND removed = 0 ORDER BY suds, rowid",
        [ladder.id],
    )
    done = journal.query(
        """SELECT p.step_id, p.peak, e.answers FROM ladder_practices p
           JOIN entries e ON e.id = p.entry_id
           WHERE p.ladder_id = ? ORDER BY p.practised_at, p.rowid""",
        [ladder.id],
    )
    for row_ in steps:
        step = LadderStep(row_["id"], row_["text"], row_["suds"], row_["mastered_at"])
        step.practices = [
            practice_from_answers(_answers(p["answers"]), p["peak"])
            for p in done
            if p["step_id"] == step.id
        ]
        ladder.steps.append(step)
    return ladder


def _answers(text: str) -> dict:
    import json

    try:
        found = json.loads(text)
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def all_ladders(journal: Journal, include_archived: bool = False) -> list[Ladder]:
    sql = "SELECT * FROM ladders" + ("" if include_archived else " WHERE archived = 0")
    return [_read(journal, row) for row in journal.query(sql + " ORDER BY created_at")]


def find_ladder(journal: Journal, name: str) -> Ladder:
    rows = journal.query(
        "SELECT * FROM ladders WHERE lower(name) = lower(?) ORDER BY archived, created_at DESC",
        [name.strip()],
    )
    if not rows:
        known = ", ".join(ladder.name for ladder in all_ladders(journal)) or "none yet"
        raise CbtError(f"There is no ladder called '{name}' (your ladders: {known}).")
    return _read(journal, rows[0])


def ladder_by_id(journal: Journal, ladder_id: str) -> Ladder | None:
    rows = journal.query("SELECT * FROM ladders WHERE id = ?", [ladder_id])
    return _read(journal, rows[0]) if rows else None


def names_built_by(journal: Journal, entry_id: str) -> list[str]:
    """The ladders an entry built: they outlive it, with their practices."""
    rows = journal.query("SELECT name FROM ladders WHERE entry_id = ? ORDER BY name", [entry_id])
    return [row["name"] for row in rows]


def name_taken(journal: Journal, name: str, except_id: str | None = None) -> bool:
    rows = journal.query(
        "SELECT id FROM ladders WHERE lower(name) = lower(?) AND archived = 0", [name.strip()]
    )
    return any(row["id"] != except_id for row in rows)


def save_ladder(
    journal: Journal,
    ladder_id: str,
    name: str,
    steps: list[dict],
    entry_id: str | None,
    when: datetime,
) -> None:
    """Create or update a ladder from {id, text, suds} items; a missing step is marked removed,
    never deleted, so its past practices keep their step."""
    with journal.transaction():
        journal.conn.execute(
            """INSERT INTO ladders (id, name, entry_id, created_at) VALUES (?, ?, ?, ?)
               ON CONFLICT(id) DO UPDATE SET name = excluded.name""",
            [ladder_id, name, entry_id, to_utc_text(when)],
        )
        journal.conn.execute("UPDATE ladder_steps SET removed = 1 WHERE ladder_id = ?", [ladder_id])
        for item in steps:
            journal.conn.execute(
                """INSERT INTO ladder_steps (id, ladder_id, text, suds) VALUES (?, ?, ?, ?)
                   ON CONFLICT(ladder_id, id) DO UPDATE SET text = excluded.text,
                   suds = excluded.suds, removed = 0""",
                [item["id"], ladder_id, item["text"], item["suds"]],
            )


def record_practice(
    journal: Journal,
    entry_id: str,
    ladder_id: str,
    step_id: str,
    peak: int | None,
    when: datetime,
    day: str | None = None,
) -> None:
    with journal.transaction():
        journal.conn.execute(
            """INSERT INTO ladder_practices VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT(entry_id) DO UPDATE SET ladder_id = excluded.ladder_id,
               step_id = excluded.step_id, peak = excluded.peak""",
            [entry_id, ladder_id, step_id, peak, to_utc_text(when), day or local_day(when)],
        )


def set_mastered(journal: Journal, ladder_id: str, step_id: str, when: datetime | None) -> None:
    with journal.transaction():
        journal.conn.execute(
            "UPDATE ladder_steps SET mastered_at = ? WHERE ladder_id = ? AND id = ?",
            [to_utc_text(when) if when else None, ladder_id, step_id],
        )


def keep_only_steps(journal: Journal, ladder_id: str, live: list[str]) -> None:
    """Mark every step of the ladder not in `live` removed (its practices still point at it)."""
    journal.conn.execute(
        f"UPDATE ladder_steps SET removed = 1 WHERE ladder_id = ? AND id NOT IN ({','.join('?' * len(live))})",
        [ladder_id, *live],
    )


def step_rows(journal: Journal, ladder_id: str) -> list[dict[str, Any]]:
    """Every step of a ladder as stored (removed ones too), in the order they were added."""
    return journal.query(
        "SELECT id, text, suds, removed, mastered_at FROM ladder_steps WHERE ladder_id = ? ORDER BY rowid",
        [ladder_id],
    )


def practice_rows(journal: Journal, ladder_id: str) -> list[dict[str, Any]]:
    """Every practice done on a ladder, oldest first."""
    return journal.query(
        "SELECT entry_id, step_id, peak, practised_at, local_day FROM ladder_practices"
        " WHERE ladder_id = ? ORDER BY practised_at, rowid",
        [ladder_id],
    )


def set_archived(journal: Journal, ladder_id: str, archived: bool) -> None:
    with journal.transaction():
        journal.conn.execute(
            "UPDATE ladders SET archived = ? WHERE id = ?", [int(archived), ladder_id]
        )
