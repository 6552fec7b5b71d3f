"""Reading an exercise file's fields: each key as its type, the keys each part may
have, and choices, with every problem collected so all are reported at once."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .parts import Choice, as_text
from .steps import STEP_TYPES

EXERCISE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
STEP_ID = re.compile(r"^[a-z][a-z0-9_]*$")
EXERCISE_KEYS = {
    "id",
    "title",
    "version",
    "summary",
    "intro",
    "steps",
    "phases",
    "minutes",
    "outro",
    "tags",
    "risk_words_expected",
    "supervised",
}
PHASE_KEYS = {"id", "title", "intro", "steps", "repeat", "when"}
# The keys every step may have; each type adds its own (definitions/steps/).
COMMON_STEP_KEYS = {
    "id",
    "type",
    "prompt",
    "label",
    "help",
    "required",
    "context",
    "when",
    "private",
}
STEP_KEYS = COMMON_STEP_KEYS.union(*(kind.keys for kind in STEP_TYPES.values()))
CHOICE_KEYS = {"id", "label", "help", "example"}
ListResolver = Callable[[str], "tuple[Choice, ...] | str | None"]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "choice"


def parse_choices(raw: Iterable[Any], problem: Callable[[str], None]) -> tuple[Choice, ...]:
    """Turn a list of strings or {id, label, help, example} mappings into choices."""
    built: list[Choice] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        if isinstance(item, dict):
            unknown = set(item) - CHOICE_KEYS
            if unknown:
                problem(f"choice {index + 1} has unknown key '{sorted(unknown)[0]}'.")
            label = as_text(item.get("label", item.get("id", ""))).strip()
            choice_id = as_text(item.get("id", slug(label))).strip()
            choice = Choice(
                id=choice_id,
                label=label or choice_id,
                help=as_text(item.get("help", "")).strip(),
                example=as_text(item.get("example", "")).strip(),
            )
        elif isinstance(item, str | int | float | bool):
            text = as_text(item).strip()
            choice = Choice(id=slug(text) if " " in text else text, label=text)
        else:
            problem(f"choice {index + 1} must be text or a mapping.")
            continue
        if not choice.id:
            problem(f"choice {index + 1} has no id.")
            continue
        if choice.id in seen:
            problem(f"duplicate choice id '{choice.id}'.")
        seen.add(choice.id)
        built.append(choice)
    return tuple(built)


class FieldChecks:
    """The structural checks: each key of a mapping read as its type, unknown keys and
    choices, every problem collected rather than raised."""

    def __init__(self, path: Path, resolve_list: ListResolver) -> None:
        self.path = path
        self.resolve_list = resolve_list
        self.problems: list[str] = []
        # `peak` names a rating step that usually comes later, so it is checked at the end.
        self.later_ratings: list[tuple[str, str]] = []

    def problem(self, where: str, message: str) -> None:
        prefix = f"{self.path}: {where}: " if where else f"{self.path}: "
        self.problems.append(prefix + message)

    # -- scalars -------------------------------------------------------------
    def text(self, data: dict, key: str, where: str, *, required: bool = False) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(where, f"missing required key '{key}'.")
            return ""
        if isinstance(value, dict | list):
            self.problem(where, f"'{key}' must be text.")
            return ""
        return as_text(value).strip()

    def integer(self, data: dict, key: str, where: str, default: int) -> int:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(where, f"'{key}' must be a whole number, not {value!r}.")
            return default
        return value

    def boolean(self, data: dict, key: str, where: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.problem(where, f"'{key}' must be true or false, not {value!r}.")
            return default
        return value

    def strings(self, data: dict, key: str, where: str) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list) or any(isinstance(v, dict | list) for v in value):
            self.problem(where, f"'{key}' must be a list of words or phrases.")
            return ()
        return tuple(as_text(v) for v in value)

    def unknown_keys(self, data: dict, allowed: set[str], where: str) -> None:
        for key in data:
            if key not in allowed:
                self.problem(where, f"unknown key '{key}'.")

    # -- choices -------------------------------------------------------------
    def choices(self, raw: Any, where: str) -> tuple[Choice, ...]:
        if isinstance(raw, str):
            found = self.resolve_list(raw)
            if found is None:
                self.problem(where, f"unknown shared list '{raw}' (looked for lists/{raw}.yaml).")
                return ()
            if isinstance(found, str):
                self.problem(where, found)
                return ()
            return found
        if not isinstance(raw, list) or not raw:
            self.problem(where, "'choices' must be a non-empty list or the name of a shared list.")
            return ()
        return parse_choices(raw, lambda msg: self.problem(where, msg))

    def step_type(self, raw: dict, where: str) -> str:
        """The step's type, and no keys that belong to other types."""
        step_type = self.text(raw, "type", where, required=True)
        if step_type and step_type not in STEP_TYPES:
            self.problem(
                where, f"unknown step type '{step_type}' (use one of {', '.join(STEP_TYPES)})."
            )
        kind = STEP_TYPES.get(step_type)
        if kind is not None:
            for key in raw:
                if key in STEP_KEYS and key not in COMMON_STEP_KEYS and key not in kind.keys:
                    self.problem(where, f"'{key}' does not apply to a {step_type} step.")
        return step_type
