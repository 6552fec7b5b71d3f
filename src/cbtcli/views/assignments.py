"""How assignments read: what one will change (shown before asking), each one's progress for
`cbt assignments` and `cbt prep`, and a line on the home screen. Plain strings, so the terminal
and every prep format print the same words."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..wording import short_day

if TYPE_CHECKING:
    from ..definitions.catalog import Catalog
    from ..insights.assignments import Plan, Progress, StoredAssignment


def long_day(day: date) -> str:
    return f"{short_day(day)} {day.year}"


def every(days: int) -> str:
    return "every day" if days == 1 else f"every {days} days"


def plan_lines(plan: Plan, catalog: Catalog) -> list[str]:
    from ..insights.assignments import title_of as catalog_title

    assignment = plan.assignment

    def title_of(_catalog: Catalog, exercise_id: str) -> str:
        return catalog_title(catalog, exercise_id, assignment)

    until = f", until {long_day(assignment.until)}" if assignment.until else ""
    lines = [f"An assignment from {assignment.sender}{until}."]
    if assignment.note:
        lines.append("Their note:")
        lines += [f"  {line}" for line in assignment.note.splitlines()]
    lines.append("It will:")
    for embedded in assignment.embedded:
        exercise = embedded.exercise
        if embedded.already_there:
            lines.append(f"- use the exercise '{exercise.title}', already in your exercises folder")
        else:
            lines.append(
                f"- add the exercise '{exercise.title}' to your exercises folder "
                f"(`cbt do {exercise.id}`)"
            )
    if assignment.known:
        named = ", ".join(f"{title_of(catalog, e)} (`cbt do {e}`)" for e in assignment.known)
        lines.append(f"- suggest {named}")
    if plan.goals_set:
        goals = "; ".join(f"{title_of(catalog, e)} {n} a week" for e, n in plan.goals_set.items())
        lines.append(f"- set weekly goals: {goals}")
    for exercise_id, (theirs, suggested) in plan.goals_kept.items():
        lines.append(
            f"- keep your own goal of {theirs} a week for {title_of(catalog, exercise_id)} (it "
            f"suggests {suggested}; `cbt goal set {exercise_id} {suggested}/week` takes it)"
        )
    for measure in assignment.measures:
        lines.append(f"- remind you of the {measure.title} {every(measure.every_days)}")
    for old in plan.replacing:
        lines.append(
            f"- replace the assignment from {old.sender} received {long_day(old.received)} "
            "(it stays in `cbt assignments`)"
        )
    if plan.goals_ending:
        ending = ", ".join(title_of(catalog, e) for e in plan.goals_ending)
        lines.append(f"- end the weekly goals that assignment set: {ending}")
    return lines


def status(assignment: StoredAssignment, today: date) -> str:
    if assignment.replaced:
        return "replaced by a later one"
    if assignment.until and assignment.until < today:
        return f"ended {long_day(assignment.until)}"
    return "current"


def progress_lines(progress: Progress, today: date) -> list[str]:
    """The assignment's heading, then indented lines: its note, exercises, goals, measures."""
    assignment = progress.assignment
    until = f", until {long_day(assignment.until)}" if assignment.until else ""
    lines = [
        f"From {assignment.sender}, received {long_day(assignment.received)}{until} "
        f"({status(assignment, today)})"
    ]
    lines += [f"  {line}" for line in assignment.note.splitlines() if line.strip()]
    if progress.exercises:
        named = ", ".join(f"{title} ({exercise_id})" for exercise_id, title in progress.exercises)
        lines.append(f"  Exercises: {named}")
    ongoing = assignment.active(today)  # this week, and what is due, only for a current one
    for goal in progress.goals:
        done = ", ".join(short_day(d) for d in goal.days) if goal.days else "not yet"
        week = f"this week {goal.this_week} of {goal.per_week}; " if ongoing else ""
        lines.append(
            f"  {goal.title}: {goal.per_week} a week; {week}since it came {len(goal.days)} ({done})"
        )
    for measure in progress.measures:
        last = f"last done {short_day(measure.last)}" if measure.last else "not done yet"
        due = "due now" if measure.next_due <= today else f"next {short_day(measure.next_due)}"
        lines.append(
            f"  {measure.measure.title}: {every(measure.measure.every_days)}; {last}"
            + (f"; {due}" if ongoing else "")
        )
    return lines


def home_lines(assignments: list[StoredAssignment]) -> list[str]:
    return [
        f"Homework from {a.sender}"
        + (f", until {short_day(a.until)}" if a.until else "")
        + ": `cbt assignments` shows it and how it's going."
        for a in assignments
    ]
