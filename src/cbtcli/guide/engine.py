"""The engine: walks an exercise's steps, checks each answer, and reports progress.

It knows nothing of terminals or files; a prompter asks, a callback keeps what was said.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..definitions.model import Choice, Exercise, Option, Phase, Step
from ..errors import AnswerError, Interrupted, SafetyStop
from .answers import Answers, answer_text, fill, normalise, step_applies


class _Back:
    def __repr__(self) -> str:
        return "BACK"


BACK = _Back()  # a prompter returns this to go back one step

# Said once when steps are left out after words that suggested risk (see safety.SafetyWatch).
LEFT_OUT = Step(
    id="left_out",
    type="info",
    prompt=(
        "The next steps would look closely at what you wrote just now, so they are left out "
        "today. Those thoughts are worth talking through with someone: your therapist, or a "
        "line from `cbt help-now`."
    ),
)


@dataclass
class Ask:
    """Everything a prompter needs to put one step to the person."""

    step: Step
    prompt: str
    help: str
    default: Any
    context: list[tuple[str, str]] = field(default_factory=list)
    earlier: Answers = field(default_factory=dict)
    number: int = 1
    total: int = 1
    can_go_back: bool = False
    options: tuple[Option, ...] = ()
    # called as each questionnaire item is answered (for safety alerts that cannot wait)
    on_item: Callable[[str, Any], None] | None = None
    # called with the answer so far as each list item, feeling or ladder step is given, so
    # that it is kept at once: stopping part way through a list loses none of it
    on_partial: Callable[[Any], None] | None = None

    @classmethod
    def question(cls, step: Step, default: Any = None, can_go_back: bool = False) -> Ask:
        """A question of cbt's own (a menu, an offer) asked as a step: its prompt and help."""
        return cls(step, step.prompt, step.help, default, can_go_back=can_go_back)

    def keep_partial(self, value: Any) -> None:
        if self.on_partial is not None:
            self.on_partial(value)

    def item_answered(self, item_id: str, value: Any) -> None:
        if self.on_item is not None:
            self.on_item(item_id, value)

    @property
    def choices(self) -> tuple[Choice, ...]:
        """The step's own choices, or the run-time options (a ladder's steps)."""
        if self.step.choices:
            return self.step.choices
        return tuple(Choice(id=o.id, label=o.label) for o in self.options)


class Watch(Protocol):
    """Looks at answers as they are given (see safety.SafetyWatch)."""

    def item(self, step: Step, item_id: str, value: Any) -> None: ...

    def answer(self, step: Step, value: Any) -> None: ...

    def unfinished(self, step: Step, value: Any) -> bool: ...

    def leaves_out(self, step: Step, same_phase: set[str]) -> bool: ...


class Prompter(Protocol):
    # True when the person can be asked again after a problem; False for answers files.
    can_retry: bool

    def begin(self, exercise: Exercise, phase: Phase, earlier: Answers, resumed: bool) -> None: ...

    # Shows an `info` or `pause` step; returns BACK if the person asked to go back.
    def show_info(self, step: Step, text: str) -> Any: ...

    def ask(self, request: Ask) -> Any: ...

    def problem(self, message: str) -> None: ...


Progress = Callable[[Answers, int], None]
# Supplies run-time options for steps whose choices live in the journal.
OptionSource = Callable[[Step], Sequence[Option]]


def make_request(
    exercise: Exercise,
    phase: Phase,
    index: int,
    answers: Answers,
    can_go_back: bool,
    option_source: OptionSource | None = None,
) -> Ask:
    step = phase.steps[index]
    options: tuple[Option, ...] = ()
    default = answers.get(step.id)
    if step.kind.from_journal and option_source is not None:
        options = tuple(option_source(step))
        if isinstance(default, dict):
            default = default.get("id")
        elif default is None:
            default = next((o.id for o in options if o.suggested), None)
    answerable = [s for s in phase.steps if s.has_answer]
    context = [
        (exercise.known_step(name).short_label, answer_text(exercise.step(name), answers.get(name)))
        for name in step.context
        if answers.get(name) is not None
    ]
    return Ask(
        step=step,
        prompt=fill(step.prompt, answers, exercise.step),
        help=fill(step.help, answers, exercise.step),
        default=default,
        context=context,
        earlier=answers,
        number=answerable.index(step) + 1 if step in answerable else 0,
        total=len(answerable),
        can_go_back=can_go_back,
        options=options,
    )


def first_open_step(phase: Phase, answers: Answers) -> int:
    """Where a resumed phase picks up: the first shown step with no answer yet."""
    for index, step in enumerate(phase.steps):
        if step.has_answer and step_applies(step, answers) and step.id not in answers:
            return index
    return len(phase.steps)


def walk(
    exercise: Exercise,
    phase_index: int,
    prompter: Prompter,
    answers: Answers | None = None,
    *,
    start: int = 0,
    on_progress: Progress | None = None,
    resumed: bool = False,
    option_source: OptionSource | None = None,
    watch: Watch | None = None,
) -> Answers:
    """Ask every step of one phase from `start`; returns all answers (earlier phases included)."""
    phase = exercise.phases[phase_index]
    answers = dict(answers or {})
    prompter.begin(exercise, phase, answers, resumed)
    # Steps already answered before `start` can be revisited with "back".
    history = [
        i
        for i, s in enumerate(phase.steps[:start])
        if s.has_answer and step_applies(s, answers) and s.id in answers
    ]
    index = start
    left_out_said = False
    # The answer so far of the step being asked (a list part written), as last kept.
    partial: dict[str, Any] = {}
    with reading_unfinished_words(watch, partial, on_progress):
        while index < len(phase.steps):
            step = phase.steps[index]
            if not step_applies(step, answers):
                answers.pop(step.id, None)
                index += 1
                continue
            # Not asked: it would work on words that suggested risk. An answers file is not a
            # person being asked, and every answer it holds is kept.
            if (
                prompter.can_retry
                and watch is not None
                and watch.leaves_out(step, {s.id for s in phase.steps})
            ):
                if not left_out_said:
                    prompter.show_info(LEFT_OUT, LEFT_OUT.prompt)
                    left_out_said = True
                index += 1
                continue
            if not step.has_answer:
                shown = prompter.show_info(step, fill(step.prompt, answers, exercise.step))
                if shown is BACK and history:
                    index = history.pop()
                    continue
                index += 1
                continue
            request = make_request(exercise, phase, index, answers, bool(history), option_source)
            if watch is not None:
                request.on_item = lambda item, value, step=step: watch.item(step, item, value)
            if on_progress is not None and step.kind.keeps_partial:
                request.on_partial = partial_keeper(
                    step, index, answers, on_progress, request, partial
                )
            rejected = None
            if watch is not None:

                def rejected(value: Any, step: Step = step, at: int = index) -> None:
                    try:
                        watch.answer(step, value)  # may stop here, if the person chooses to
                    finally:  # any alert it raised is saved whatever happens next
                        if on_progress is not None:
                            on_progress(answers, at)

            stored = ask_valid(prompter, request, answers, rejected)
            partial.clear()  # the step is answered: what was kept part way is replaced
            if stored is BACK:
                if history:
                    index = history.pop()
                continue
            if stored is None:
                answers.pop(step.id, None)
            else:
                answers[step.id] = stored
            history.append(index)
            index += 1
            try:
                if watch is not None and stored is not None:
                    watch.answer(step, stored)  # may stop here, if the person chooses to
            finally:  # the answer, and any alert it raised, are saved whatever happens next
                if on_progress is not None:
                    on_progress(answers, index)
    return answers


def partial_keeper(
    step: Step,
    index: int,
    answers: Answers,
    on_progress: Progress,
    request: Ask,
    last: dict[str, Any],
) -> Callable[[Any], None]:
    """Keeps a step's answer so far with the others, the cursor still on the step, so a
    resumed draft comes back to it with what was given. What does not fit yet (a feeling
    still without its strength) waits for the next call. `last` holds what was kept, for
    the safety watch to read if the person stops here."""

    def keep(value: Any) -> None:
        try:
            stored = normalise(step, value, answers, request.options)
        except AnswerError:
            return
        if stored is not None:
            kept = {**answers, step.id: stored}
            on_progress(kept, index)
            last.update(step=step, value=stored, answers=kept, index=index)

    return keep


@contextmanager
def reading_unfinished_words(
    watch: Watch | None, partial: dict[str, Any], on_progress: Progress | None
) -> Iterator[None]:
    """A stop part way through a step (a list with some items written, say) still lets the
    safety watch read what was written there, and keeps its alert with the draft."""
    try:
        yield
    except Interrupted as stopped:
        if partial and watch is not None and not isinstance(stopped, SafetyStop):
            alerted = watch.unfinished(partial["step"], partial["value"])
            if alerted and on_progress is not None:
                on_progress(partial["answers"], partial["index"])
        raise


def ask_valid(
    prompter: Prompter,
    request: Ask,
    answers: Answers,
    on_rejected: Callable[[Any], None] | None = None,
) -> Any:
    """Ask until the answer fits the step; returns its stored form (None if skipped) or BACK.

    A prompter that cannot ask again (an answers file) gets the AnswerError instead. An
    answer that does not fit is still shown to `on_rejected` (the safety watch reads every
    word typed, fitting or not) before the person is asked again."""
    while True:
        value = prompter.ask(request)
        if value is BACK:
            return BACK
        try:
            return normalise(request.step, value, answers, request.options)
        except AnswerError as exc:
            if not prompter.can_retry:
                raise
            if on_rejected is not None:
                on_rejected(value)
            prompter.problem(exc.message)


def check_phase_answers(exercise: Exercise, phase_index: int, given: dict[str, Any]) -> None:
    """Answer-file keys must be steps of this phase, so a typo is not silently dropped."""
    phase = exercise.phases[phase_index]
    own = {s.id for s in phase.steps if s.has_answer}
    for key in given:
        if key in own:
            continue
        step = exercise.step(key)
        if step is None:
            raise AnswerError(str(key), f"there is no such step in '{exercise.id}'.")
        other = next(p for p in exercise.phases if step in p.steps)
        raise AnswerError(
            str(key), f"this step belongs to the '{other.id}' phase, not '{phase.id}'."
        )
