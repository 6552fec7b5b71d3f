"""`cbt help-now`: crisis resources, always one command away."""

from __future__ import annotations

import typer

from .app import app, state


@app.command("help-now")
def help_now(ctx: typer.Context) -> None:
    """Where to get help right now if you are in crisis."""
    from ..helplines import load_helplines
    from ..render import helplines_panel

    s = state(ctx)
    s.console.print(helplines_panel(load_helplines()))
