"""Read exercise YAML files into the exercise model, reporting every problem at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ExerciseError
from .check_in import is_check_in
from .cross_checks import CrossStepChecks
from .fields import EXERCISE_ID, EXERCISE_KEYS, PHASE_KEYS, STEP_KEYS, ListResolver, parse_choices
from .model import Choice, Exercise, Phase, Step
from .steps import kind_of


def read_yaml(path: Path) -> Any:
    """Parse one YAML file; any problem becomes an ExerciseError naming the file and line."""
    from ..yamlfile import MAX_BYTES, YamlProblem, load_text

    try:
        if path.stat().st_size > MAX_BYTES:
            raise ExerciseError([f"{path}: is too large to be an exercise file."])
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ExerciseError([f"{path}: is not UTF-8 text."]) from None
    except OSError as exc:
        raise ExerciseError([f"{path}: cannot be read ({exc.strerror or exc})."]) from None
    try:
        return load_text(text, allow_json=False)
    except YamlProblem as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        raise ExerciseError([f"{where}: YAML syntax error: {exc.problem}."]) from None


class _Checker(CrossStepChecks):
    """Collects problems while building one exercise, so all are reported together."""

    # -- steps ---------------------------------------------------------------
    def step(self, raw: Any, index: int, earlier: dict[str, Step], phase_where: str) -> Step | None:
        where = f"{phase_where}step {index + 1}"
        if not isinstance(raw, dict):
            self.problem(
                where, "each step must be a mapping with at least 'id', 'type' and 'prompt'."
            )
            return None
        step_id = self.text(raw, "id", where, required=True)
        if step_id:
            where = f"{phase_where}step '{step_id}'"
            self.check_step_id(step_id, earlier, where)
        self.unknown_keys(raw, STEP_KEYS, where)
        step_type = self.step_type(raw, where)
        prompt = self.text(raw, "prompt", where, required=True)
        help_text = self.text(raw, "help", where)
        label = self.text(raw, "label", where)
        self.check_placeholders((prompt, help_text, label), earlier, where)

        own = kind_of(step_type).parse(self, raw, earlier, where)  # the type's own keys
        context = self.strings(raw, "context", where)
        for name in context:
            if name not in earlier or not earlier[name].has_answer:
                self.problem(where, f"context '{name}' is not an earlier step.")
        when = self.condition(raw.get("when"), earlier, where) if "when" in raw else None
        return Step(
            id=step_id,
            type=step_type,
            prompt=prompt,
            label=label,
            help=help_text,
            required=self.boolean(raw, "required", where, kind_of(step_type).has_answer),
            context=context,
            when=when,
            private=self.boolean(raw, "private", where, False),
            **own,
        )

    def steps(self, raw: Any, earlier: dict[str, Step], where: str) -> tuple[Step, ...]:
        if not isinstance(raw, list) or not raw:
            self.problem(where.rstrip(": "), "'steps' must be a non-empty list.")
            return ()
        built = []
        for index, item in enumerate(raw):
            step = self.step(item, index, earlier, where)
            if step is not None:
                built.append(step)
                if step.id and step.id not in earlier:
                    earlier[step.id] = step
        return tuple(built)

    def phases(self, data: dict) -> tuple[Phase, ...]:
        earlier: dict[str, Step] = {}
        if "phases" in data and "steps" in data:
            self.problem("", "use either 'steps' or 'phases', not both.")
        if "phases" not in data:
            if "steps" not in data:
                self.problem("", "missing required key 'steps'.")
                return ()
            steps = self.steps(data["steps"], earlier, "")
            return (Phase(id="main", title="", intro="", steps=steps),)
        raw = data["phases"]
        if not isinstance(raw, list) or not raw:
            self.problem("", "'phases' must be a non-empty list.")
            return ()
        phases: list[Phase] = []
        seen: set[str] = set()
        for index, item in enumerate(raw):
            where = f"phase {index + 1}"
            if not isinstance(item, dict):
                self.problem(where, "each phase must be a mapping with 'id' and 'steps'.")
                continue
            phase_id = self.text(item, "id", where, required=True)
            if phase_id:
                where = f"phase '{phase_id}'"
                if phase_id in seen:
                    self.problem(where, "duplicate phase id.")
                seen.add(phase_id)
            self.unknown_keys(item, PHASE_KEYS, where)
            steps = self.steps(item.get("steps"), earlier, f"{where}, ")
            repeat = self.boolean(item, "repeat", where, False)
            if repeat and index == 0:
                self.problem(where, "the first phase cannot repeat (it starts the entry).")
            phases.append(
                Phase(
                    id=phase_id,
                    title=self.text(item, "title", where)
                    or phase_id.replace("_", " ").capitalize(),
                    intro=self.text(item, "intro", where),
                    steps=steps,
                    repeat=repeat,
                    when=self.condition(item["when"], earlier, where) if "when" in item else None,
                )
            )
        return tuple(phases)

    def exercise(self, data: Any, builtin: bool) -> Exercise | None:
        if not isinstance(data, dict):
            self.problem("", "an exercise file must be a mapping with 'id', 'title' and 'steps'.")
            return None
        self.unknown_keys(data, EXERCISE_KEYS, "")
        exercise_id = self.text(data, "id", "", required=True)
        if exercise_id and not EXERCISE_ID.match(exercise_id):
            self.problem("", f"id '{exercise_id}' must be kebab-case, like 'thought-record'.")
        if is_check_in(exercise_id):
            self.problem(
                "", f"id '{exercise_id}' is cbt's own, for mood check-ins; choose another id."
            )
        title = self.text(data, "title", "", required=True)
        version = self.integer(data, "version", "", 1)
        if version < 1:
            self.problem("", "'version' must be 1 or more.")
        minutes = data.get("minutes")
        if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int)):
            self.problem("", "'minutes' must be a whole number.")
            minutes = None
        phases = self.phases(data)
        ratings = {s.id for p in phases for s in p.steps if s.type == "rating"}
        for where, name in self.later_ratings:
            if name not in ratings:
                self.problem(where, f"'peak: {name}' must name a rating step of this exercise.")
        return Exercise(
            id=exercise_id,
            title=title,
            version=version,
            summary=self.text(data, "summary", ""),
            intro=self.text(data, "intro", ""),
            phases=phases,
            builtin=builtin,
            minutes=minutes,
            outro=self.text(data, "outro", ""),
            tags=self.strings(data, "tags", ""),
            supervised=self.boolean(data, "supervised", "", False),
            source=self.path,
            risk_words_expected=self.boolean(data, "risk_words_expected", "", False),
        )


def load_exercise(path: Path, resolve_list: ListResolver, *, builtin: bool = False) -> Exercise:
    """Load and check one exercise file; raise ExerciseError listing every problem."""
    checker = _Checker(path, resolve_list)
    exercise = checker.exercise(read_yaml(path), builtin)
    if checker.problems or exercise is None:
        raise ExerciseError(checker.problems)
    return exercise


def check_exercise_data(data: Any, label: str, resolve_list: ListResolver) -> Exercise:
    """Check an exercise definition that is not a file of its own (one embedded in an
    assignment) exactly as a file is checked; problems name it by `label`."""
    checker = _Checker(Path(label), resolve_list)
    exercise = checker.exercise(data, builtin=False)
    if checker.problems or exercise is None:
        raise ExerciseError(checker.problems)
    return exercise


def load_choice_list(path: Path) -> tuple[Choice, ...] | str:
    """Read a shared list file; a problem comes back as one sentence naming the file."""
    try:
        data = read_yaml(path)
    except ExerciseError as exc:
        return "; ".join(exc.problems)
    items = data.get("items") if isinstance(data, dict) else data
    if not isinstance(items, list) or not items:
        return f"shared list {path} must be a list of choices (or a mapping with 'items')."
    problems: list[str] = []
    choices = parse_choices(items, problems.append)
    if problems:
        return f"shared list {path}: {problems[0]}"
    return choices
