"""Answers from a file (YAML or JSON): every step filled at once, nothing asked."""

from __future__ import annotations

from typing import Any

from ...definitions.model import Exercise, Phase, Step
from ..answers import Answers
from ..engine import Ask


class ScriptedPrompter:
    can_retry = False

    def __init__(self, answers: dict[str, Any]) -> None:
        self.answers = answers
        # Notes that answer what was written (an `info` step with `when`, such as the thought
        # record's pointer to an action plan), to show once the answers are saved. Notes
        # every run shows (an exercise's opening guidance) would only be noise here.
        self.notes: list[str] = []

    def begin(self, exercise: Exercise, phase: Phase, earlier: Answers, resumed: bool) -> None:
        pass

    def show_info(self, step: Step, text: str) -> None:
        if step.kind.widget == "info" and step.when is not None:
            self.notes.append(text)

    def ask(self, request: Ask) -> Any:
        # A step the file leaves out keeps its current answer, or takes the suggested option.
        return self.answers.get(request.step.id, request.default)

    def problem(self, message: str) -> None:  # never called: can_retry is False
        raise AssertionError(message)
