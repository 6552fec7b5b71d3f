"""The step types are one registry (definitions/steps/): each type defines its YAML keys, its
answer's check, its text and field, and the prompter widget that asks it; every step of every
built-in exercise has a registered type."""

from __future__ import annotations

from pathlib import Path

import pytest

from cbtcli.definitions.catalog import load_catalog
from cbtcli.definitions.fields import COMMON_STEP_KEYS, STEP_KEYS
from cbtcli.definitions.model import Exercise, Phase, Step
from cbtcli.definitions.steps import STEP_TYPES, UNKNOWN, kind_of
from cbtcli.definitions.steps.base import Field, StepType
from cbtcli.errors import AnswerError
from cbtcli.guide.answers import answer_text, normalise
from cbtcli.guide.prompters.interactive import InteractivePrompter
from cbtcli.guide.prompters.plain import PlainPrompter
from cbtcli.views.fields import field_for

ANSWERED = sorted(name for name, kind in STEP_TYPES.items() if kind.has_answer)
SHOW_ONLY = sorted(name for name, kind in STEP_TYPES.items() if not kind.has_answer)


def test_each_type_is_registered_under_its_own_name_with_a_widget() -> None:
    assert set(STEP_TYPES) >= {"text", "choice", "rating", "emotions", "questionnaire", "info"}
    for name, kind in STEP_TYPES.items():
        assert kind.name == name
        assert kind.widget, f"{name} names no widget"
        assert kind_of(name) is kind
    assert kind_of("no-such-type") is UNKNOWN


@pytest.mark.parametrize("name", ANSWERED)
def test_each_answered_type_has_its_own_check(name: str) -> None:
    kind = STEP_TYPES[name]
    assert type(kind).check is not StepType.check, f"{name} accepts no answer"


@pytest.mark.parametrize("name", SHOW_ONLY)
def test_a_type_that_only_shows_text_takes_no_answer(name: str) -> None:
    step = Step(id="note", type=name, prompt="Read this.")
    assert not step.has_answer
    with pytest.raises(AnswerError, match="takes no answer"):
        normalise(step, "something", {})


def test_each_key_belongs_to_every_step_or_to_the_types_that_name_it() -> None:
    own = set().union(*(kind.keys for kind in STEP_TYPES.values()))
    assert COMMON_STEP_KEYS | own == STEP_KEYS
    assert not own & COMMON_STEP_KEYS


def test_every_built_in_exercise_uses_only_registered_types(home: Path) -> None:
    catalog = load_catalog()
    used = {step.type for e in catalog.exercises.values() if e.builtin for step in e.steps}
    assert used and used <= set(STEP_TYPES)
    # and every type but the run-time ones is used by some built-in exercise
    assert set(STEP_TYPES) - used <= {"ladder_step", "pause"}


def test_every_built_in_step_shows_its_own_answer_as_text_and_a_field(home: Path) -> None:
    """Whatever a built-in step stores, its type turns into a line and a field."""
    catalog = load_catalog()
    samples = {
        "text": "I said the wrong thing",
        "emotions": {"anxious": 70},
        "rerate": {"anxious": 40},
        "list": ["call Sam"],
        "ladder": {
            "name": "driving",
            "steps": [{"id": "a1", "text": "Sit in the car", "suds": 20}],
        },
    }
    for exercise in (e for e in catalog.exercises.values() if e.builtin):
        for step in exercise.steps:
            if not step.has_answer:
                continue
            value = samples.get(step.type)
            if step.choices:
                value = step.choices[0].id
                if step.type == "multi_choice":
                    value = [value]
            if step.type == "rating":
                value = step.max
            if step.type == "questionnaire":
                value = {item.id: step.options[0].value for item in step.items}
            if value is None:
                continue
            stored = normalise(step, value, {step.of or "": {"anxious": 70}})
            text = answer_text(step, stored)
            assert isinstance(text, str) and text, (exercise.id, step.id)
            made = field_for(step, stored, {}, exercise)
            assert isinstance(made, Field) and (made.text or made.items), (exercise.id, step.id)


def test_a_step_type_reads_only_its_own_keys(tmp_path: Path) -> None:
    """A key of one type on a step of another is refused, by the registry's keys."""
    from cbtcli.definitions.catalog import ListFinder, list_folders
    from cbtcli.definitions.loader import load_exercise
    from cbtcli.errors import ExerciseError

    path = tmp_path / "ex.yaml"
    path.write_text(
        "id: tiny\ntitle: Tiny\nsteps:\n"
        "  - {id: a, type: text, prompt: Say, seconds: 5}\n"
        "  - {id: b, type: pause, prompt: Breathe, seconds: 5, multiline: true}\n",
        encoding="utf-8",
    )
    with pytest.raises(ExerciseError) as caught:
        load_exercise(path, ListFinder(list_folders()))
    problems = " ".join(caught.value.problems)
    assert "'seconds' does not apply to a text step" in problems
    assert "'multiline' does not apply to a pause step" in problems


def test_an_answer_is_checked_by_its_type_alike_everywhere() -> None:
    """The engine's check is the one import uses: a rating typed as '70%' is stored as 70,
    and a stored rating that is not a number does not fit."""
    from cbtcli.export.import_checks import answer_problem

    step = Step(id="belief", type="rating", prompt="How much?", min=0, max=100)
    exercise = Exercise(
        id="x", title="X", version=1, summary="", intro="", phases=(Phase("main", "", "", (step,)),)
    )
    assert normalise(step, "70%", {}) == 70
    assert answer_problem(exercise, step, 70, {}) == ""
    assert "whole number from 0 to 100" in answer_problem(exercise, step, "70%", {})
    assert "from 0 to 100; 170 is out of range" in answer_problem(exercise, step, 170, {})


@pytest.mark.parametrize("prompter", [PlainPrompter, InteractivePrompter])
def test_every_prompter_has_the_widget_each_type_names(prompter: type) -> None:
    for kind in STEP_TYPES.values():
        if kind.has_answer:
            assert callable(getattr(prompter, f"ask_{kind.widget}", None)), kind.name
        else:  # shown by show_info, and a pause waits
            assert kind.widget in ("info", "pause")
            assert callable(prompter.show_info) and callable(prompter.pause)
