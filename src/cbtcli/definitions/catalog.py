"""Find exercises: the built-in ones and the person's own, which may override them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from .. import paths
from ..errors import CbtError, ExerciseError, UnknownExercise
from ..wording import counted
from .check_in import CHECK_IN, is_check_in
from .loader import load_choice_list, load_exercise
from .model import Choice, Exercise

if TYPE_CHECKING:
    from ..journal import Entry

# The approaches exercises are grouped by in `cbt exercises`, each a tag, in this order.
APPROACHES = {
    "cbt": "CBT",
    "dbt": "DBT skills",
    "act": "ACT",
    "mindfulness": "Mindfulness",
    "ipt": "Interpersonal",
    "trauma-safe": "Trauma-safe",
    "reflective": "Reflective",
    "measure": "Questionnaires",
    "safety": "Safety",
}


def approach_of(exercise: Exercise) -> str:
    """The first of an exercise's tags that names an approach ('' for none)."""
    return next((tag for tag in exercise.tags if tag in APPROACHES), "")


class Catalog:
    """The exercises: the person's own (read at once, as they are few) and the built-in ones,
    read one at a time as they are needed, so starting one exercise parses one file."""

    def __init__(self, builtin_dir: Path, finder: ListFinder) -> None:
        self.builtin_dir = builtin_dir
        self.finder = finder
        self.notices: list[str] = []
        self.problems: list[str] = []
        # exercise files of the person's that could not be read: file stem -> (path, problems)
        self.broken: dict[str, tuple[Path, int]] = {}
        self._user: dict[str, Exercise] = {}
        self._builtin: dict[str, Exercise | None] = {}
        self._everything = False

    def _load_builtin(self, exercise_id: str) -> Exercise | None:
        if exercise_id not in self._builtin:
            # built-in files are named after their id (a test keeps it so)
            path = self.builtin_dir / f"{exercise_id}.yaml"
            found = load_exercise(path, self.finder, builtin=True) if path.is_file() else None
            self._builtin[exercise_id] = found
        return self._builtin[exercise_id]

    @property
    def exercises(self) -> dict[str, Exercise]:
        if not self._everything:
            for path in exercise_files(self.builtin_dir):
                self._load_builtin(path.stem)
            self._everything = True
        found = {k: v for k, v in self._builtin.items() if v is not None}
        found.update(self._user)
        return found

    def get(self, exercise_id: str) -> Exercise:
        exercise = self.get_or_none(exercise_id)
        if exercise is None and exercise_id in self.broken:
            path, count = self.broken[exercise_id]
            raise CbtError(
                f"Your exercise file {path} has {counted(count, 'problems')}, so it cannot be "
                f"used yet; `cbt exercises validate {path}` shows them."
            )
        if exercise is None:
            from difflib import get_close_matches

            close = get_close_matches(exercise_id, sorted(self.exercises), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise UnknownExercise(
                f"There is no exercise called '{exercise_id}'{hint}; `cbt exercises` lists them."
            )
        return exercise

    def for_entry(self, entry: Entry) -> Exercise | None:
        """The definition an entry is read with: the check-in's own for a mood check-in."""
        return self.known_or_none(entry.exercise_id)

    def known(self, exercise_id: str) -> Exercise:
        """An exercise a filter, goal or summary may name: the catalog's, or the check-in
        (which is never run as a whole, so `get` does not give it)."""
        return CHECK_IN if is_check_in(exercise_id) else self.get(exercise_id)

    def known_or_none(self, exercise_id: str) -> Exercise | None:
        return CHECK_IN if is_check_in(exercise_id) else self.get_or_none(exercise_id)

    def get_or_none(self, exercise_id: str) -> Exercise | None:
        if exercise_id in self._user:
            return self._user[exercise_id]
        if exercise_id in self._builtin:
            return self._builtin[exercise_id]
        if not re.fullmatch(r"[a-z0-9-]+", exercise_id):
            return None
        return self._load_builtin(exercise_id)


class ListFinder:
    """Resolves shared choice lists by name, looking in the user's folders first."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders
        self._cache: dict[str, tuple[Choice, ...] | str | None] = {}

    def __call__(self, name: str) -> tuple[Choice, ...] | str | None:
        if name not in self._cache:
            self._cache[name] = self._find(name)
        return self._cache[name]

    def _find(self, name: str) -> tuple[Choice, ...] | str | None:
        for folder in self.folders:
            path = folder / f"{name}.yaml"
            if path.is_file():
                return load_choice_list(path)
        return None


def exercise_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def list_folders() -> list[Path]:
    return [paths.user_exercises_dir() / "lists", paths.builtin_exercises_dir() / "lists"]


def load_catalog() -> Catalog:
    """The catalog; a broken user file is reported but does not hide the others."""
    finder = ListFinder(list_folders())
    builtin_dir = paths.builtin_exercises_dir()
    catalog = Catalog(builtin_dir, finder)
    for path in exercise_files(paths.user_exercises_dir()):
        try:
            exercise = load_exercise(path, finder, builtin=False)
        except ExerciseError as exc:
            catalog.problems.extend(exc.problems)
            catalog.broken[path.stem] = (path, len(exc.problems))
            continue
        if (builtin_dir / f"{exercise.id}.yaml").is_file():
            catalog.notices.append(f"Your exercise {path} replaces the built-in '{exercise.id}'.")
        catalog._user[exercise.id] = exercise
    return catalog


def validate_files(files: list[Path]) -> list[str]:
    """Check exercise files as `cbt exercises validate` does; returns every problem found."""
    problems: list[str] = []
    for path in files:
        finder = ListFinder([path.parent / "lists", *list_folders()])
        if not path.is_file():
            problems.append(f"{path}: no such file.")
            continue
        try:
            load_exercise(path, finder)
        except ExerciseError as exc:
            problems.extend(exc.problems)
    return problems


COMMENT_COLUMN = 25  # where the template's end-of-line comments start


def new_exercise_file(name: str) -> Path:
    """Write a commented template for the person's own exercise; refuses to overwrite."""
    from ..errors import UsageError
    from .fields import EXERCISE_ID

    if not EXERCISE_ID.match(name):
        raise UsageError(f"'{name}' can't be an exercise id; use kebab-case, like 'worry-time'.")
    if name in load_catalog().exercises:
        raise UsageError(f"There is already an exercise called '{name}'; pick another name.")
    folder = paths.user_exercises_dir()
    path = folder / f"{name}.yaml"
    if path.exists():
        raise UsageError(f"{path} already exists.")
    template = paths.data_file("exercise-template.yaml").read_text(encoding="utf-8")
    title = name.replace("-", " ").capitalize()
    id_line = f"id: {name}".ljust(COMMENT_COLUMN - 2) + "  "  # its comment lines up with the rest
    text = template.replace("id: {id}".ljust(COMMENT_COLUMN), id_line)
    text = text.replace("{id}", name).replace("{title}", title).replace("{path}", str(path))
    with paths.private_dir(folder):
        paths.write_private_text(path, text, replace=False)
    return path
