"""A line-based prompter for pipes, scripts and screen readers: one plain line per answer."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TextIO

from rich.console import Console

from ...definitions.model import Step
from ...errors import Interrupted
from ..answers import LADDER_NOTE, answer_text, keep_ladder_ids, parse_feeling, parse_ladder_line
from ..engine import Ask
from .base import GO_BACK, HELP, ConsolePrompter


class PlainPrompter(ConsolePrompter):
    def __init__(self, console: Console, stream: TextIO | None = None) -> None:
        super().__init__(console)
        self.stream = stream or sys.stdin

    def read(self, prompt: str = "> ") -> str:
        self.console.print(prompt, end="")
        line = self.stream.readline()
        if not line:
            self.console.print()
            raise Interrupted("The input ended part way.")
        return line.rstrip("\r\n")

    def read_lines(self, prompt: str, keep: Callable[[list[str]], None] | None = None) -> list[str]:
        """Several lines, ended by an empty one (or the end of input after at least one);
        `keep` is given the lines so far as each one is read."""
        lines: list[str] = []
        while True:
            try:
                line = self.read(prompt)
            except Interrupted:
                if lines:
                    return lines
                raise
            if not line.strip():
                return lines
            if not lines and line.strip() in (HELP, GO_BACK):
                return [line.strip()]
            lines.append(line)
            if keep is not None:
                keep(list(lines))

    def present_and_read(self, request: Ask) -> Any:
        self.console.print()
        self.show_context(request)
        self.console.print(self.heading(request))
        self.describe(request)
        return self.read_answer(request)

    def describe(self, request: Ask) -> None:
        step = request.step
        if request.choices:
            for number, choice in enumerate(request.choices, 1):
                self.console.print(f"  {number}. {choice.label}")
        hints = {
            "multi_choice": "Numbers or names, separated by commas.",
            "rating": f"A number from {step.min} to {step.max}.",
            "emotions": "One feeling per line with how strong it is (0-100), "
            "like 'anxious 70'. An empty line ends.",
            "list": "One per line. An empty line ends.",
            "rerate": "A number from 0 to 100 for each.",
            "ladder": "First a short name, then one step per line: what you'd do, a comma, "
            "and the distress you'd expect from 0 to 100 (for example 'Sit in the parked car, 20'). "
            "An empty line ends.",
        }
        hint = hints.get(step.type, "Several lines; an empty line ends." if step.multiline else "")
        if step.type == "emotions" and step.suggestions:
            hint += f" For example: {', '.join(step.suggestions[:8])}."
        if step.type == "questionnaire":
            hint = (
                "For each, type the number: "
                + ", ".join(f"{o.value} {o.label}" for o in step.options)
                + "."
            )
        if request.default is not None and step.type not in ("ladder", "questionnaire"):
            # a run-time option (a ladder's step) by its words, never by its internal id
            picked = next((c.label for c in request.choices if c.id == request.default), None)
            hint += f" Press Enter to keep: {picked or answer_text(step, request.default)}."
        if hint:
            self.console.print(f"  {hint.strip()}", style="dim")

    def read_answer(self, request: Ask) -> Any:
        step, default = request.step, request.default
        if step.type == "rerate":
            return self.read_rerate(request)
        if step.type == "ladder":
            return self.read_ladder(request)
        if step.type == "questionnaire":
            return self.read_questionnaire(request)
        if step.type in ("list", "emotions") or (step.type == "text" and step.multiline):
            lines = self.read_lines(
                "> ", lambda lines: request.keep_partial(self.joined(step, lines))
            )
            if lines in ([HELP], [GO_BACK]):
                return lines[0]
            if not lines:
                return default
            return self.joined(step, lines)
        line = self.read().strip()
        if line in (HELP, GO_BACK):
            return line
        if not line:
            return default
        if step.type in ("choice", "ladder_step"):
            return self.choice_id(request, line)
        if step.type == "multi_choice":
            return [
                self.choice_id(request, part.strip()) for part in line.split(",") if part.strip()
            ]
        return line

    def joined(self, step: Step, lines: list[str]) -> Any:
        """The answer several lines make: text, a list, or feelings."""
        if step.type == "text":
            return "\n".join(lines)
        if step.type == "list":
            return lines
        return self.feelings(lines)

    def choice_id(self, request: Ask, text: str) -> str:
        choices = request.choices
        if text.isdigit() and 1 <= int(text) <= len(choices):
            return choices[int(text) - 1].id
        return text

    def feelings(self, lines: list[str]) -> Any:
        parsed: dict[str, str | None] = {}
        for line in lines:
            for part in line.split(","):
                if not part.strip():
                    continue
                found = parse_feeling(part)
                if found is None:
                    # A feeling with no strength: the engine says what is missing.
                    return {part.strip(): None}
                parsed[found[0]] = found[1]
        return parsed

    def read_rerate(self, request: Ask) -> Any:
        before = request.earlier.get(request.step.of or "") or {}
        default = request.default or {}
        levels: dict[str, Any] = {}
        for name, level in before.items():
            keep = f", Enter keeps {default[name]}" if name in default else ""
            line = self.read(f"  {name} (was {level}{keep}): ").strip()
            if line in (HELP, GO_BACK):
                return line
            if line:
                levels[name] = line.rstrip("%")
            elif name in default:
                levels[name] = default[name]
        return levels

    def read_ladder(self, request: Ask) -> Any:
        old = request.default or {}
        keep = f" (Enter keeps '{old['name']}')" if old else ""
        name = self.read(f"  Name{keep}: ").strip()
        if name in (HELP, GO_BACK):
            return name
        if old:
            self.console.print(
                "  Its steps now: " + answer_text(request.step, old).split(": ", 1)[-1]
            )
            self.console.print(
                "  Type the whole ladder again, or just press Enter to keep it.", style="dim"
            )
        lines = self.read_lines("> ")
        if lines in ([HELP], [GO_BACK]):
            return lines[0]
        items = (
            keep_ladder_ids([parse_ladder_line(line) for line in lines], old)
            if lines
            else old.get("steps", [])
        )
        if 0 < len(items) < 8:
            self.console.print(f"  {LADDER_NOTE}", style="dim")
        return {
            "name": name or old.get("name", ""),
            "steps": items,
            "ladder_id": old.get("ladder_id"),
        }

    def read_questionnaire(self, request: Ask) -> Any:
        """One item per line, by number or label; `<` goes to the item before (from the
        first, to the step before); an alert can show straight after an item."""
        step = request.step
        old = request.default or {}
        scale = {str(o.value): o.value for o in step.options} | {
            o.label.lower(): o.value for o in step.options
        }
        scores: dict[str, Any] = {}
        index = 0
        while index < len(step.items):
            item = step.items[index]
            earlier = scores.get(item.id, old.get(item.id))
            keep = f" [Enter keeps {earlier}]" if earlier is not None else ""
            line = self.read(f"  ({index + 1}/{len(step.items)}) {item.text}{keep}: ").strip()
            if line in (HELP, GO_BACK) and index == 0:
                return line
            if line == HELP:
                self.show_help(request)
                continue
            if line == GO_BACK:
                index -= 1
                continue
            if not line and earlier is not None:
                scores[item.id] = earlier
            elif line.lower() in scale:
                scores[item.id] = scale[line.lower()]
            else:
                self.problem("Please type one of the numbers shown.")
                continue
            if request.on_item is not None:
                request.on_item(item.id, scores[item.id])
            index += 1
        return scores
