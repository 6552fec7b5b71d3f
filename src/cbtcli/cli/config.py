"""`cbt config`, and marking entries: `cbt flag`, `unflag`, `private`."""

from typing import TYPE_CHECKING, Annotated

import typer

from .app import app
from .state import state

if TYPE_CHECKING:
    from ..journal import Entry

config_app = typer.Typer(
    help="Your settings: region (for crisis lines) and name (for exports).", no_args_is_help=True
)
app.add_typer(config_app, name="config")


@config_app.command("set")
def config_set(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(metavar="KEY", help="region or name.")],
    value: Annotated[str, typer.Argument(metavar="VALUE", help="The value.")],
) -> None:
    """Save a setting, for example `cbt config set region GB`."""
    from ..config import set_config

    kept = set_config(key, value)
    console = state(ctx).console
    console.print(f"Saved: {key} = {kept}")
    if key == "region":
        from ..safety.helplines import load_helplines

        if load_helplines().find(kept) is None:
            console.print(
                f"cbt has no crisis lines for {kept} yet, so `cbt help-now` shows the main "
                "lines it knows and directories of helplines in every country."
            )


@config_app.command("list")
def config_list(ctx: typer.Context) -> None:
    """Show your settings."""
    from ..config import KEYS, load_config
    from ..terminal.console import styled

    data = load_config()
    console = state(ctx).console
    for key, what in KEYS.items():
        console.print(styled("[bold]{}[/] = {}  [dim]{}[/]", key, data.get(key, "(not set)"), what))


@config_app.command("unset")
def config_unset(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(metavar="KEY", help="The setting to forget.")],
) -> None:
    """Forget a setting."""
    from ..config import KEYS, unset_config
    from ..errors import UsageError

    if key not in KEYS:
        raise UsageError(f"'{key}' is not a setting; the settings are: {', '.join(KEYS)}.")
    unset_config(key)
    state(ctx).console.print(f"Forgot {key}.")


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
