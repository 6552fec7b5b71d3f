"""What `cbt` shows with no command: today at a glance, then a menu (or the commands)."""

from __future__ import annotations

from rich.text import Text

from .app import DISCLAIMER, State

COMMANDS = [
    ("cbt do thought-record", "untangle a difficult moment (about 5 minutes)"),
    ("cbt mood", "a ten-second mood check-in"),
    ("cbt exercises", "every exercise"),
    ("cbt journal", "your entries"),
    ("cbt summary", "your trends over the last 30 days"),
    ("cbt help-now", "crisis lines, if you need help right now"),
    ("cbt --help", "all commands"),
]


def show_home(state: State) -> None:
    from ..console import styled
    from ..insights import home_facts
    from ..journal import now_local
    from ..render_summary import home_view

    console = state.console
    console.print(Text("cbt: guided CBT practice", style="bold cyan"))
    console.print(home_view(home_facts(state.journal(), now_local().date()), state.plain_output))
    console.print()
    if state.interactive:
        choose_and_start(state)
        return
    for command, what in COMMANDS:
        console.print(styled("  [cyan]{}[/] {}", f"{command:<24}", what))
    console.print(Text(f"\n{DISCLAIMER}", style="dim"))


def choose_and_start(state: State) -> None:
    """An arrow-key menu of exercises, for a daily habit that starts with one keystroke."""
    from ..engine import Ask, ask_valid
    from ..errors import Interrupted
    from ..model import Choice, Step
    from .practice import run_and_report

    catalog = state.catalog()
    exercises = sorted(
        catalog.exercises.values(), key=lambda e: (e.id != "thought-record", e.title)
    )
    options = [Choice(e.id, e.title, help=e.summary) for e in exercises]
    # the two quickest habits first: a thought record, then a ten-second check-in
    options.insert(1, Choice("mood", "Mood check-in", help="Ten seconds: how are you right now?"))
    options.append(Choice("quit", "Not now"))
    question = Step(
        id="start", type="choice", prompt="What would you like to do?", choices=tuple(options)
    )
    try:
        picked = ask_valid(
            state.prompter(),
            Ask(step=question, prompt=question.prompt, help="", default="thought-record"),
            {},
        )
    except Interrupted:
        raise Interrupted("Nothing was started. `cbt` brings this menu back any time.") from None
    if picked == "mood":
        from ..mood import check_in
        from ..render import moods_line

        state.console.print(moods_line(check_in(state.journal(), state.prompter(), None, None, [])))
    elif picked not in (None, "quit"):
        run_and_report(state, target=picked, answers_source=None, resume=False, continue_id=None)
    state.console.print(Text("In a crisis, `cbt help-now` lists people to talk to.", style="dim"))
