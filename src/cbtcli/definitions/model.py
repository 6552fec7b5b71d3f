"""The exercise model: what a YAML definition becomes once it has been checked."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

# Re-exported: the pieces of a step, and a questionnaire's scoring, are built from here.
from .parts import Choice as Choice
from .parts import Item as Item
from .parts import Option as Option
from .parts import ScaleOption as ScaleOption
from .parts import as_text as as_text
from .scoring import Band as Band
from .scoring import Scoring as Scoring

if TYPE_CHECKING:
    from .steps.base import StepType

# `{step_id}` in a prompt: the earlier answer is quoted there.
PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]+)\}")

# The answers key holding a repeatable phase's later rounds: {phase id: [{day, answers}]}.
# Not a possible step id (those start with a letter), so it never meets one.
REPEATS = "@repeats"


@dataclass(frozen=True, eq=False)
class Condition:
    """Show a step only when an earlier answer is one of `values`, when a rating is at least
    `at_least`, when it was answered at all (`answered`), or, for a questionnaire, when any
    item scored above `any_above`."""

    step: str
    values: tuple[str, ...] = ()
    any_above: int | None = None
    at_least: int | None = None
    answered: bool = False


@dataclass(frozen=True, eq=False)
class Step:
    id: str
    type: str
    prompt: str
    label: str = ""
    help: str = ""
    required: bool = True
    multiline: bool = False
    choices: tuple[Choice, ...] = ()
    min: int = 0
    max: int = 100
    unit: str = ""
    suggestions: tuple[str, ...] = ()
    of: str | None = None
    context: tuple[str, ...] = ()
    when: Condition | None = None
    private: bool = False
    peak: str | None = None  # ladder_step: the rating step that records peak distress
    items: tuple[Item, ...] = ()  # questionnaire
    options: tuple[ScaleOption, ...] = ()  # questionnaire
    scoring: Scoring | None = None  # questionnaire
    seconds: int = 0  # pause: how long to wait

    @cached_property
    def short_label(self) -> str:
        return self.label or self.prompt

    @cached_property
    def kind(self) -> StepType:
        """What its type makes of the step: its keys, its answer's check, text and field,
        and the prompter's widget that asks it (see definitions/steps/)."""
        # Imported here: every step type's module, which a command that reads only the
        # journal (a summary, a listing) never needs.
        from .steps import kind_of

        return kind_of(self.type)

    @property
    def has_answer(self) -> bool:
        return self.kind.has_answer

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)

    @cached_property
    def choice_labels(self) -> dict[str, str]:
        """Each choice's label by its id (the first, should two share one): an export looks
        up a label for every choice picked in years of entries."""
        return {c.id: c.label for c in reversed(self.choices)}


@dataclass(frozen=True, eq=False)
class Phase:
    id: str
    title: str
    intro: str
    steps: tuple[Step, ...]
    # Can be done again and again on the same entry (a day's evidence for a new belief);
    # each time after the first is kept, with its day, under REPEATS in the answers.
    repeat: bool = False
    # Asked only when an earlier answer matches (a review that makes no sense otherwise).
    when: Condition | None = None


@dataclass(frozen=True, eq=False)
class Exercise:
    id: str
    title: str
    version: int
    summary: str
    intro: str
    phases: tuple[Phase, ...]
    source: Path | None = None
    builtin: bool = True
    minutes: int | None = None
    outro: str = ""
    tags: tuple[str, ...] = field(default=())
    supervised: bool = False  # best done with a therapist: listed and opened as such
    keeps_drafts: bool = True  # a quick check-in is not worth a draft: Ctrl-C just cancels
    # Words about suicide or self-harm are expected here (a safety plan's warning signs): they
    # are recorded with a gentle line, not the full support panel.
    risk_words_expected: bool = False

    @cached_property
    def steps(self) -> tuple[Step, ...]:
        # Cached: an export reads every entry's steps, tens of thousands of times.
        return tuple(step for phase in self.phases for step in phase.steps)

    @cached_property
    def steps_by_id(self) -> dict[str, Step]:
        return {step.id: step for step in self.steps}

    @cached_property
    def private_step_ids(self) -> frozenset[str]:
        return frozenset(step.id for step in self.steps if step.private)

    def step(self, step_id: str) -> Step | None:
        return self.steps_by_id.get(step_id)

    def known_step(self, step_id: str) -> Step:
        """A step whose id is known to exist (checked by the loader or by the caller)."""
        found = self.step(step_id)
        if found is None:
            raise KeyError(step_id)
        return found

    @property
    def questionnaire(self) -> Step | None:
        """The scored questionnaire step, for an exercise that is a standard measure."""
        return next((s for s in self.steps if s.scoring is not None), None)

    @property
    def scoring(self) -> Scoring:
        """How a standard measure is scored; only asked of an exercise that is one."""
        step = self.questionnaire
        if step is None or step.scoring is None:
            raise ValueError(f"{self.id} is not a scored questionnaire")
        return step.scoring

    @property
    def choice_steps(self) -> dict[str, dict[str, str]]:
        """Each choice step's choices, id to label, for indexing what was picked."""
        return {s.id: {c.id: c.label for c in s.choices} for s in self.steps if s.choices}


def measure_title(exercise: Exercise) -> str:
    """'PHQ-9' from 'PHQ-9 (mood questionnaire)'."""
    return exercise.title.split(" (")[0]
