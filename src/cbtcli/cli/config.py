"""`cbt config`, and marking entries: `cbt flag`, `unflag`, `private`."""

from typing import Annotated

import typer

from .app import app
from .state import state

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
