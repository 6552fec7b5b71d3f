"""The interactive prompter for a real terminal, built on questionary."""

from __future__ import annotations

import shutil
import textwrap
import time
from typing import TYPE_CHECKING, Any

from ...definitions.model import Exercise, Phase, Step
from ..answers import INTENSITY_MAX, INTENSITY_MIN, Answers
from ..engine import BACK, Ask
from . import menus
from .base import NOWHERE_BACK, ConsolePrompter, opening_lines
from .ladder_builder import LadderBuilder
from .menus import GO_BACK, HELP, HELP_CHOICE, extra_answer, run_question

if TYPE_CHECKING:
    from rich.text import Text

SOMETHING_ELSE = "\x00other"


def number_check(low: int, high: int, allow_empty: bool = True, allow_keys: bool = True):
    def check(text: str) -> bool | str:
        text = text.strip().rstrip("%").strip()
        if (allow_keys and text in (HELP, GO_BACK)) or (allow_empty and not text):
            return True
        if text.lstrip("-").isdigit() and low <= int(text) <= high:
            return True
        return f"Please type a whole number from {low} to {high}."

    return check


def print_dim(text: str) -> None:
    from prompt_toolkit import print_formatted_text
    from prompt_toolkit.formatted_text import FormattedText

    print_formatted_text(FormattedText([("fg:ansibrightblack", text)]))


class InteractivePrompter(LadderBuilder, ConsolePrompter):
    def begin(self, exercise: Exercise, phase: Phase, earlier: Answers, resumed: bool) -> None:
        """The opening in prompt_toolkit's own printing (already loaded for the prompts), so
        the first question appears without waiting for rich; later screens use rich."""
        if phase is not exercise.phases[0] and not resumed:
            super().begin(exercise, phase, earlier, resumed)  # shows earlier answers in a panel
            return
        from prompt_toolkit import print_formatted_text
        from prompt_toolkit.formatted_text import FormattedText

        from ...terminal.markup import plain_paragraphs
        from ...terminal.no_colour import no_colour_requested

        title, texts, hint = opening_lines(exercise, phase, resumed)
        width = max(20, min(shutil.get_terminal_size().columns, 100))
        rule = "─" * max(2, (width - len(title) - 2) // 2)
        lines: list[tuple[str, str]] = [
            ("", "\n"),
            ("bold", f"{title}\n" if no_colour_requested() else f"{rule} {title} {rule}\n"),
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
        return self.ask_widget(request)

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

    # -- one widget per way of answering (definitions/steps/ names each type's) ---------
    def message(self, request: Ask) -> str:
        counter = f"({request.number}/{request.total}) " if request.total > 1 else ""
        optional = " (optional)" if not request.step.required else ""
        return menus.wrapped(f"{counter}{request.prompt}{optional}")

    def heading(self, request: Ask) -> Text:
        """Steps asked in several prompts open with a line styled like questionary's own."""
        from rich.text import Text

        text = Text("› ", style="#5f819d")
        text.append(self.message(request), style="bold")
        return text

    def ask_text(self, request: Ask) -> Any:
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

    def ask_rating(self, request: Ask) -> Any:
        import questionary

        step = request.step
        unit = f" {step.unit}" if step.unit else ""
        answer = run_question(
            questionary.text(
                self.message(request),
                default="" if request.default is None else str(request.default),
                validate=number_check(step.min, step.max),
                instruction=menus.placed(self.message(request), f"({step.min}-{step.max}{unit})"),
                qmark="›",
            )
        )
        return answer.strip().rstrip("%").strip()

    def ask_choice(self, request: Ask) -> Any:
        import questionary

        choices = [
            questionary.Choice(c.label, value=c.id, description=c.help or None)
            for c in request.choices
        ]
        known = {c.id for c in request.choices}
        answer = run_question(
            menus.select(
                self.message(request),
                [*choices, *menus.extra_choices(request.can_go_back)],
                default=request.default if request.default in known else None,
            )
        )
        return extra_answer(answer)

    def tick(self, request: Ask, labels: dict[str, str], ticked: set[str], hint: str) -> Any:
        """A tick-box menu asked until it is submitted: `?` shows help and asks again with
        the same ticks; returns the ticked values, or GO_BACK."""
        import questionary

        descriptions = {c.id: c.help or None for c in request.choices}
        while True:
            choices = [
                questionary.Choice(
                    label, value=value, checked=value in ticked, description=descriptions.get(value)
                )
                for value, label in labels.items()
            ]
            extra, picked = menus.split_extra(
                run_question(
                    menus.checkbox(
                        self.message(request),
                        [*choices, *menus.extra_choices(request.can_go_back)],
                        instruction=hint,
                    )
                )
            )
            if extra is None:
                return picked
            ticked = set(picked)
            if extra == HELP_CHOICE:
                self.show_help(request)
            elif request.can_go_back:
                return GO_BACK
            else:
                self.problem(NOWHERE_BACK)
            print()

    def ask_multi_choice(self, request: Ask) -> Any:
        labels = {c.id: c.label for c in request.choices}
        return self.tick(
            request, labels, set(request.default or []), "(space to tick, Enter when done)"
        )

    def ask_feelings(self, request: Ask) -> Any:
        """Tick the feelings, then rate each; `<` at the first rating goes back to the ticks."""
        import questionary

        before: dict[str, int] = dict(request.default or {})
        names = list(dict.fromkeys([*request.step.suggestions, *before]))
        ticked = set(before)
        while True:
            labels = {name: name for name in names} | {SOMETHING_ELSE: "Something else…"}
            picked = self.tick(
                request, labels, ticked, "(space to tick each feeling, Enter when done)"
            )
            if picked == GO_BACK:
                return GO_BACK
            feelings = [name for name in picked if name != SOMETHING_ELSE]
            if SOMETHING_ELSE in picked:
                typed = run_question(
                    questionary.text("Which feeling? (separate several with commas)", qmark="›")
                )
                feelings += [part.strip().lower() for part in typed.split(",") if part.strip()]
            feelings = list(dict.fromkeys(feelings))
            names = list(dict.fromkeys([*names, *feelings]))
            ticked = set(feelings)
            levels = self.levels(
                request, [(f"How strong is '{n}' right now?", n) for n in feelings]
            )
            if levels is not None:
                return levels
            print()

    def levels(self, request: Ask, questions: list[tuple[str, str]]) -> dict[str, str] | None:
        """One 0-100 rating per feeling, each kept as it is rated; `?` shows help, `<` goes
        to the one before (None from the first)."""
        return self.one_by_one(
            request,
            [name for _, name in questions],
            lambda index, earlier: self.intensity(questions[index][0], earlier, keys=True),
            lambda name, levels: request.keep_partial(dict(levels)),
            dict(request.default or {}),
        )

    def intensity(self, message: str, default: Any, keys: bool = False) -> str:
        """A 0-100 rating; `keys` lets `?` and `<` through for the caller to act on."""
        import questionary

        answer = run_question(
            questionary.text(
                message,
                default="" if default is None else str(default),
                validate=number_check(
                    INTENSITY_MIN, INTENSITY_MAX, allow_empty=False, allow_keys=keys
                ),
                instruction=menus.placed(message, "(0-100)", lead=4),
                qmark="  ›",
            )
        )
        return answer.strip().rstrip("%").strip()

    def ask_list(self, request: Ask) -> Any:
        """One item per line; `<` on a later line takes the one before back for editing."""
        import questionary

        self.console.print(self.heading(request))
        self.console.print(
            "  One at a time; press Enter on an empty line when you're done.", style="dim"
        )
        pending = list(request.default or [])  # earlier items still to offer, in order
        collected: list[str] = []
        while True:
            answer = run_question(
                questionary.text(
                    f"{len(collected) + 1}.", default=pending[0] if pending else "", qmark="  "
                )
            ).strip()
            if answer in (HELP, GO_BACK) and not collected:
                return answer
            if answer == HELP:
                self.show_help(request)
                continue
            if answer == GO_BACK:
                pending.insert(0, collected.pop())
                continue
            if not answer and not pending:
                return collected
            if answer:
                collected.append(answer)
            pending = pending[1:]  # an earlier item answered again, or cleared (removed)
            # each item is kept as it is typed, with the earlier ones not yet gone through
            request.keep_partial(collected + pending)

    def ask_rerate(self, request: Ask) -> Any:
        self.console.print(self.heading(request))
        before = request.earlier.get(request.step.of or "") or {}
        levels = self.levels(
            request, [(f"{name} (was {level})", name) for name, level in before.items()]
        )
        return GO_BACK if levels is None else levels

    def ask_questionnaire(self, request: Ask) -> Any:
        """Each item as its own menu of the scale; `<` goes to the item before (from the
        first, to the step before), and an alert can show straight after an item."""
        import questionary

        step = request.step
        self.console.print(self.heading(request))
        choices = [questionary.Choice(o.label, value=o.value) for o in step.options]

        def ask_item(index: int, earlier: Any) -> Any:
            return extra_answer(
                run_question(
                    menus.select(
                        menus.wrapped(
                            f"({index + 1}/{len(step.items)}) {step.items[index].text}",
                            lead=4,
                            indent=4,
                        ),
                        [*choices, *menus.extra_choices(index > 0 or request.can_go_back)],
                        default=next((c for c in choices if c.value == earlier), None),
                        qmark="  ›",
                    )
                )
            )

        return self.item_by_item(request, ask_item)
