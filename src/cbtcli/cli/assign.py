"""`cbt assign` and `cbt assignments`: homework a therapist sends, added only once the person
has seen what it will change and said yes."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from .app import app
from .state import State, reading, state


@app.command("assign")
def assign(
    ctx: typer.Context,
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="FILE",
            help="The assignment file (- reads standard input).",
            show_default=False,
        ),
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Add it without asking (needed without a terminal).")
    ] = False,
    replace: Annotated[
        bool | None,
        typer.Option(
            "--replace/--add",
            help="With a current assignment already: replace it, or add this one beside it.",
            show_default=False,
        ),
    ] = None,
    template: Annotated[
        bool,
        typer.Option("--template", help="Print a commented assignment to fill in, and stop."),
    ] = False,
) -> None:
    """Add homework from your therapist: exercises, weekly goals and questionnaire reminders."""
    from ..clock import today
    from ..definitions.assignment_file import read_assignment
    from ..errors import UsageError
    from ..insights.assignments import carry_out, current, make_plan
    from ..views.assignments import plan_lines

    s = state(ctx)
    if template:
        typer.echo(template_text(), nl=False)
        return
    if file is None:
        raise UsageError("Name the assignment file, like `cbt assign homework.yaml`.")
    text, name = given_text(file)
    day = today()
    assignment = read_assignment(text, name, s.catalog(), day)
    s.reads_only = True  # until the person says yes, nothing is written, not even a check mark
    journal = s.journal()
    others = current(journal, day)
    replacing = others if others and ask_replace(s, others, replace) else []
    plan = make_plan(journal, assignment, replacing)
    print_lines(s, plan_lines(plan, s.catalog()))
    if not yes:
        if not sys.stdin.isatty():
            raise UsageError("Adding an assignment needs your yes; add --yes to add it unasked.")
        if not typer.confirm("Add it?", default=True):
            s.console.print("Nothing was added.")
            return
    s.close()
    s.reads_only = False
    carry_out(s.journal(), plan)
    s.console.print("Added. `cbt assignments` shows it and how it's going.")


def print_lines(s: State, lines: list[str]) -> None:
    """Indented lines, and list items after their dash, stay so when a narrow terminal wraps
    them."""
    from rich.padding import Padding
    from rich.table import Table

    for line in lines:
        body = line.lstrip(" ")
        indent = len(line) - len(body)
        if body.startswith("- "):
            item = Table.grid(padding=(0, 1))
            item.add_row("-", body[2:])
            s.console.print(Padding(item, (0, 0, 0, indent), expand=False))
        else:
            s.console.print(Padding(body, (0, 0, 0, indent), expand=False) if indent else body)


def template_text() -> str:
    from datetime import timedelta

    from ..clock import today
    from ..paths import data_file

    text = data_file("assignment-template.yaml").read_text(encoding="utf-8")
    return text.replace("{until}", (today() + timedelta(days=28)).isoformat())


def given_text(file: Path) -> tuple[str, str]:
    from ..paths import read_given_file

    if str(file) == "-":
        return sys.stdin.read(), "The assignment on standard input"
    return read_given_file(file, "assignment file"), str(file)


def ask_replace(s: State, others: list, replace: bool | None) -> bool:
    """Whether this assignment replaces the current ones: the option, or asked."""
    from ..errors import UsageError
    from ..views.assignments import long_day

    if replace is not None:
        return replace
    names = " and ".join(f"{a.sender} ({long_day(a.received)})" for a in others)
    if not s.interactive:
        raise UsageError(
            f"You already have an assignment from {names}; add --replace to replace it, or "
            "--add to keep both."
        )
    from ..definitions.model import Choice, Step
    from ..guide.engine import Ask, ask_valid

    step = Step(
        id="replace",
        type="choice",
        prompt=f"You already have an assignment from {names}. This one should:",
        choices=(
            Choice("add", "Go beside it (both stay current)"),
            Choice("replace", "Replace it (its goals end; it stays in `cbt assignments`)"),
        ),
    )
    picked = ask_valid(s.prompter(), Ask(step=step, prompt=step.prompt, help="", default="add"), {})
    return picked == "replace"


@app.command("assignments")
def assignments(ctx: typer.Context) -> None:
    """Homework from your therapist, with how it's going."""
    from ..clock import today
    from ..insights.assignments import progress, stored
    from ..views.assignments import progress_lines

    s = reading(ctx)
    found = stored(s.journal())
    if not found:
        s.console.print(
            "No assignments yet. When your therapist sends one, `cbt assign FILE` adds it."
        )
        return
    day = today()
    for index, assignment in enumerate(found):
        if index:
            s.console.print()
        print_lines(s, progress_lines(progress(s.journal(), s.catalog(), assignment, day), day))
