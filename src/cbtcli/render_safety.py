"""What cbt shows about getting help: `cbt help-now`, and the message when someone may be at risk."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .helplines import Helplines, Region


def region_text(region: Region) -> RenderableType:
    """The region's name, then each line indented, a long one wrapping under its own start."""
    lines = Table.grid()
    lines.add_column(width=2)
    lines.add_column()
    lines.add_row("", Text(f"In danger now: call {region.emergency}"))
    for line in region.lines:
        lines.add_row("", Text.assemble((f"{line.name}: ", "bold"), line.how))
    return Group(Text(region.name, style="bold"), lines)


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


def lines_for(helplines: Helplines, region_code: str | None) -> tuple[Region, bool]:
    mine = helplines.find(region_code) if region_code else None
    return (mine or helplines.international), mine is not None


def help_now_view(
    helplines: Helplines, region_code: str | None, plan: Any | None
) -> RenderableType:
    mine, known = lines_for(helplines, region_code)
    parts: list[RenderableType] = plan_text(plan)
    intro = Text(
        "If you are in danger right now, or might act on thoughts of harming yourself, call "
        f"{mine.emergency if known else 'your local emergency number'} or go to the nearest "
        "emergency department. You deserve support, and talking to someone can help, even a "
        "stranger on a helpline.\n"
    )
    parts += [intro, region_text(mine), Text()]
    if not known:
        parts.append(
            Text(
                "Tell cbt where you are to see your own crisis lines first: "
                "`cbt config set region GB` (or US, IE, CA, AU, NZ).\n",
                style="dim",
            )
        )
    others = [r for r in helplines.regions.values() if r is not mine]
    if known:
        others.append(helplines.international)
    if others:
        parts.append(Text("Other countries", style="bold underline"))
        for region in others:
            parts += [region_text(region), Text()]
    parts.pop()  # no blank line above the panel's border
    return Panel(Group(*parts), title=Text("Help now"), border_style="magenta", title_align="left")


def alert_view(
    reason: str, helplines: Helplines, region_code: str | None, plan: Any | None
) -> RenderableType:
    """Shown once in an entry, right after the answer that prompted it; then the exercise goes on."""
    mine, known = lines_for(helplines, region_code)
    parts: list[RenderableType] = [
        Text(
            "Thank you for answering honestly. What you shared suggests things may be very hard "
            "right now, and you don't have to face that alone.\n"
        ),
        Text(
            f"If you might act on thoughts of harming yourself, please call "
            f"{mine.emergency if known else 'your local emergency number'} now, or go to the "
            "nearest emergency department.\n",
            style="bold",
        ),
        region_text(mine),
        Text(),
        *plan_text(plan),
        Text(
            "Please also tell your doctor or therapist how you have been feeling; this entry "
            "notes that these resources were shown, so it is there if you share it. "
            "`cbt help-now` shows all of this any time.\n"
        ),
        Text(f"({reason} We'll carry on when you're ready.)", style="dim"),
    ]
    if not known:
        parts.insert(
            3, Text("For your own country's lines: `cbt config set region CODE`.\n", style="dim")
        )
    return Panel(Group(*parts), title=Text("Support"), border_style="magenta", title_align="left")
