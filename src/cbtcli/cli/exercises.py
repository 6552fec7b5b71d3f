"""`cbt exercises`: list, validate and create exercise definitions."""

from pathlib import Path
from typing import Annotated

import typer

from .app import app
from .state import state

exercises_app = typer.Typer(
    help="List the exercises, check exercise files, or write your own.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(exercises_app, name="exercises")


@exercises_app.callback()
def list_exercises(
    ctx: typer.Context,
    tag: Annotated[
        str | None,
        typer.Option(
            "--tag",
            "-t",
            metavar="TAG",
            help="Only exercises with this tag, such as an approach: cbt, dbt, act, "
            "mindfulness, ipt, trauma-safe, reflective, measure, safety.",
        ),
    ] = None,
) -> None:
    """List the built-in exercises and your own, grouped by approach."""
    if ctx.invoked_subcommand is not None:
        return
    from ..errors import UsageError
    from ..terminal.console import styled
    from ..views.entries import exercises_table

    s = state(ctx)
    catalog = s.catalog()
    wanted = tag.strip().lower() if tag is not None else None
    if wanted is not None and not any(wanted in e.tags for e in catalog.exercises.values()):
        known = sorted({t for e in catalog.exercises.values() for t in e.tags})
        raise UsageError(f"No exercise has the tag '{tag}'. Tags: {', '.join(known)}.")
    s.console.print(exercises_table(catalog, wanted, s.console.width))
    s.console.print(
        styled("\nStart one with [cyan]cbt do NAME[/], for example [cyan]cbt do thought-record[/].")
    )


@exercises_app.command("validate")
def validate(
    ctx: typer.Context,
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE", help="Exercise YAML files to check.")
    ],
) -> None:
    """Check exercise files and report every problem; exits non-zero if there are any."""
    from ..definitions.catalog import validate_files
    from ..errors import ExerciseError

    problems = validate_files(files)
    if problems:
        raise ExerciseError(problems)
    count = len(files)
    state(ctx).console.print(
        f"{count} exercise file{'s' if count != 1 else ''} look{'s' if count == 1 else ''} good."
    )


@exercises_app.command("new")
def new(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="The new exercise's id, in kebab-case.")
    ],
) -> None:
    """Write a commented template for your own exercise and print where it is."""
    from ..definitions.catalog import new_exercise_file
    from ..terminal.console import styled

    path = new_exercise_file(name)
    console = state(ctx).console
    console.print(f"Wrote {path}")
    console.print(
        styled(
            "Edit it, check it with [cyan]cbt exercises validate {}[/], and try it with "
            "[cyan]cbt do {}[/].",
            path,
            name,
        )
    )
