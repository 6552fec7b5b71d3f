"""Read exercise YAML files into the exercise model, reporting every problem at once."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from ..errors import ExerciseError
from .cross_checks import CrossStepChecks
from .fields import EXERCISE_ID, EXERCISE_KEYS, PHASE_KEYS, STEP_KEYS, ListResolver, parse_choices
from .model import (
    SHOW_ONLY_TYPES,
    Band,
    Choice,
    Exercise,
    Item,
    Phase,
    ScaleOption,
    Scoring,
    Step,
    as_text,
)


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

        choices: tuple[Choice, ...] = ()
        if step_type in ("choice", "multi_choice"):
            if "choices" not in raw:
                self.problem(where, f"a {step_type} step needs 'choices'.")
            else:
                choices = self.choices(raw["choices"], where)

        low = self.integer(raw, "min", where, 0)
        high = self.integer(raw, "max", where, 100)
        if low > high:
            self.problem(where, f"'min' ({low}) is greater than 'max' ({high}).")

        of = self.earlier_of(raw, step_type, earlier, where)
        context = self.strings(raw, "context", where)
        for name in context:
            if name not in earlier or not earlier[name].has_answer:
                self.problem(where, f"context '{name}' is not an earlier step.")

        when = self.condition(raw.get("when"), earlier, where) if "when" in raw else None
        peak = self.text(raw, "peak", where) or None
        if peak:
            self.later_ratings.append((where, peak))

        items: tuple[Item, ...] = ()
        options: tuple[ScaleOption, ...] = ()
        scoring = None
        if step_type == "questionnaire":
            items, options, scoring = self.questionnaire(raw, where)

        seconds = self.pause_seconds(raw, where) if step_type == "pause" else 0
        return Step(
            id=step_id,
            type=step_type,
            prompt=prompt,
            label=label,
            help=help_text,
            required=self.boolean(raw, "required", where, step_type not in SHOW_ONLY_TYPES),
            multiline=self.boolean(raw, "multiline", where, False),
            choices=choices,
            min=low,
            max=high,
            unit=self.text(raw, "unit", where),
            suggestions=self.strings(raw, "suggestions", where),
            of=of,
            context=context,
            when=when,
            private=self.boolean(raw, "private", where, False),
            peak=peak,
            items=items,
            options=options,
            scoring=scoring,
            seconds=seconds,
        )

    def questionnaire(
        self, raw: dict, where: str
    ) -> tuple[tuple[Item, ...], tuple[ScaleOption, ...], Scoring | None]:
        """Items, the answer scale and the scoring of a questionnaire step."""
        options: list[ScaleOption] = []
        for index, option in enumerate(raw.get("options") or []):
            if (
                not isinstance(option, dict)
                or not isinstance(option.get("value"), int)
                or not option.get("label")
            ):
                self.problem(
                    where, f"option {index + 1} needs a whole-number 'value' and a 'label'."
                )
                continue
            options.append(ScaleOption(option["value"], as_text(option["label"])))
        if not options:
            self.problem(
                where,
                "a questionnaire needs 'options': the answer scale, like {value: 0, label: Not at all}.",
            )
        items: list[Item] = []
        seen: set[str] = set()
        for index, item in enumerate(raw.get("items") or []):
            if not isinstance(item, dict) or not item.get("id") or not item.get("text"):
                self.problem(where, f"item {index + 1} needs an 'id' and a 'text'.")
                continue
            item_id = as_text(item["id"])
            if item_id in seen:
                self.problem(where, f"duplicate item id '{item_id}'.")
            seen.add(item_id)
            alert = item.get("alert_above")
            if alert is not None and (isinstance(alert, bool) or not isinstance(alert, int)):
                self.problem(where, f"item '{item_id}': 'alert_above' must be a whole number.")
                alert = None
            items.append(Item(item_id, as_text(item["text"]).strip(), alert))
        if not items:
            self.problem(where, "a questionnaire needs 'items'.")
        return tuple(items), tuple(options), self.scoring(raw.get("scoring"), items, options, where)

    def scoring(
        self, raw: Any, items: list[Item], options: list[ScaleOption], where: str
    ) -> Scoring | None:
        if raw is None:
            return None
        if not isinstance(raw, dict) or not isinstance(raw.get("bands"), list):
            self.problem(where, "'scoring' needs 'bands': [{max: 4, label: minimal}, ...].")
            return None
        values = [o.value for o in options] or [0]
        low, high = min(values) * len(items), max(values) * len(items)
        bands: list[Band] = []
        for band in raw["bands"]:
            if (
                not isinstance(band, dict)
                or not isinstance(band.get("max"), int)
                or not band.get("label")
            ):
                self.problem(where, "each band needs a whole-number 'max' and a 'label'.")
                return None
            bands.append(Band(band["max"], as_text(band["label"])))
        if any(b.max <= a.max for a, b in itertools.pairwise(bands)):
            self.problem(where, "bands must go up: each 'max' above the one before.")
        if bands and bands[-1].max != high:
            self.problem(where, f"the last band must end at the highest possible total, {high}.")
        thresholds = {}
        for key in ("caseness", "reliable_change"):
            value = raw.get(key)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                self.problem(where, f"'{key}' must be a whole number.")
                value = None
            thresholds[key] = value
        unknown = set(raw) - {"bands", "caseness", "reliable_change"}
        if unknown:
            self.problem(where, f"unknown scoring key '{sorted(unknown)[0]}'.")
        return Scoring(low, high, tuple(bands), **thresholds)

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
        if exercise_id == "mood":
            self.problem("", "id 'mood' is cbt's own, for mood check-ins; choose another id.")
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
