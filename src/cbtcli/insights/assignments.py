"""Homework from a therapist: what an assignment will change (a plan shown before asking),
making those changes, and each assignment's progress for `cbt assignments`, the home screen
and `cbt prep`. Nothing of the person's is ever replaced: their own goals stay, and an
exercise file of theirs is never written over (assignment_file refuses one that would be)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..clock import today
from ..definitions.assignment_file import AssignedMeasure, Assignment
from ..definitions.check_in import CHECK_INS, is_check_in

if TYPE_CHECKING:
    from pathlib import Path

    from ..definitions.catalog import Catalog
    from ..journal import Journal


@dataclass(frozen=True)
class StoredAssignment:
    id: str
    sender: str
    note: str
    until: date | None
    exercises: list[str]
    goals: dict[str, int]
    measures: list[AssignedMeasure]
    received: date
    replaced: bool

    def active(self, on: date) -> bool:
        return not self.replaced and (self.until is None or self.until >= on)


def stored(journal: Journal) -> list[StoredAssignment]:
    """Every assignment received, the oldest first."""
    from ..journal.assignments import assignment_rows

    return [
        StoredAssignment(
            row["id"],
            row["sender"],
            row["note"],
            date.fromisoformat(row["until"]) if row["until"] else None,
            list(row["exercises"]),
            dict(row["goals"]),
            [AssignedMeasure(m["id"], m["title"], m["every_days"]) for m in row["measures"]],
            date.fromisoformat(row["local_day"]),
            row["replaced_at"] is not None,
        )
        for row in assignment_rows(journal)
    ]


def current(journal: Journal, on: date) -> list[StoredAssignment]:
    return [a for a in stored(journal) if a.active(on)]


@dataclass
class Plan:
    assignment: Assignment
    replacing: list[StoredAssignment]
    goals_set: dict[str, int] = field(default_factory=dict)
    # the person's own goals, which stay: exercise -> (theirs, what the assignment suggests)
    goals_kept: dict[str, tuple[int, int]] = field(default_factory=dict)
    goals_ending: list[str] = field(default_factory=list)  # a replaced assignment's


def make_plan(journal: Journal, assignment: Assignment, replacing: list[StoredAssignment]) -> Plan:
    from ..journal.goals import goal_sources

    plan = Plan(assignment, replacing)
    existing = goal_sources(journal)
    ending = {a.id for a in replacing}
    for exercise_id, per_week in assignment.goals.items():
        theirs, source = existing.get(exercise_id, (None, None))
        if theirs is not None and source is None:
            plan.goals_kept[exercise_id] = (theirs, per_week)
        else:
            plan.goals_set[exercise_id] = per_week
    plan.goals_ending = sorted(
        exercise_id
        for exercise_id, (_n, source) in existing.items()
        if source in ending and exercise_id not in plan.goals_set
    )
    return plan


def exercise_file_text(plan: Plan, definition: dict) -> str:
    """The definition as an exercise file of its own, texts of several lines kept as blocks
    (`|`), so it reads like the one the therapist wrote."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    head = (
        f"# Added by `cbt assign` from an assignment from {plan.assignment.sender}, "
        f"{today().isoformat()}.\n"
    )
    body = yaml.dump(definition, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=96)
    return head + body


def carry_out(journal: Journal, plan: Plan) -> str:
    """Add the exercises, then keep the assignment and set its goals in one transaction; if
    that fails, the exercise files just written go again, so nothing is half-done."""
    import contextlib

    from ..journal.assignments import record_assignment
    from ..paths import ensure_private_dir, remove_empty, write_private_text

    written = []
    made: list[Path] = []
    assignment = plan.assignment
    try:
        for embedded in assignment.embedded:
            if embedded.already_there:
                continue
            made += ensure_private_dir(embedded.path.parent)
            text = exercise_file_text(plan, embedded.definition)
            write_private_text(embedded.path, text, replace=False)
            written.append(embedded.path)
        row = {
            "sender": assignment.sender,
            "note": assignment.note,
            "until": assignment.until.isoformat() if assignment.until else None,
            "exercises": assignment.exercise_ids,
            "goals": assignment.goals,
            "measures": [vars(m) for m in assignment.measures],
            "file": assignment.text,
        }
        return record_assignment(journal, row, plan.goals_set, [a.id for a in plan.replacing])
    except BaseException:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        remove_empty(made)  # and the folders made for them
        raise


def measure_schedule(journal: Journal, on: date) -> dict[str, AssignedMeasure]:
    """The questionnaires current assignments ask for, each at its most frequent."""
    found: dict[str, AssignedMeasure] = {}
    for assignment in current(journal, on):
        for measure in assignment.measures:
            if measure.id not in found or measure.every_days < found[measure.id].every_days:
                found[measure.id] = measure
    return found


@dataclass(frozen=True)
class GoalProgress:
    exercise: str
    title: str
    per_week: int
    this_week: int  # done from Monday to today
    days: list[date]  # each day it was done since the assignment came


@dataclass(frozen=True)
class MeasureProgress:
    measure: AssignedMeasure
    last: date | None  # the last time it was done, ever
    next_due: date  # today or earlier when due


@dataclass(frozen=True)
class Progress:
    assignment: StoredAssignment
    exercises: list[tuple[str, str]]  # (id, title)
    goals: list[GoalProgress]
    measures: list[MeasureProgress]


def title_of(catalog: Catalog, exercise_id: str, assignment: Assignment | None = None) -> str:
    """An exercise's title, from the catalog or from the assignment that brings it."""
    if is_check_in(exercise_id):
        return CHECK_INS
    exercise = catalog.get_or_none(exercise_id)
    if exercise is None and assignment is not None:
        found = (e.exercise for e in assignment.embedded if e.exercise.id == exercise_id)
        exercise = next(found, None)
    return exercise.title if exercise else exercise_id


def progress(
    journal: Journal, catalog: Catalog, assignment: StoredAssignment, on: date
) -> Progress:
    from ..dates import week_start
    from ..journal.assignments import done_days, last_done

    end = min(on, assignment.until) if assignment.until else on
    monday = week_start(on)
    goals = []
    for exercise_id, per_week in assignment.goals.items():
        days = [
            date.fromisoformat(d)
            for d in done_days(
                journal, exercise_id, assignment.received.isoformat(), end.isoformat()
            )
        ]
        this_week = sum(1 for d in days if d >= monday)
        goals.append(
            GoalProgress(exercise_id, title_of(catalog, exercise_id), per_week, this_week, days)
        )
    measures = []
    for measure in assignment.measures:
        text = last_done(journal, measure.id)
        last = date.fromisoformat(text) if text else None
        due = last + timedelta(days=measure.every_days) if last else assignment.received
        measures.append(MeasureProgress(measure, last, due))
    exercises = [(e, title_of(catalog, e)) for e in assignment.exercises]
    return Progress(assignment, exercises, goals, measures)
