"""The step types, one registry: each type is one object in a module of this folder (see
base.StepType for what it defines). To add a type, write its module and list it here; each
prompter in guide/prompters/ then needs the widget it names."""

from __future__ import annotations

from .base import StepType
from .choice import CHOICE, MULTI_CHOICE
from .feelings import EMOTIONS, RERATE
from .info import INFO, PAUSE
from .ladder import LADDER, LADDER_STEP
from .lists import LIST
from .questionnaire import QUESTIONNAIRE
from .rating import RATING
from .text import TEXT

STEP_TYPES: dict[str, StepType] = {
    kind.name: kind
    for kind in (
        TEXT,
        CHOICE,
        MULTI_CHOICE,
        RATING,
        EMOTIONS,
        LIST,
        RERATE,
        LADDER,
        LADDER_STEP,
        QUESTIONNAIRE,
        INFO,
        PAUSE,
    )
}
# A type no exercise can have (the loader refuses it): it takes no answer it can check.
UNKNOWN = StepType()


def kind_of(name: str) -> StepType:
    return STEP_TYPES.get(name, UNKNOWN)
