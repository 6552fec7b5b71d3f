"""`cbt patterns`: what your own practice says about you."""

import json
from typing import Annotated

import typer

from .app import app
from .state import state


@app.command("patterns")
def patterns(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(help="From this day (default: a year ago). YYYY-MM-DD, or 7d, 12w, 6m, 1y."),
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Up to and including this day (default: today).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Every finding as JSON.")] = False,
    plain: Annotated[bool, typer.Option("--plain", help="No colour or boxes: lines only.")] = False,
) -> None:
    """Patterns in your journal: thinking traps, themes, activities, predictions and rhythms."""
    from ..clock import now_local
    from ..dates import day_range
    from ..insights.patterns import find_patterns

    s = state(ctx)
    if plain:
        s.plain = True
    today = now_local().date()
    start, end = day_range(since, until, today, default_days=365)
    assert start is not None  # a default period always has a start
    found = find_patterns(s.journal(), start, end or today)
    if as_json:
        typer.echo(json.dumps(found.to_json(), ensure_ascii=False, indent=2))
        return
    from ..views.patterns import patterns_view

    s.console.print(patterns_view(found, s.plain_output))
