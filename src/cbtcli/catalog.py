"""Find exercises: the built-in ones and the person's own, which may override them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import paths
from .errors import ExerciseError, UnknownExercise
from .loader import load_choice_list, load_exercise
from .model import Choice, Exercise


@dataclass
class Catalog:
    exercises: dict[str, Exercise] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def get(self, exercise_id: str) -> Exercise:
        exercise = self.exercises.get(exercise_id)
        if exercise is None:
            known = ", ".join(sorted(self.exercises)) or "none"
            raise UnknownExercise(
                f"There is no exercise called '{exercise_id}'. Known exercises: {known}."
            )
        return exercise

    def get_or_none(self, exercise_id: str) -> Exercise | None:
        return self.exercises.get(exercise_id)


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
    """Load every exercise; a broken user file is reported but does not hide the others."""
    catalog = Catalog()
    finder = ListFinder(list_folders())
    for path in exercise_files(paths.builtin_exercises_dir()):
        exercise = load_exercise(path, finder, builtin=True)
        catalog.exercises[exercise.id] = exercise
    for path in exercise_files(paths.user_exercises_dir()):
        try:
            exercise = load_exercise(path, finder, builtin=False)
        except ExerciseError as exc:
            catalog.problems.extend(exc.problems)
            continue
        if exercise.id in catalog.exercises and catalog.exercises[exercise.id].builtin:
            catalog.notices.append(f"Your exercise {path} replaces the built-in '{exercise.id}'.")
        catalog.exercises[exercise.id] = exercise
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


def new_exercise_file(name: str) -> Path:
    """Write a commented template for the person's own exercise; refuses to overwrite."""
    from importlib import resources

    from .errors import UsageError
    from .loader import EXERCISE_ID

    if not EXERCISE_ID.match(name):
        raise UsageError(f"'{name}' can't be an exercise id; use kebab-case, like 'worry-time'.")
    if name in load_catalog().exercises:
        raise UsageError(f"There is already an exercise called '{name}'; pick another name.")
    folder = paths.user_exercises_dir()
    paths.ensure_private_dir(folder)
    path = folder / f"{name}.yaml"
    if path.exists():
        raise UsageError(f"{path} already exists.")
    template = (resources.files("cbtcli") / "data" / "exercise-template.yaml").read_text(
        encoding="utf-8"
    )
    title = name.replace("-", " ").capitalize()
    path.write_text(
        template.replace("{id}", name).replace("{title}", title).replace("{path}", str(path)),
        encoding="utf-8",
    )
    return path
