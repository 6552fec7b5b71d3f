"""`cbt backup` and `cbt doctor`: caring for the journal."""

from pathlib import Path
from typing import Annotated

import typer

from .app import app
from .state import state


@app.command("backup")
def backup(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="PATH", help="A file or folder (default: a backups folder beside the journal)."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")] = False,
) -> None:
    """Copy the journal safely, even while cbt is in use elsewhere."""
    from ..journal.backups import backup as make_backup

    s = state(ctx)
    made = make_backup(s.journal(), path, force)
    s.console.print(f"Backed up your journal to {made} (readable by you alone).")


@app.command("doctor")
def doctor(ctx: typer.Context) -> None:
    """Check where cbt keeps things, their privacy, the journal's health and your exercises."""
    from rich.text import Text

    from .. import paths
    from ..doctor import checks
    from .usage import in_flags

    s = state(ctx)
    journal_path = s.db_path or paths.default_journal_path()
    console = s.console
    console.print(f"Journal:        {journal_path}")
    console.print(f"Settings:       {paths.config_file()}")
    console.print(f"Your exercises: {paths.user_exercises_dir()}")
    console.print()
    found = checks(journal_path, lambda exc: in_flags(exc, ctx.find_root().command))
    for check in found:
        mark = Text("✓ " if check.ok else "✗ ", style="green" if check.ok else "bold red")
        console.print(mark + Text(f"{check.name}: {check.detail}"))
        if check.fix:
            console.print(Text(f"    what to do: {check.fix}", style="yellow"))
    problems = [c for c in found if not c.ok]
    if problems:
        console.print(f"\n{len(problems)} problem{'s' if len(problems) != 1 else ''} found.")
        raise typer.Exit(1)
    console.print("\nEverything looks healthy.")


@app.command("repair")
def repair(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Where to build the new journal (default: beside the damaged one).",
        ),
    ] = None,
) -> None:
    """Build a new journal from what a damaged one still holds; the damaged file is untouched."""
    from .. import paths
    from ..clock import now_local
    from ..journal.repair import repair as rebuild
    from ..wording import counted

    s = state(ctx)
    damaged = s.db_path or paths.default_journal_path()
    target = output or damaged.with_name(f"{damaged.stem}-repaired-{now_local():%Y%m%d-%H%M%S}.db")
    saved = rebuild(damaged, target)
    s.console.print(
        f"Built {target} from what {damaged} still holds: "
        f"{counted(saved.get('entries', 0), 'entries')}, "
        f"{counted(saved.get('moods', 0), 'mood check-ins')}, "
        f"{counted(saved.get('ladders', 0), 'ladders')} and "
        f"{counted(saved.get('goals', 0), 'goals')}. The damaged journal was not changed."
    )
    s.console.print(
        f"Look through it with `cbt --db {target} journal`; to use it from now on, move the "
        f"damaged file aside and put this one in its place ({damaged})."
    )
