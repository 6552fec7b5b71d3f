"""Reading an assignment a therapist sends (`cbt assign FILE`, or one `cbt assign --template`
made): checked with the same care as an exercise file, every problem found before anything
changes, and refused whole, in one sentence, if any is wrong."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ..errors import CbtError

if TYPE_CHECKING:
    from pathlib import Path

    from .catalog import Catalog
    from .model import Exercise

KIND = "cbt-assignment"
VERSION = 1
KEYS = ("kind", "version", "from", "note", "exercises", "goals", "measures", "until")
GOAL_KEYS = ("exercise", "per_week")
MEASURE_KEYS = ("id", "every_days")
LONGEST_NAME = 200  # characters in `from`
LONGEST_NOTE = 5000
EVERY_DAYS = (1, 365)
# C0 and C1 controls but tab and newline: no therapist's note needs them, and they could
# drive a terminal (console.CONTROL_CHARS is the same range).
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class AssignedMeasure:
    id: str
    title: str
    every_days: int


@dataclass(frozen=True)
class EmbeddedExercise:
    """A full exercise definition sent with the assignment, for the person's folder."""

    exercise: Exercise
    definition: dict[str, Any]
    path: Path  # where it goes in the person's exercises folder
    already_there: bool  # the same definition is in the folder already


@dataclass(frozen=True)
class Assignment:
    sender: str
    note: str
    until: date | None
    known: tuple[str, ...]  # ids of exercises cbt already has (built in, or the person's)
    embedded: tuple[EmbeddedExercise, ...]
    goals: dict[str, int]
    measures: tuple[AssignedMeasure, ...]
    text: str  # the file as it came, kept with the assignment

    @property
    def exercise_ids(self) -> list[str]:
        return [*self.known, *(e.exercise.id for e in self.embedded)]


@dataclass
class _Reader:
    name: str
    catalog: Catalog
    today: date
    problems: list[str] = field(default_factory=list)
    embedded: dict[str, EmbeddedExercise] = field(default_factory=dict)

    def problem(self, text: str) -> None:
        self.problems.append(text.rstrip("."))

    def unknown_keys(self, data: dict, allowed: tuple[str, ...], where: str) -> None:
        for key in data:
            if key not in allowed:
                self.problem(f"{where}unknown key '{key}'")

    def sender(self, data: dict) -> str:
        value = data.get("from")
        if not isinstance(value, str) or not value.strip():
            self.problem("'from' must give the therapist's name")
            return ""
        if "\n" in value.strip() or len(value) > LONGEST_NAME:
            self.problem(f"'from' must be a name on one line, at most {LONGEST_NAME} characters")
        return value.strip()

    def note(self, data: dict) -> str:
        value = data.get("note", "")
        if value is None:
            return ""
        if not isinstance(value, str):
            self.problem("'note' must be text")
            return ""
        if len(value) > LONGEST_NOTE:
            self.problem(f"'note' is longer than {LONGEST_NOTE} characters")
        return value.strip()

    def until(self, data: dict) -> date | None:
        from datetime import datetime

        from ..dates import LATEST

        value = data.get("until")
        if value is None:
            return None
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = date.fromisoformat(value.strip())
        if not isinstance(value, date) or isinstance(value, datetime):
            self.problem(f"'until' must be a date like 2026-12-18, not {str(value)!r}")
            return None
        if value < self.today:
            self.problem(f"its end date ('until: {value.isoformat()}') has already passed")
        elif value > LATEST:
            self.problem(f"'until: {value.isoformat()}' is further ahead than cbt plans")
        return value

    def exercises(self, raw: Any) -> tuple[str, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.problem("'exercises' must be a list of exercise ids or definitions")
            return ()
        known: list[str] = []
        for index, item in enumerate(raw, start=1):
            if isinstance(item, dict):
                self.embed(item, index)
            elif not isinstance(item, str) or not item.strip():
                self.problem(f"exercise {index} must be an exercise id or a full definition")
            elif self.catalog.get_or_none(item.strip()) is None:
                self.problem(f"there is no exercise called '{item.strip()}'")
            elif item.strip() in known:
                self.problem(f"'{item.strip()}' is listed twice under 'exercises'")
            else:
                known.append(item.strip())
        return tuple(known)

    def embed(self, definition: dict, index: int) -> None:
        from .. import paths
        from ..errors import ExerciseError
        from .loader import check_exercise_data

        label = f"the exercise '{definition.get('id') or index}'"
        try:
            exercise = check_exercise_data(definition, label, self.catalog.finder)
        except ExerciseError as exc:
            self.problems.extend(p.rstrip(".") for p in exc.problems)
            return
        if exercise.id in self.embedded:
            self.problem(f"{label} is defined twice")
            return
        if (self.catalog.builtin_dir / f"{exercise.id}.yaml").is_file():
            self.problem(
                f"{label} has the id of a built-in exercise; to assign that one, list its id "
                "alone, or give this one an id of its own"
            )
            return
        path = paths.user_exercises_dir() / f"{exercise.id}.yaml"
        same = self.same_as_folder(exercise.id, path, definition)
        if same is None:
            return
        self.embedded[exercise.id] = EmbeddedExercise(exercise, definition, path, same)

    def same_as_folder(self, exercise_id: str, path: Path, definition: dict) -> bool | None:
        """True when the folder holds this very definition already, False when the id is free;
        None (with a problem) when the person has a different one: theirs is never replaced."""
        from ..errors import ExerciseError
        from .loader import read_yaml

        mine = self.catalog.get_or_none(exercise_id)
        if mine is not None and not mine.builtin and mine.source != path:
            self.problem(
                f"your exercises folder already has an exercise called '{exercise_id}' "
                f"({mine.source}); rename one of them to keep both"
            )
            return None
        if not path.exists() and exercise_id not in self.catalog.broken:
            return False
        try:
            if path.is_file() and read_yaml(path) == definition:
                return True
        except ExerciseError:
            pass
        self.problem(
            f"your exercises folder already has {path.name}, different from the exercise "
            f"'{exercise_id}' in this assignment; yours is kept, so rename one of them"
        )
        return None

    def known_target(self, exercise_id: str) -> Exercise | None:
        return self.catalog.get_or_none(exercise_id) or (
            self.embedded[exercise_id].exercise if exercise_id in self.embedded else None
        )

    def goals(self, raw: Any) -> dict[str, int]:
        from ..errors import UsageError
        from .check_in import is_check_in
        from .goals import parse_frequency

        found: dict[str, int] = {}
        for index, item in self.mappings(raw, "goals", GOAL_KEYS):
            exercise_id = str(item.get("exercise") or "").strip()
            where = f"goal {index} ('{exercise_id}')" if exercise_id else f"goal {index}"
            if not exercise_id:
                self.problem(f"{where} needs 'exercise'")
                continue
            if not is_check_in(exercise_id) and self.known_target(exercise_id) is None:
                self.problem(f"{where}: there is no exercise called '{exercise_id}'")
                continue
            if exercise_id in found:
                self.problem(f"{where}: '{exercise_id}' has two goals")
                continue
            per_week = item.get("per_week")
            if isinstance(per_week, bool) or not isinstance(per_week, int | str):
                self.problem(f"{where}: 'per_week' must be how many times a week, like 3")
                continue
            try:
                found[exercise_id] = parse_frequency(str(per_week))
            except UsageError as exc:
                self.problem(f"{where}: {str(exc)[0].lower()}{str(exc)[1:]}")
        return found

    def measures(self, raw: Any) -> tuple[AssignedMeasure, ...]:
        found: dict[str, AssignedMeasure] = {}
        low, high = EVERY_DAYS
        for index, item in self.mappings(raw, "measures", MEASURE_KEYS):
            measure_id = str(item.get("id") or "").strip()
            where = f"measure {index} ('{measure_id}')" if measure_id else f"measure {index}"
            exercise = self.known_target(measure_id) if measure_id else None
            if exercise is None or exercise.questionnaire is None:
                self.problem(f"{where}: there is no questionnaire called '{measure_id}'")
                continue
            if measure_id in found:
                self.problem(f"{where}: '{measure_id}' is listed twice")
                continue
            every = item.get("every_days")
            if isinstance(every, bool) or not isinstance(every, int) or not low <= every <= high:
                self.problem(f"{where}: 'every_days' must be a whole number from {low} to {high}")
                continue
            found[measure_id] = AssignedMeasure(measure_id, exercise.title, every)
        return tuple(found.values())

    def mappings(self, raw: Any, key: str, allowed: tuple[str, ...]) -> list[tuple[int, dict]]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.problem(f"'{key}' must be a list")
            return []
        found = []
        for index, item in enumerate(raw, start=1):
            if not isinstance(item, dict):
                self.problem(f"each of '{key}' must be a mapping with {' and '.join(allowed)}")
                continue
            self.unknown_keys(item, allowed, f"{key[:-1]} {index}: ")
            found.append((index, item))
        return found


def control_characters(value: Any, where: str = "") -> str | None:
    """Where the first control character is, anywhere in the file's text (keys too)."""
    if isinstance(value, str):
        return where or "the file" if CONTROLS.search(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            inner = f"{where}.{key}" if where else str(key)
            found = control_characters(key, inner) or control_characters(item, inner)
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value, start=1):
            found = control_characters(item, f"{where}[{index}]")
            if found:
                return found
    return None


def refuse(name: str, problems: list[str]) -> CbtError:
    """Every problem in one sentence on one line (a value quoted from the file may have held
    a line break)."""
    said = " ".join("; ".join(problems).split())
    if len(problems) == 1:
        return CbtError(f"{name} cannot be used, so nothing was changed: {said}.")
    return CbtError(f"{name} has {len(problems)} problems, so nothing was changed: {said}.")


def read_assignment(text: str, name: str, catalog: Catalog, today: date) -> Assignment:
    """The assignment in `text` (the file `name`), or a CbtError saying every problem."""
    from ..yamlfile import YamlProblem, load_text

    try:
        data = load_text(text, allow_json=True)
    except YamlProblem as exc:
        where = f" (line {exc.line})" if exc.line else ""
        raise refuse(name, [f"it cannot be read as YAML{where}: {exc.problem}"]) from None
    if not isinstance(data, dict) or data.get("kind") != KIND:
        raise refuse(name, [f"it is not a cbt assignment (it should start with 'kind: {KIND}')"])
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise refuse(name, [f"it was written for a newer cbt (version {version}): update cbt"])
    if version != VERSION:
        raise refuse(name, [f"'version' must be {VERSION}"])
    hostile = control_characters(data)
    if hostile:
        raise refuse(
            name, [f"the text of '{hostile}' has control characters, which could drive a terminal"]
        )
    reader = _Reader(name, catalog, today)
    reader.unknown_keys(data, KEYS, "")
    sender, note, until = reader.sender(data), reader.note(data), reader.until(data)
    known = reader.exercises(data.get("exercises"))
    goals = reader.goals(data.get("goals"))
    measures = reader.measures(data.get("measures"))
    if not reader.problems and not (known or reader.embedded or goals or measures):
        reader.problem("it has nothing to add: give it exercises, goals or measures")
    if reader.problems:
        raise refuse(name, reader.problems)
    return Assignment(
        sender, note, until, known, tuple(reader.embedded.values()), goals, measures, text
    )
