"""`cbt flag`, `cbt unflag` and `cbt private`: marking entries to discuss with a
therapist, or to keep out of everything that leaves the journal."""

from typing import TYPE_CHECKING, Annotated

import typer

from .app import app
from .state import state

if TYPE_CHECKING:
    from ..journal import Entry


def set_mark(ctx: typer.Context, entry_id: str, field: str, value: bool) -> "Entry":
    s = state(ctx)
    journal = s.journal()
    entry = journal.get(entry_id)
    setattr(entry, field, value)
    journal.save(entry, entry.updated)
    return entry


IdArgument = Annotated[
    str, typer.Argument(metavar="ID", help="The entry id (or its first characters).")
]


@app.command("flag")
def flag(ctx: typer.Context, entry_id: IdArgument) -> None:
    """Flag an entry to discuss with your therapist (see `cbt export --flagged`)."""
    entry = set_mark(ctx, entry_id, "flagged", True)
    state(ctx).console.print(f"Flagged {entry.short_id} to discuss.")


@app.command("unflag")
def unflag(ctx: typer.Context, entry_id: IdArgument) -> None:
    """Remove the flag from an entry."""
    entry = set_mark(ctx, entry_id, "flagged", False)
    state(ctx).console.print(f"Unflagged {entry.short_id}.")


@app.command("private")
def private(
    ctx: typer.Context,
    entry_id: IdArgument,
    undo: Annotated[bool, typer.Option("--undo", help="Make it shareable again.")] = False,
) -> None:
    """Keep an entry out of every export (unless `--include-private`)."""
    entry = set_mark(ctx, entry_id, "private", not undo)
    word = "no longer private" if undo else "private: exports leave it out"
    state(ctx).console.print(f"Entry {entry.short_id} is {word}.")
