"""What `cbt` shows with no command."""

from __future__ import annotations

from rich.text import Text

from ..render import exercises_table
from .app import DISCLAIMER, State


def show_home(state: State) -> None:
    console = state.console
    console.print(Text("Welcome to cbt", style="bold"))
    console.print("Pick an exercise and start it with [cyan]cbt do NAME[/]:\n")
    console.print(exercises_table(state.catalog()))
    console.print(
        "\nQuick check-in: [cyan]cbt mood[/]   Your entries: [cyan]cbt journal[/]   "
        "All commands: [cyan]cbt --help[/]"
    )
    console.print(Text(f"\n{DISCLAIMER}", style="dim"))
