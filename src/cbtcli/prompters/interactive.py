"""The interactive prompter for a real terminal, built on questionary."""

from __future__ import annotations

import shutil
import textwrap
import time
from typing import TYPE_CHECKING, Any

from ..answers import INTENSITY_MAX, INTENSITY_MIN, LADDER_NOTE, Answers
from ..engine import BACK, Ask
from ..errors import Interrupted
from ..model import Exercise, Phase, Step
from .base import GO_BACK, HELP, ConsolePrompter, opening_lines

if TYPE_CHECKING:
    from rich.text import Text

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


def print_dim(text: str) -> None:
    from prompt_toolkit import print_formatted_text
    from prompt_toolkit.formatted_text import FormattedText

    print_formatted_text(FormattedText([("fg:ansibrightblack", text)]))


class InteractivePrompter(ConsolePrompter):
    def begin(self, exercise: Exercise, phase: Phase, earlier: Answers, resumed: bool) -> None:
        """The opening in prompt_toolkit's own printing (already loaded for the prompts), so
        the first question appears without waiting for rich; later screens use rich."""
        if phase is not exercise.phases[0] and not resumed:
            super().begin(exercise, phase, earlier, resumed)  # shows earlier answers in a panel
            return
        from prompt_toolkit import print_formatted_text
        from prompt_toolkit.formatted_text import FormattedText

        from ..textmark import plain_paragraphs

        title, texts, hint = opening_lines(exercise, phase, resumed)
        width = max(20, min(shutil.get_terminal_size().columns, 100))
        side = max(2, (width - len(title) - 2) // 2)
        lines: list[tuple[str, str]] = [
            ("", "\n"),
            ("bold", f"{'─' * side} {title} {'─' * side}\n"),
        ]
        for text in texts:
            for paragraph in plain_paragraphs(text):
                lines.append(
                    (
                        "",
                        textwrap.fill(
                            paragraph,
                            width,
                            subsequent_indent="   " if paragraph.startswith(" • ") else "",
                        )
                        + "\n",
                    )
                )
            lines.append(("", "\n"))
        lines.append(("fg:ansibrightblack", hint))
        print_formatted_text(FormattedText(lines))

    def present_and_read(self, request: Ask) -> Any:
        print()  # a plain blank line: rich is loaded only when there is more to show
        self.show_context(request)
        return self.ask_step(request)

    def ask_step(self, request: Ask) -> Any:
        kind = request.step.type
        if kind in ("choice", "ladder_step"):
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
        if kind == "ladder":
            return self.ladder(request)
        if kind == "questionnaire":
            return self.questionnaire(request)
        return self.text(request)

    def pause(self, step: Step) -> Any:
        """Count down quietly; `?` shows the step's help and carries on counting."""
        from .pause import DONE, SKIPPED, countdown

        end = time.monotonic() + step.seconds
        while True:
            pressed = countdown(end - time.monotonic(), can_go_back=True)
            if pressed == HELP:
                self.show_help(Ask(step=step, prompt=step.prompt, help=step.help, default=None))
                continue
            if pressed == GO_BACK:
                return BACK
            words = {DONE: "Time's up.", SKIPPED: "Carrying on."}
            print_dim(f"  {words[pressed]}")
            return None

    # -- one prompt per step type --------------------------------------------
    def message(self, request: Ask) -> str:
        counter = f"({request.number}/{request.total}) " if request.total > 1 else ""
        optional = " (optional)" if not request.step.required else ""
        return f"{counter}{request.prompt}{optional}"

    def heading(self, request: Ask) -> Text:
        """Steps asked in several prompts open with a line styled like questionary's own."""
        from rich.text import Text

        text = Text("› ", style="#5f819d")
        text.append(self.message(request), style="bold")
        return text

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
            for c in request.choices
        ]
        known = {c.id for c in request.choices}
        extras = self.extras(request)
        answer = run_question(
            questionary.select(
                self.message(request),
                choices=[*choices, questionary.Separator(), *extras],
                default=request.default if request.default in known else None,
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
            for c in request.choices
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

    def questionnaire(self, request: Ask) -> Any:
        """Each item as its own menu of the scale; an alert can show straight after an item."""
        import questionary

        step = request.step
        old = request.default or {}
        self.console.print(self.heading(request))
        scores: dict[str, Any] = {}
        for number, item in enumerate(step.items, 1):
            choices = [questionary.Choice(o.label, value=o.value) for o in step.options]
            extras = (
                self.extras(request)
                if number == 1
                else [questionary.Choice("Show help", value=HELP_CHOICE)]
            )
            default = next((c for c in choices if c.value == old.get(item.id)), None)
            while True:
                answer = run_question(
                    questionary.select(
                        f"({number}/{len(step.items)}) {item.text}",
                        choices=[*choices, questionary.Separator(), *extras],
                        default=default,
                        qmark="  ›",
                    )
                )
                if answer == HELP_CHOICE:
                    self.show_help(request)
                    continue
                if answer == BACK_CHOICE:
                    return GO_BACK
                break
            scores[item.id] = answer
            if request.on_item is not None:
                request.on_item(item.id, answer)
        return scores

    def ladder(self, request: Ask) -> Any:
        """Build a ladder rung by rung, then add, re-rate, rename or remove until done."""
        import questionary

        old = request.default or {}
        editing = bool(old.get("name"))
        ask_name = " Its name (Enter keeps it):" if editing else " First, a short name for it:"
        name = run_question(
            questionary.text(
                self.message(request) + ask_name,
                default=old.get("name", ""),
                instruction=None if editing else "(like 'driving' or 'phone calls')",
                qmark="›",
            )
        ).strip()
        if name in (HELP, GO_BACK):
            return name
        rungs: list[dict[str, Any]] = [dict(s) for s in old.get("steps", [])]
        if not rungs:
            self.console.print(
                "  Now the steps, easiest first if you like; they'll be sorted by distress.",
                style="dim",
            )
            self.add_rungs(rungs)
        while True:
            rungs.sort(key=lambda r: int(r["suds"]))
            self.show_rungs(rungs)
            action = run_question(
                questionary.select(
                    "Anything to change?",
                    choices=[
                        questionary.Choice("No, the ladder is ready", value="done"),
                        questionary.Choice("Add steps", value="add"),
                        questionary.Choice("Change a step's rating", value="rerate"),
                        questionary.Choice("Reword a step", value="rename"),
                        questionary.Choice("Remove a step", value="remove"),
                    ],
                    qmark="›",
                )
            )
            if action == "done":
                if len(rungs) < 8:
                    self.console.print(f"  {LADDER_NOTE}", style="dim")
                return {"name": name, "steps": rungs, "ladder_id": old.get("ladder_id")}
            if action == "add":
                self.add_rungs(rungs)
                continue
            rung = self.pick_rung(rungs)
            if rung is None:
                continue
            if action == "remove":
                rungs.remove(rung)
            elif action == "rerate":
                rung["suds"] = self.intensity(f"Distress for '{rung['text']}'", int(rung["suds"]))
            else:
                rung["text"] = (
                    run_question(
                        questionary.text("New wording:", default=rung["text"], qmark="  ›")
                    ).strip()
                    or rung["text"]
                )

    def add_rungs(self, rungs: list[dict[str, Any]]) -> None:
        import questionary

        while True:
            text = run_question(
                questionary.text(
                    f"Step {len(rungs) + 1}:",
                    instruction="(a situation to face; Enter on an empty line when done)",
                    qmark="  ›",
                )
            ).strip()
            if not text:
                return
            suds = self.intensity(
                "How much distress would it bring? (SUDS: 0 calm, 100 the most)", None
            )
            rungs.append({"text": text, "suds": suds})

    def pick_rung(self, rungs: list[dict[str, Any]]) -> dict[str, Any] | None:
        import questionary

        choices = [
            questionary.Choice(f"{r['text']} ({r['suds']})", value=index)
            for index, r in enumerate(rungs)
        ]
        choices.append(questionary.Choice("Never mind", value=None))
        picked = run_question(questionary.select("Which step?", choices=choices, qmark="  ›"))
        return None if picked is None else rungs[picked]

    def show_rungs(self, rungs: list[dict[str, Any]]) -> None:
        from rich.table import Table

        table = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
        table.add_column("#", justify="right", style="dim")
        table.add_column("Step")
        table.add_column("SUDS", justify="right")
        for number, rung in enumerate(rungs, 1):
            table.add_row(str(number), rung["text"], str(rung["suds"]))
        self.console.print(table)

    # -- help and back as menu entries -----------------------------------------
    def extras(self, request: Ask) -> list[Any]:
        import questionary

        extras = [questionary.Choice("Show help", value=HELP_CHOICE)]
        if request.can_go_back:
            extras.append(questionary.Choice("Go back", value=BACK_CHOICE))
        return extras

    def extra_answer(self, answer: Any) -> Any:
        return {HELP_CHOICE: HELP, BACK_CHOICE: GO_BACK}.get(answer, answer)
