"""What every person-facing prompter shows the same way: intros, context, help, problems."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ...definitions.model import Exercise, Phase, Step
from ..answers import Answers, answer_text
from ..engine import BACK, Ask

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

# What a person types instead of an answer: `?` for the step's help, `<` to go back.
HELP, GO_BACK = "?", "<"
HINT_KEYS = "? help · < back · Ctrl-C saves a draft"
HINT_KEYS_NO_DRAFT = "? help · < back · Ctrl-C cancels"
NOWHERE_BACK = "This is the first question, so there's nowhere to go back to."
SUPERVISED_LINE = (
    "**This exercise is best done with a therapist**: go through it together, or use it to "
    "prepare for a session."
)


def opening_lines(exercise: Exercise, phase: Phase, resumed: bool) -> tuple[str, list[str], str]:
    """What an exercise (or phase) opens with: a title, paragraphs of light markdown, a hint."""
    first_phase = phase is exercise.phases[0]
    title = exercise.title if first_phase else f"{exercise.title}: {phase.title}"
    texts = []
    if exercise.supervised and first_phase and not resumed:
        texts.append(SUPERVISED_LINE)
    if resumed:
        texts.append("Welcome back. We'll pick up where you left off.")
    elif first_phase and exercise.intro:
        texts.append(exercise.intro)
    if phase.intro:
        texts.append(phase.intro)
    minutes = (
        f"About {exercise.minutes} minutes. "
        if exercise.minutes and first_phase and not resumed
        else ""
    )
    keys = HINT_KEYS if exercise.keeps_drafts else HINT_KEYS_NO_DRAFT
    return title, texts, minutes + keys


class ConsolePrompter(ABC):
    can_retry = True

    def __init__(self, console: Console | Callable[[], Console]) -> None:
        # a factory is resolved on first use, so a prompt can appear before rich is imported
        self._console = console

    @property
    def console(self) -> Console:
        if callable(self._console):
            self._console = self._console()
        return self._console

    def begin(self, exercise: Exercise, phase: Phase, earlier: Answers, resumed: bool) -> None:
        from rich.text import Text

        from ...terminal.markup import render as Markdown

        title, texts, hint = opening_lines(exercise, phase, resumed)
        self.console.print()
        self.console.rule(Text(title, style="bold"))
        for text in texts:
            self.console.print(Markdown(text))
            self.console.print()
        if phase is not exercise.phases[0] and not resumed:
            self.show_earlier(exercise, phase, earlier)
        self.console.print(Text(hint, style="dim"))

    def show_earlier(self, exercise: Exercise, phase: Phase, earlier: Answers) -> None:
        """Earlier phases' answers, so a review starts from what was planned."""
        from rich.console import Group
        from rich.padding import Padding
        from rich.panel import Panel
        from rich.text import Text

        lines: list[Text | Padding] = []
        for step in exercise.steps:
            if step in phase.steps:
                break
            if step.id in earlier:
                answer = Text(answer_text(step, earlier[step.id]))
                lines += [Text(step.short_label, style="bold"), Padding(answer, (0, 0, 0, 2))]
        if lines:
            self.console.print(
                Panel(Group(*lines), title=Text("What you wrote before"), title_align="left")
            )

    def show_info(self, step: Step, text: str) -> Any:
        from rich.panel import Panel

        from ...terminal.markup import render as Markdown

        self.console.print()
        self.console.print(Panel(Markdown(text), border_style="cyan"))
        if step.kind.widget == "pause":
            return self.pause(step)
        return None

    def pause(self, step: Step) -> Any:
        """Piped input goes straight on: the person reading it sets their own pace."""
        return None

    def ask(self, request: Ask) -> Any:
        """Ask until there is an answer: `?` shows the step's help and asks again; `<` goes
        back, except at the first question."""
        while True:
            answer = self.present_and_read(request)
            if answer == HELP:
                self.show_help(request)
                continue
            if answer == GO_BACK:
                if request.can_go_back:
                    return BACK
                self.problem(NOWHERE_BACK)
                continue
            return answer

    @abstractmethod
    def present_and_read(self, request: Ask) -> Any:
        """Show the question the prompter's way and read one reply (or HELP or GO_BACK)."""

    def ask_widget(self, request: Ask) -> Any:
        """Ask with the widget the step's type names (definitions/steps/): each prompter has
        a method `ask_<widget>` for each, which tests/test_step_types.py checks."""
        return getattr(self, f"ask_{request.step.kind.widget}")(request)

    def one_by_one(
        self,
        request: Ask,
        keys: Sequence[str],
        ask_one: Callable[[int, Any], Any],
        kept: Callable[[str, dict[str, Any]], None],
        before: Mapping[str, Any],
    ) -> dict[str, Any] | None:
        """One answer for each of `keys` in turn (a questionnaire's items, feelings to rate),
        each asked by `ask_one(index, answer so far)`: `?` shows the step's help and asks
        again, `<` goes to the one before (from the first, None: back out of the step).
        `kept` hears each key as it is answered (with all so far), so none waits for the
        last."""
        given: dict[str, Any] = {}
        index = 0
        while index < len(keys):
            key = keys[index]
            answer = ask_one(index, given.get(key, before.get(key)))
            if answer == HELP:
                self.show_help(request)
                continue
            if answer == GO_BACK:
                if index == 0:
                    return None
                index -= 1
                continue
            given[key] = answer
            kept(key, given)
            index += 1
        return given

    def item_by_item(self, request: Ask, ask_item: Callable[[int, Any], Any]) -> Any:
        """A questionnaire's items in turn (see one_by_one); each score is told at once, so
        an alert can show straight after its item."""
        step = request.step
        scores = self.one_by_one(
            request,
            [item.id for item in step.items],
            ask_item,
            lambda item, scores: request.item_answered(item, scores[item]),
            request.default or {},
        )
        return GO_BACK if scores is None else scores

    def show_context(self, request: Ask) -> None:
        if not request.context:
            return
        from rich.panel import Panel
        from rich.text import Text

        body = Text()
        for index, (label, value) in enumerate(request.context):
            if index:
                body.append("\n")
            body.append(f"{label}: ", style="bold")
            body.append(value)
        self.console.print(Panel(body, border_style="dim"))

    def show_help(self, request: Ask) -> None:
        from rich.panel import Panel
        from rich.text import Text

        from ...terminal.markup import render as Markdown

        parts = [request.help] if request.help else []
        bullets = []
        for choice in request.choices:
            if choice.help or choice.example:
                line = f"- **{choice.label}**: {choice.help}"
                if choice.example:
                    line += f" _e.g. {choice.example}_"
                bullets.append(line)
        if bullets:
            parts.append("\n".join(bullets))  # one list, not a paragraph each
        if how := request.step.kind.help_line(request.step):
            parts.append(how)
        if not parts:
            parts.append("There's no extra help for this step; answer in your own words.")
        self.console.print(
            Panel(Markdown("\n\n".join(parts)), title=Text("Help"), border_style="cyan")
        )

    def problem(self, message: str) -> None:
        from rich.text import Text

        self.console.print(Text(f"  {message}", style="yellow"))

    def heading(self, request: Ask) -> Text:
        from rich.text import Text

        counter = f"{request.number}/{request.total}  " if request.total > 1 else ""
        optional = "" if request.step.required else "  (optional)"
        text = Text(counter, style="dim")
        text.append(request.prompt, style="bold")
        text.append(optional, style="dim")
        return text
