"""`cbt remind at|list|off`, and the `check` the scheduler runs."""

from typing import Annotated

import typer

from .app import app
from .state import state

remind_app = typer.Typer(
    help="A daily desktop reminder, only on days you haven't practised.", no_args_is_help=True
)
app.add_typer(remind_app, name="remind")


@remind_app.command("at")
def remind_at(
    ctx: typer.Context,
    time: Annotated[str, typer.Argument(metavar="HH:MM", help="When, like 20:00.")],
    days: Annotated[
        str | None,
        typer.Option("--days", help="Which days, like mon-fri or sat,sun (default every day)."),
    ] = None,
) -> None:
    """Remind me at this time (a systemd user timer, cron, or launchd on macOS; never as root)."""
    from ..reminders import install, parse_schedule

    s = state(ctx)
    schedule = parse_schedule(time, days)
    kind = install(schedule, s.db_path)
    s.console.print(
        f"Reminder set for {schedule.describe()} ({kind}). It shows only if you haven't "
        "practised that day, and never shows what you wrote. `cbt remind off` removes it."
    )


@remind_app.command("list")
def remind_list(ctx: typer.Context) -> None:
    """Show the reminder that is set, if any."""
    from ..reminders import installed

    console = state(ctx).console
    found = installed()
    if not found:
        console.print("No reminder is set. `cbt remind at 20:00` sets one.")
    for line in found:
        console.print(line)


@remind_app.command("off")
def remind_off(ctx: typer.Context) -> None:
    """Remove the reminder."""
    from ..reminders import remove

    removed = remove()
    state(ctx).console.print(
        "Removed " + " and ".join(removed) + "." if removed else "No reminder was set."
    )


@remind_app.command("check", hidden=True)
def remind_check(
    ctx: typer.Context,
    dry_run: Annotated[
        bool, typer.Option("--print", help="Print the notification instead of showing it.")
    ] = False,
) -> None:
    """What the scheduler runs: a notification if nothing was practised today."""
    from ..clock import now_local
    from ..reminders import check_today, notify

    text = check_today(state(ctx).db_path, now_local().date())
    if text is None:
        return
    if dry_run:
        typer.echo(text)
    else:
        notify(text)
