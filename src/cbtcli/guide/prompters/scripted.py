"""Answers from a file (YAML or JSON): every step filled at once, nothing asked."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from ...definitions.model import Exercise, Phase, Step
from ...errors import UsageError
from ...paths import read_given_file
from ..answers import Answers
from ..engine import Ask


def read_answers_file(source: str) -> dict[str, Any]:
    """Read an answers mapping from a path, or from standard input when `source` is '-'."""
    from ...yamlfile import MAX_BYTES, YamlProblem, load_text

    if source == "-":
        text, name = sys.stdin.read(MAX_BYTES + 1), "standard input"
    else:
        name = source
        text = read_given_file(Path(source), "answers file")
    try:
        data = load_text(text)
    except YamlProblem as exc:
        where = f" at line {exc.line}" if exc.line else ""
        raise UsageError(
            f"The answers in {name} are not valid YAML or JSON ({exc.problem}{where})."
        ) from None
    if not isinstance(data, dict):
        raise UsageError(f"The answers in {name} must be a mapping of step ids to answers.")
    return {str(key): value for key, value in data.items()}


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
