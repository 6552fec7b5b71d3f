"""Doing an exercise from any command (`cbt do`, `measure`, `ladder practise`, `session`,
`blueprint`, the home menu): run it through the prompter, then report and offer what follows."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .state import State

if TYPE_CHECKING:
    from ..guide.prompters.scripted import ScriptedPrompter
    from ..journal import Journal, Mood

AnswersOption = Annotated[
    str | None,
    typer.Option(
        "--answers", "-a", help="Take every answer from a YAML or JSON file ('-' reads stdin)."
    ),
]


def read_answers_file(source: str) -> dict[str, Any]:
    """Read an answers mapping from a path, or from standard input when `source` is '-'."""
    import sys
    from pathlib import Path

    from ..errors import UsageError
    from ..paths import read_given_file
    from ..yamlfile import MAX_BYTES, YamlProblem, load_text

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


def written_answers(source: str | None) -> Callable[[], ScriptedPrompter] | None:
    """The answers in the file `--answers` names, as a prompter that gives them; the file is
    read only when the exercise asks (so a mistake in the command is said first)."""
    if source is None:
        return None

    def read() -> ScriptedPrompter:
        from ..guide.prompters.scripted import ScriptedPrompter

        return ScriptedPrompter(read_answers_file(source))

    return read


def journal_or_where_help_is(s: State) -> Journal:
    """The journal; when it stays locked (no passphrase, or a wrong one), the one sentence also
    says where help is, as `cbt help-now` needs no passphrase: someone locked out of their
    journal on a bad day still sees it."""
    from ..errors import Interrupted, Locked

    where = "if you need help right now, `cbt help-now` shows where it is without the passphrase."
    try:
        return s.journal()
    except Locked as exc:
        raise Locked(f"{str(exc).removesuffix('.')}; {where}") from None
    except Interrupted:  # Ctrl-C at the passphrase prompt
        raise Interrupted(f"Stopped, and nothing was changed; {where}") from None


def run_and_report(
    s: State, flag: bool = False, answers_source: str | None = None, **how: Any
) -> None:
    from ..guide.doing import run_do
    from ..guide.offers import offer_flag, offer_mastery
    from ..journal import COMPLETE
    from .alerts import show_alert

    target = how.get("target")
    if target and not set(target) <= set("0123456789abcdef-"):
        s.catalog().get(target)  # an unknown exercise is said before any journal is made
    journal = journal_or_where_help_is(s)
    outcome = run_do(
        journal,
        s.catalog(),
        s.prompter,
        answers=written_answers(answers_source),
        alert=show_alert(s),
        **how,
    )
    from ..insights.measures import score_words
    from ..views.entries import outcome_message  # rich, loaded after the exercise

    finished = outcome.entry.status == COMPLETE
    score = score_words(journal, outcome.exercise) if finished else ""
    s.console.print(outcome_message(outcome, score))
    from_file = bool(answers_source)
    asker = s.prompter() if s.interactive and not from_file else None
    for message in offer_mastery(journal, outcome, asker):
        s.console.print(message)
    if flag and finished:
        outcome.entry.flagged = True
        journal.save(outcome.entry, outcome.entry.updated)
    elif not from_file:
        offer_flag(journal, outcome, s.prompter())
    if outcome.entry.flagged:
        s.console.print(f"Flagged {outcome.entry.short_id} to discuss with your therapist.")


MORE_AGREED = 3  # agreed exercises shown beside them; the rest are one step away


def choose_and_start(state: State, agreed: list[str] | None = None) -> None:
    """An arrow-key menu for a daily habit that starts with one keystroke: the thought record,
    a mood check-in, the exercises agreed for now, then every exercise one step away."""
    from rich.text import Text

    from ..definitions.check_in import CHECK_IN
    from ..errors import Interrupted

    catalog = state.catalog()
    if agreed is None:
        from ..clock import now_local
        from ..insights.summary import home_facts

        agreed = home_facts(journal_or_where_help_is(state), now_local().date()).agreed
    # kept short, so the day's summary above the menu stays on the screen
    firsts = ["thought-record", CHECK_IN.id]
    firsts += [e for e in agreed if e in catalog.exercises][:MORE_AGREED]
    firsts = list(dict.fromkeys(firsts))
    try:
        picked = pick_from_menu(state, firsts)
    except Interrupted:
        raise Interrupted("Nothing was started. `cbt` brings this menu back any time.") from None
    if picked == CHECK_IN.id:
        from ..guide.mood import check_in

        show_check_in(state, check_in(state.journal(), state.prompter(), None, None, []))
    elif picked not in (None, "quit"):
        run_and_report(state, target=picked, answers_source=None, resume=False, continue_id=None)
    state.console.print(Text("In a crisis, `cbt help-now` lists people to talk to.", style="dim"))


def pick_from_menu(state: State, firsts: list[str]) -> str | None:
    """The short menu first; "More exercises" opens the whole list, and back returns."""
    from ..definitions.check_in import CHECK_IN, is_check_in
    from ..definitions.model import Choice, Step
    from ..guide.engine import BACK, Ask, ask_valid

    catalog = state.catalog()

    def choice(exercise_id: str) -> Choice:
        if is_check_in(exercise_id):
            return Choice(CHECK_IN.id, CHECK_IN.title, help="Ten seconds: how are you right now?")
        exercise = catalog.get(exercise_id)
        return Choice(exercise.id, exercise.title, help=exercise.summary)

    every = sorted(catalog.exercises.values(), key=lambda e: e.title)
    more = Choice("more", "More exercises...", help=f"All {len(every) + 1}, by name.")
    first = Step(
        id="start",
        type="choice",
        prompt="What would you like to do?",
        help="Pick one to start. If you stop before the first answer, nothing is kept.",
        choices=(*map(choice, firsts), more, Choice("quit", "Not now")),
    )
    whole = Step(
        id="every",
        type="choice",
        prompt="Which exercise?",
        help="Every exercise cbt has, with your own. `cbt exercises` describes each.",
        choices=(choice(CHECK_IN.id), *(choice(e.id) for e in every), Choice("quit", "Not now")),
    )

    def ask(step: Step, can_go_back: bool = False) -> Any:
        question = Ask.question(step, step.choices[0].id, can_go_back)
        return ask_valid(state.prompter(), question, {})

    while True:
        picked = ask(first)
        if picked != "more":
            return picked
        picked = ask(whole, can_go_back=True)
        if picked is not BACK:
            return picked


def show_check_in(s: State, recorded: Mood) -> None:
    """A check-in just made, however it was started: what was noted, and where help is
    when its words suggest risk or its score is low."""
    from ..definitions.check_in import LOW_MOOD
    from ..views.entries import moods_line
    from .alerts import show_alert

    s.console.print(moods_line(recorded))
    s.console.print("Noted. Thank you for checking in.")
    if recorded.alerts:
        from ..safety.watch import Notice

        alert = recorded.alerts[0]
        show_alert(s, pausing=False)(
            Notice("text", alert["reason"], bool(alert.get("urgent")), True, False)
        )
    elif recorded.score is not None and recorded.score <= LOW_MOOD:
        s.console.print(
            "That sounds like a hard day. Be gentle with yourself; if it gets too much, "
            "`cbt help-now` shows where help is, any time."
        )
