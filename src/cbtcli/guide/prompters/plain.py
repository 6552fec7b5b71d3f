"""A line-based prompter for pipes, scripts and screen readers: one plain line per answer."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TextIO

from rich.console import Console

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
        for number, choice in enumerate(request.choices, 1):
            self.console.print(f"  {number}. {choice.label}")
        return self.ask_widget(request)

    def hint(self, request: Ask, text: str = "", keep: bool = True) -> None:
        """The dim line under a question: how to type the answer, and (with `keep`) what
        Enter keeps, a run-time option (a ladder's step) by its words, never its id."""
        if keep and request.default is not None:
            picked = next((c.label for c in request.choices if c.id == request.default), None)
            text += f" Press Enter to keep: {picked or answer_text(request.step, request.default)}."
        if text:
            self.console.print(f"  {text.strip()}", style="dim")

    def read_line(self, request: Ask, convert: Callable[[str], Any] = str) -> Any:
        """One line: `?` or `<` as they are, an empty one keeps the default."""
        line = self.read().strip()
        if line in (HELP, GO_BACK):
            return line
        if not line:
            return request.default
        return convert(line)

    def read_several(self, request: Ask, join: Callable[[list[str]], Any]) -> Any:
        """Lines up to an empty one, joined into the answer; what is typed so far is kept."""
        lines = self.read_lines("> ", lambda lines: request.keep_partial(join(lines)))
        if lines in ([HELP], [GO_BACK]):
            return lines[0]
        if not lines:
            return request.default
        return join(lines)

    # -- one widget per way of answering (definitions/steps/ names each type's) ---------
    def ask_text(self, request: Ask) -> Any:
        if request.step.multiline:
            self.hint(request, "Several lines; an empty line ends.")
            return self.read_several(request, "\n".join)
        self.hint(request)
        return self.read_line(request)

    def ask_choice(self, request: Ask) -> Any:
        self.hint(request)
        return self.read_line(request, lambda line: self.choice_id(request, line))

    def ask_multi_choice(self, request: Ask) -> Any:
        self.hint(request, "Numbers or names, separated by commas.")
        return self.read_line(
            request,
            lambda line: [
                self.choice_id(request, part.strip()) for part in line.split(",") if part.strip()
            ],
        )

    def ask_rating(self, request: Ask) -> Any:
        self.hint(request, f"A number from {request.step.min} to {request.step.max}.")
        return self.read_line(request)

    def ask_feelings(self, request: Ask) -> Any:
        hint = (
            "One feeling per line with how strong it is (0-100), like 'anxious 70'. "
            "An empty line ends."
        )
        if request.step.suggestions:
            hint += f" For example: {', '.join(request.step.suggestions[:8])}."
        self.hint(request, hint)
        return self.read_several(request, self.feelings)

    def ask_list(self, request: Ask) -> Any:
        self.hint(request, "One per line. An empty line ends.")
        return self.read_several(request, list)

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

    def ask_rerate(self, request: Ask) -> Any:
        self.hint(request, "A number from 0 to 100 for each.")
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

    def ask_ladder(self, request: Ask) -> Any:
        self.hint(
            request,
            "First a short name, then one step per line: what you'd do, a comma, and the "
            "distress you'd expect from 0 to 100 (for example 'Sit in the parked car, 20'). "
            "An empty line ends.",
            keep=False,
        )
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

    def ask_questionnaire(self, request: Ask) -> Any:
        """One item per line, by number or label; `<` goes to the item before (from the
        first, to the step before); an alert can show straight after an item."""
        step = request.step
        numbers = ", ".join(f"{o.value} {o.label}" for o in step.options)
        self.hint(request, f"For each, type the number: {numbers}.", keep=False)
        scale = {str(o.value): o.value for o in step.options} | {
            o.label.lower(): o.value for o in step.options
        }

        def ask_item(index: int, earlier: Any) -> Any:
            keep = f" [Enter keeps {earlier}]" if earlier is not None else ""
            question = f"  ({index + 1}/{len(step.items)}) {step.items[index].text}{keep}: "
            while True:
                line = self.read(question).strip()
                if line in (HELP, GO_BACK):
                    return line
                if not line and earlier is not None:
                    return earlier
                if line.lower() in scale:
                    return scale[line.lower()]
                self.problem("Please type one of the numbers shown.")

        return self.item_by_item(request, ask_item)
