"""What cbt shows about getting help: `cbt help-now`, and the panel (or line) when someone
may be at risk. Numbers always come first; the panel fits an 80x24 terminal."""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..safety.helplines import Helplines, Location, Region
from ..safety.watch import Notice
from ..terminal.invocation import command

# A phone number (digits, with spaces or a leading +), and a stand-in for the spaces inside
# one while lines are wrapped: not a space, so no line breaks there, and one cell wide.
PHONE_NUMBER = re.compile(r"\+?\d[\d ]*\d")
GLUE = "\ue000"


class NumbersKept:
    """Text that wraps like any other but never splits a phone number across two lines:
    "116 123" half on one line and half on the next is no number at all."""

    def __init__(self, text: Text) -> None:
        self.glued = text.copy()
        self.glued.plain = PHONE_NUMBER.sub(lambda m: m.group().replace(" ", GLUE), text.plain)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.glued)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.glued.wrap(console, options.max_width):
            line.plain = line.plain.replace(GLUE, " ")
            yield line


def indented(rows: list[Text]) -> Table:
    """Lines under a heading, a long one wrapping under its own start (numbers kept whole)."""
    grid = Table.grid()
    grid.add_column(width=2)
    grid.add_column()
    for row in rows:
        grid.add_row("", NumbersKept(row))
    return grid


def region_text(region: Region, how: str = "") -> RenderableType:
    """The region's name (and how cbt knows it), then the emergency number and each line."""
    heading = Text(region.name, style="bold")
    if how:
        heading.append(f" (from {how})", style="dim")
    rows = [Text(f"In danger now: call {region.emergency}")]
    rows += [Text.assemble((f"{line.name}: ", "bold"), line.how) for line in region.lines]
    return Group(heading, indented(rows))


def where_text(helplines: Helplines, location: Location) -> tuple[RenderableType, Region | None]:
    """The lines for where the person is, or one line for each main region when unknown."""
    mine = helplines.find(location.code) if location.code else None
    if mine is not None:
        return region_text(mine, location.how), mine
    rows = [Text(line) for line in helplines.main_lines]
    rows.append(Text(f"Anywhere else: {helplines.international.lines[0].how}"))
    heading = Text("Crisis lines", style="bold")
    if location.code:
        heading.append(f" (cbt has none for {location.code} yet)", style="dim")
    return Group(heading, indented(rows)), None


def plan_text(plan: Any | None) -> list[RenderableType]:
    """The person's latest safety plan, in their own words (fields from readable.entry_fields)."""
    if not plan:
        return []
    body = Text()
    for field in plan:
        body.append(f"{field.label}\n", style="bold")
        for line in field.items or [field.text]:
            body.append(f"  • {line}\n")
    return [Panel(body, title=Text("Your safety plan"), title_align="left", border_style="green")]


def help_now_view(helplines: Helplines, location: Location, plan: Any | None) -> RenderableType:
    mine_view, mine = where_text(helplines, location)
    emergency = mine.emergency if mine else "your local emergency number"
    parts: list[RenderableType] = plan_text(plan)
    parts += [
        Text(
            "If you are in danger right now, or might act on thoughts of harming yourself, call "
            f"{emergency} or go to the nearest emergency department. You deserve support, and "
            "talking to someone can help, even a stranger on a helpline.\n"
        ),
        mine_view,
        Text(),
    ]
    if mine is None:
        parts.append(
            Text(
                "Tell cbt where you are to see your own crisis lines first: "
                "`cbt config set region GB` (any country code).\n",
                style="dim",
            )
        )
    others = [r for r in helplines.regions.values() if r is not mine]
    others.append(helplines.international)
    parts.append(Text("Other countries", style="bold underline"))
    for region in others:
        parts += [region_text(region), Text()]
    parts.pop()  # no blank line above the panel's border
    return Panel(Group(*parts), title=Text("Help now"), border_style="magenta", title_align="left")


def alert_view(notice: Notice, helplines: Helplines, location: Location) -> RenderableType:
    """Shown in a sitting at the first alert: the numbers first, then a few gentle words."""
    mine_view, mine = where_text(helplines, location)
    emergency = mine.emergency if mine else "your local emergency number"
    first = (
        f"If you have taken something, or are about to act, call {emergency} now or go to "
        "the nearest emergency department."
        if notice.urgent
        else f"If you are in danger right now, call {emergency} or go to the nearest "
        "emergency department."
    )
    words = (
        "Thank you for answering honestly. Thoughts like these can be very hard to carry, "
        "and you don't have to carry them alone."
        if notice.kind == "item"
        else "Some words you wrote can be about suicide or self-harm. If that's where you are "
        "right now, you don't have to face it alone."
    )
    parts: list[RenderableType] = [
        Text(first, style="bold"),
        mine_view,
        Text(),
        Text(f"{words} Please also tell your doctor or therapist how you have been."),
        Text(
            f"`{command('help-now')}` shows your safety plan and every line, any time.", style="dim"
        ),
    ]
    return Panel(Group(*parts), title=Text("Support"), border_style="magenta", title_align="left")


def reminder_text(notice: Notice, helplines: Helplines, location: Location) -> Text:
    """Later in a sitting (or in a safety plan, where such words are expected): one line."""
    if notice.gentle:
        return Text(
            "Noted: naming warning signs makes a plan stronger. If they come, "
            f"`{command('help-now')}` shows your plan and crisis lines.",
            style="magenta",
        )
    _, mine = where_text(helplines, location)
    line = (
        f"{mine.lines[0].name}: {mine.lines[0].how}"
        if mine and mine.lines
        else (helplines.main_lines[0])
    )
    return Text(
        f"Help is there whenever you need it. {line}; `{command('help-now')}` shows more.",
        style="magenta",
    )
