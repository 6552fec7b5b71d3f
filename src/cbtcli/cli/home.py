"""What `cbt` shows with no command: today at a glance, then a menu (or the commands)."""

from __future__ import annotations

from rich.text import Text

from ..wording import DISCLAIMER
from .running import choose_and_start, journal_or_where_help_is
from .state import State

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
    from ..clock import now_local
    from ..insights.summary import home_facts
    from ..terminal.console import styled
    from ..views.summary import home_view

    console = state.console
    console.print(Text("cbt: guided CBT practice", style="bold cyan"))
    facts = home_facts(journal_or_where_help_is(state), now_local().date())
    console.print(home_view(facts, state.plain_output))
    console.print()
    if state.interactive:
        choose_and_start(state, facts.agreed)
        return
    for command, what in COMMANDS:
        console.print(styled("  [cyan]{}[/] {}", f"{command:<24}", what))
    console.print(Text(f"\n{DISCLAIMER}", style="dim"))
