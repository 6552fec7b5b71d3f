"""Reading and changing journal entries: `cbt journal`, `show`, `edit`, `delete`."""

import contextlib
import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from .app import app
from .options import Exercises, Since, Until
from .state import state

if TYPE_CHECKING:
    pass


@app.command("journal")
def journal(
    ctx: typer.Context,
    since: Since = None,
    until: Until = None,
    exercise: Exercises = None,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Only entries containing this text.")
    ] = None,
    drafts: Annotated[bool, typer.Option("--drafts", help="Only unfinished entries.")] = False,
    flagged: Annotated[
        bool, typer.Option("--flagged", help="Only entries flagged to discuss.")
    ] = False,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="How many entries at most.")
    ] = 20,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print entries as JSON (every answer).")
    ] = False,
) -> None:
    """List your recent entries, newest first."""
    from ..journal.filters import journal_filter
    from ..journal.items import items, iter_items
    from ..terminal.console import styled

    s = state(ctx)
    catalog = s.catalog()
    # One more than shown, to know whether to say there are more.
    wanted = limit if as_json else limit + 1
    where = journal_filter(catalog, since, until, exercise or [], search, drafts, wanted, flagged)
    if as_json:  # streamed: a list of years is printed in bounded memory
        from ..export.json_file import write_array

        write_array((e.to_json() for e in iter_items(s.journal(), where)), sys.stdout)
        return
    entries = items(s.journal(), where)
    more = len(entries) > limit
    entries = entries[:limit]
    if not entries:
        s.console.print(
            styled("No entries yet. Start one with [cyan]cbt do thought-record[/].")
            if where.is_everything()
            else "No entries match."
        )
        return
    from ..views.entries import entries_table

    s.console.print(entries_table(entries, catalog, s.console.width))
    s.console.print(styled("\n[dim]See one with[/] [cyan]cbt show ID[/][dim].[/]"))
    if more:
        s.console.print(
            styled(
                "[dim]These are the newest {}; [/][cyan]-n {}[/][dim] shows more, and "
                "--since, --exercise or --search narrow the list.[/]",
                limit,
                limit * 5,
            )
        )


@app.command("show")
def show(
    ctx: typer.Context,
    entry_id: Annotated[
        str, typer.Argument(metavar="ID", help="The entry id, or its first few characters.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the entry as JSON.")] = False,
) -> None:
    """Show one entry (or mood check-in) in full."""
    from ..journal.items import find

    s = state(ctx)
    entry = find(s.journal(), entry_id)
    if as_json:
        typer.echo(json.dumps(entry.to_json(), ensure_ascii=False, indent=2))
        return
    from ..views.entries import render_entry

    exercise = s.catalog().for_entry(entry)
    s.console.print(render_entry(entry, exercise, s.console.width))


@app.command("edit")
def edit(
    ctx: typer.Context,
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="The entry to change.")],
    step: Annotated[
        str | None,
        typer.Argument(metavar="STEP", help="The step to answer again (asks if left out)."),
    ] = None,
) -> None:
    """Answer one step of an entry (or mood check-in) again, with the old answer as the
    starting point."""
    from ..errors import SafetyStop
    from ..guide.editing import edit as edit_step
    from ..guide.editing import pick_step
    from ..journal.items import find
    from .alerts import show_alert

    s = state(ctx)
    journal = s.journal()
    entry = find(journal, entry_id)
    catalog = s.catalog()
    exercise = catalog.for_entry(entry) or catalog.get(entry.exercise_id)
    prompter = s.prompter()
    step_id = step or pick_step(exercise, entry, prompter)
    # If the person stops after a support panel, the change is already saved.
    with contextlib.suppress(SafetyStop):
        edit_step(journal, exercise, entry, step_id, prompter, show_alert(s))
    s.console.print(
        f"Updated {exercise.known_step(step_id).short_label.lower()} in entry {entry.short_id}."
    )


@app.command("delete")
def delete(
    ctx: typer.Context,
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="The entry to delete.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Don't ask for confirmation.")] = False,
) -> None:
    """Delete an entry (or mood check-in) for good (there is no undo)."""
    from ..errors import UsageError
    from ..journal.items import find
    from ..journal.ladders import names_built_by

    s = state(ctx)
    journal = s.journal()
    entry = find(journal, entry_id)
    if not yes:
        if not sys.stdin.isatty():
            raise UsageError(
                "Deleting needs confirmation; add --yes to delete without being asked."
            )
        when = entry.completed or entry.started
        question = (
            f"Delete the {entry.exercise_title.lower()} {entry.short_id} "
            f"from {when:%a %d %b %Y} for good?"
        )
        if not typer.confirm(question, default=False):
            s.console.print("Kept it; nothing was deleted.")
            return
    ladders = names_built_by(journal, entry.id)
    not_wiped = journal.delete(entry.id)
    what = "mood check-in" if entry.is_mood else "entry"
    if not_wiped:
        # deleted, but never said to be gone while its words are still in the file
        until = "there is room" if "full" in not_wiped else "that has finished"
        s.console.print(
            f"Deleted {what} {entry.short_id}, but its words are still in the journal file "
            f"because {not_wiped}; the next cbt command that saves something wipes them "
            f"once {until}."
        )
    else:
        s.console.print(f"Deleted {what} {entry.short_id}.")
    for name in ladders:
        s.console.print(
            f"The ladder '{name}' it built stays, with its practices; "
            f"`cbt ladder archive {name}` puts it away."
        )


@app.command("mood")
def mood(
    ctx: typer.Context,
    score: Annotated[
        int | None,
        typer.Argument(
            metavar="SCORE",
            help="Your mood from 0 (lowest) to 10 (best); asks if left out.",
            show_default=False,
        ),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", "-n", help="A few words about it.")] = None,
    emotion: Annotated[
        list[str] | None,
        typer.Option(
            "--emotion", "-e", help="A feeling and its strength, like anxious=60 (repeatable)."
        ),
    ] = None,
) -> None:
    """A quick mood check-in."""
    from ..guide.mood import check_in
    from .running import show_check_in

    s = state(ctx)
    prompter = s.prompter() if score is None else None
    show_check_in(s, check_in(s.journal(), prompter, score, note, emotion or []))
