"""The interactive prompter for a real terminal, built on questionary."""

from __future__ import annotations

from typing import Any

from rich.console import Console

from ..answers import INTENSITY_MAX, INTENSITY_MIN
from ..engine import BACK, Ask
from ..errors import Interrupted
from .base import ConsolePrompter

HELP, GO_BACK = "?", "<"
SOMETHING_ELSE = "\x00other"
HELP_CHOICE = "\x00help"
BACK_CHOICE = "\x00back"


def run_question(question: Any) -> Any:
    """questionary's ask() swallows Ctrl-C; unsafe_ask() lets us save a draft instead."""
    try:
        return question.unsafe_ask()
    except (KeyboardInterrupt, EOFError):
        raise Interrupted("Stopped part way.") from None


def number_check(low: int, high: int, allow_empty: bool = True):
    def check(text: str) -> bool | str:
        text = text.strip().rstrip("%").strip()
        if text in (HELP, GO_BACK) or (allow_empty and not text):
            return True
        if text.lstrip("-").isdigit() and low <= int(text) <= high:
            return True
        return f"Please type a whole number from {low} to {high}."

    return check


class InteractivePrompter(ConsolePrompter):
    def __init__(self, console: Console) -> None:
        super().__init__(console)

    def ask(self, request: Ask) -> Any:
        while True:
            self.console.print()
            self.show_context(request)
            answer = self.ask_step(request)
            if answer == HELP:
                self.show_help(request)
                continue
            if answer == GO_BACK:
                if request.can_go_back:
                    return BACK
                self.problem("This is the first question, so there's nowhere to go back to.")
                continue
            return answer

    def ask_step(self, request: Ask) -> Any:
        kind = request.step.type
        if kind == "choice":
            return self.choice(request)
        if kind == "multi_choice":
            return self.multi_choice(request)
        if kind == "rating":
            return self.rating(request)
        if kind == "emotions":
            return self.emotions(request)
        if kind == "list":
            return self.items(request)
        if kind == "rerate":
            return self.rerate(request)
        return self.text(request)

    # -- one prompt per step type --------------------------------------------
    def message(self, request: Ask) -> str:
        counter = f"({request.number}/{request.total}) " if request.total > 1 else ""
        optional = " (optional)" if not request.step.required else ""
        return f"{counter}{request.prompt}{optional}"

    def text(self, request: Ask) -> Any:
        import questionary

        step = request.step
        instruction = "(Esc then Enter to finish)" if step.multiline else None
        answer = run_question(
            questionary.text(
                self.message(request),
                default=str(request.default or ""),
                multiline=step.multiline,
                instruction=instruction,
                qmark="›",
            )
        )
        return answer.strip()

    def rating(self, request: Ask) -> Any:
        import questionary

        step = request.step
        unit = f" {step.unit}" if step.unit else ""
        answer = run_question(
            questionary.text(
                self.message(request),
                default="" if request.default is None else str(request.default),
                validate=number_check(step.min, step.max),
                instruction=f"({step.min}-{step.max}{unit})",
                qmark="›",
            )
        )
        return answer.strip().rstrip("%").strip()

    def choice(self, request: Ask) -> Any:
        import questionary

        choices = [
            questionary.Choice(c.label, value=c.id, description=c.help or None)
            for c in request.step.choices
        ]
        extras = self.extras(request)
        answer = run_question(
            questionary.select(
                self.message(request),
                choices=[*choices, questionary.Separator(), *extras],
                default=request.default
                if request.default in {c.id for c in request.step.choices}
                else None,
                qmark="›",
            )
        )
        return self.extra_answer(answer)

    def multi_choice(self, request: Ask) -> Any:
        import questionary

        picked = set(request.default or [])
        choices = [
            questionary.Choice(
                c.label, value=c.id, checked=c.id in picked, description=c.help or None
            )
            for c in request.step.choices
        ]
        answer = run_question(
            questionary.checkbox(
                self.message(request),
                choices=[*choices, questionary.Separator(), *self.extras(request)],
                instruction="(space to tick, Enter when done)",
                qmark="›",
            )
        )
        for special in (HELP_CHOICE, BACK_CHOICE):
            if special in answer:
                return self.extra_answer(special)
        return answer

    def emotions(self, request: Ask) -> Any:
        import questionary

        step = request.step
        before: dict[str, int] = dict(request.default or {})
        names = list(dict.fromkeys([*step.suggestions, *before]))
        choices = [questionary.Choice(name, value=name, checked=name in before) for name in names]
        choices.append(questionary.Choice("Something else…", value=SOMETHING_ELSE))
        picked = run_question(
            questionary.checkbox(
                self.message(request),
                choices=[*choices, questionary.Separator(), *self.extras(request)],
                instruction="(space to tick each feeling, Enter when done)",
                qmark="›",
            )
        )
        for special in (HELP_CHOICE, BACK_CHOICE):
            if special in picked:
                return self.extra_answer(special)
        feelings = [name for name in picked if name != SOMETHING_ELSE]
        if SOMETHING_ELSE in picked:
            typed = run_question(
                questionary.text("Which feeling? (separate several with commas)", qmark="›")
            )
            feelings += [part.strip().lower() for part in typed.split(",") if part.strip()]
        levels: dict[str, str] = {}
        for name in dict.fromkeys(feelings):
            levels[name] = self.intensity(f"How strong is '{name}' right now?", before.get(name))
        return levels

    def intensity(self, message: str, default: int | None) -> str:
        import questionary

        answer = run_question(
            questionary.text(
                message,
                default="" if default is None else str(default),
                validate=number_check(INTENSITY_MIN, INTENSITY_MAX, allow_empty=False),
                instruction="(0-100)",
                qmark="  ›",
            )
        )
        return answer.strip().rstrip("%").strip()

    def items(self, request: Ask) -> Any:
        import questionary

        self.console.print(self.heading(request))
        self.console.print(
            "  One at a time; press Enter on an empty line when you're done.", style="dim"
        )
        existing = list(request.default or [])
        collected: list[str] = []
        number = 1
        while True:
            default = existing[number - 1] if number <= len(existing) else ""
            answer = run_question(
                questionary.text(f"{number}.", default=default, qmark="  ")
            ).strip()
            if answer in (HELP, GO_BACK) and not collected:
                return answer
            if answer == HELP:
                self.show_help(request)
                continue
            if not answer:
                if number <= len(existing):
                    number += 1  # clearing an old item removes it
                    continue
                return collected
            collected.append(answer)
            number += 1

    def rerate(self, request: Ask) -> Any:
        self.console.print(self.heading(request))
        before = request.earlier.get(request.step.of or "") or {}
        default = request.default or {}
        return {
            name: self.intensity(f"{name} (was {level})", default.get(name))
            for name, level in before.items()
        }

    # -- help and back as menu entries -----------------------------------------
    def extras(self, request: Ask) -> list[Any]:
        import questionary

        extras = [questionary.Choice("Show help", value=HELP_CHOICE)]
        if request.can_go_back:
            extras.append(questionary.Choice("Go back", value=BACK_CHOICE))
        return extras

    def extra_answer(self, answer: Any) -> Any:
        return {HELP_CHOICE: HELP, BACK_CHOICE: GO_BACK}.get(answer, answer)
