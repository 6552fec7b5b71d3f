"""`cbt patterns` in words: warm, curious sentences, each with what it rests on.

`pattern_sections` gives plain sentences by section, for the terminal, exports and `cbt prep`
alike; `patterns_view` puts them in panels (or plain lines for screen readers)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..insights.findings import (
    Activities,
    Patterns,
    PredictionFinding,
    RhythmFinding,
    Rhythms,
    Themes,
    TrapFinding,
    Traps,
)
from ..wording import counted

BULLET = "• "
STRENGTH_WORDS = {
    "small": "a small difference",
    "moderate": "a clear difference",
    "large": "a big difference",
}
NOT_A_DIAGNOSIS = (
    "These are patterns in what you have written, not a diagnosis: things to be curious about, "
    "on your own or with your therapist."
)


def points(value: float) -> str:
    return f"{value:g} point" + ("" if abs(value) == 1 else "s")


def listed(names: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def trap_lines(traps: Traps) -> list[str]:
    if not traps.traps:
        return []
    lines = [f"The thinking traps you caught, from {counted(traps.records, 'thought records')}:"]
    for trap in traps.traps:
        line = f"{BULLET}{trap.label}: {counted(trap.records, 'records')}"
        if trap.feelings:
            line += f", often with {listed([f['name'] for f in trap.feelings])}"
        if trap.belief_fall is not None:
            line += f"; belief in the hot thought fell {points(trap.belief_fall)} on average"
            if trap.feeling_fall is not None:
                line += f", the main feeling {points(trap.feeling_fall)}"
        lines.append(line + ".")
    compared = [t for t in traps.traps if t.compared != "none" and t.belief_fall is not None]
    usual = f"the usual {points(traps.belief_fall)}" if traps.belief_fall is not None else ""
    most = tied([t for t in compared if t.direction == "more"], highest=True)
    least = tied([t for t in compared if t.direction == "less"], highest=False)
    if most:
        names = listed([t.label.lower() for t in most])
        lines.append(
            f"Records that caught {names} shifted your belief most: "
            f"{STRENGTH_WORDS[most[0].compared]} from {usual}."
        )
    if least:
        names = listed([t.label for t in least[:1]] + [t.label.lower() for t in least[1:]])
        lines.append(
            f"{names} shifted least ({STRENGTH_WORDS[least[0].compared]} from {usual}): "
            f"you might look at {'them' if len(least) > 1 else 'it'} together with your "
            "therapist."
        )
    return lines


def tied(traps: list[TrapFinding], highest: bool) -> list[TrapFinding]:
    """The traps whose belief fall is the highest (or lowest), ties included."""
    if not traps:
        return []
    pick = max if highest else min
    best = pick(t.belief_fall or 0 for t in traps)
    return [t for t in traps if abs((t.belief_fall or 0) - best) < 0.5]


def theme_lines(themes: Themes) -> list[str]:
    if not themes.words:
        return []
    lines = [
        f"Words that come up again and again in your situations and hot thoughts, from "
        f"{counted(themes.records, 'records')}:"
    ]
    for word in themes.words:
        line = f"{BULLET}{word.word}: {counted(word.records, 'records')}"
        if word.feelings:
            line += f", often with {listed([f['name'] for f in word.feelings])}"
        lines.append(line + ".")
    people = [w.word for w in themes.words if w.person]
    if people:
        lines.append(f"The people you write about most: {listed(people)}.")
    return lines


def activity_lines(activities: Activities) -> list[str]:
    if not activities.findings:
        return []
    lines = [
        f"From {counted(activities.occasions, 'activities')} with a mood rating "
        f"(usually {activities.usual_mood:g} out of 10 afterwards):"
    ]
    for finding in activities.findings:
        higher = "higher" if finding.difference > 0 else "lower"
        lines.append(
            f"After {finding.label} ({finding.kind}, {counted(finding.occasions, 'times')}) your "
            f"mood was {finding.average_mood:g}, {abs(finding.difference):g} {higher} than "
            f"usual: {STRENGTH_WORDS[finding.strength]}."
        )
    lines.append("You might look at doing more of what lifts you.")
    return lines


def prediction_line(finding: PredictionFinding) -> str:
    """'12 experiments: you believed your prediction 78% on average; it came true in 1 of 12.'"""
    experiment = finding.kind == "experiment"
    rated = ""
    if finding.average_rating is not None:
        rated = (
            f"you believed your prediction {finding.average_rating:.0f} % on average; "
            if experiment
            else f"you rated the feared outcome {finding.average_rating:.0f} % likely on average; "
        )
    happened = "it came true" if experiment else "it happened"
    partly = f" (and partly in {finding.partly})" if finding.partly else ""
    return (
        f"{counted(finding.times, finding.kind + 's').capitalize()}: {rated}{happened} in "
        f"{finding.happened} of {finding.times}{partly}."
    )


def rhythm_line(findings: list[RhythmFinding], what: str, usual: float | None) -> list[str]:
    if len(findings) < 2 or usual is None:
        return []
    occasions = sum(f.occasions for f in findings)
    every = "every weekday" if what == "weekday" else "every time of day"
    # Only clear differences are put into words; the averages show the small ones.
    stand_out = [f for f in findings if f.strength in ("moderate", "large")]
    if all(f.strength == "none" for f in findings):
        return [f"Your mood is much the same on {every} (from {counted(occasions, 'check-ins')})."]
    averages = ", ".join(f"{f.name} {f.average:g} ({f.occasions})" for f in findings)
    lines = [f"Average mood by {what}: {averages}."]
    for direction, group in (
        ("higher", [f for f in stand_out if f.difference > 0]),
        ("lower", [f for f in stand_out if f.difference < 0]),
    ):
        if group:
            at = [f"{f.name}s" if what == "weekday" else f"the {f.name}" for f in group]
            words = STRENGTH_WORDS[max(group, key=lambda f: abs(f.difference)).strength]
            lines.append(
                f"Your mood tends to be {direction} {'on' if what == 'weekday' else 'in'} "
                f"{listed(at)} than your usual {usual:g} ({words})."
            )
    return lines


def rhythm_lines(rhythms: Rhythms) -> list[str]:
    lines = rhythm_line(rhythms.weekdays, "weekday", rhythms.usual_mood) + rhythm_line(
        rhythms.parts_of_day, "time of day", rhythms.usual_mood
    )
    days = rhythms.practice_weekdays
    if days:
        most = max(days, key=lambda d: d["days"] / d["of"])
        least = min(days, key=lambda d: d["days"] / d["of"])
        # Only a gap worth noticing: a fifth of the weeks or more.
        if most["days"] / most["of"] - least["days"] / least["of"] >= 0.2:
            lines.append(
                f"You practise most on {most['weekday']}s ({most['days']} of {most['of']}) and "
                f"least on {least['weekday']}s ({least['days']} of {least['of']})."
            )
    return lines


def pattern_sections(patterns: Patterns) -> list[tuple[str, list[str]]]:
    """(title, sentences) for each kind of pattern that has something to show."""
    sections = [
        ("Thinking traps", trap_lines(patterns.traps) if patterns.traps else []),
        ("Situations and themes", theme_lines(patterns.themes) if patterns.themes else []),
        ("Activities and mood", activity_lines(patterns.activities) if patterns.activities else []),
        ("Predictions and what happened", [prediction_line(p) for p in patterns.predictions]),
        ("Rhythms", rhythm_lines(patterns.rhythms) if patterns.rhythms else []),
    ]
    return [(title, lines) for title, lines in sections if lines]


def empty_message(patterns: Patterns) -> str:
    return (
        f"No patterns to show yet for {patterns.since:%d %b %Y} to {patterns.until:%d %b %Y}. "
        f"A pattern appears once something has happened at least {patterns.minimum} times: "
        "for example five thought records that caught the same thinking trap."
    )


def body(lines: list[str]) -> RenderableType:
    """Sentences, with bullet points hanging so a wrapped finding stays readable."""
    rows: list[RenderableType] = []
    for line in lines:
        if line.startswith(BULLET):
            item = Table.grid(padding=(0, 1, 0, 0))
            item.add_column(no_wrap=True)
            item.add_column()
            item.add_row(BULLET.strip(), line.removeprefix(BULLET))
            rows.append(item)
        else:
            rows.append(Text(line))
    return Group(*rows)


def patterns_view(patterns: Patterns, plain: bool) -> RenderableType:
    sections = pattern_sections(patterns)
    if not sections:
        return Text(empty_message(patterns))
    heading = f"Patterns, {patterns.since:%d %b %Y} to {patterns.until:%d %b %Y}"
    parts: list[RenderableType] = [Text(heading), Text()]
    for title, lines in sections:
        if plain:
            parts += [Text(title.upper()), body(lines), Text()]
        else:
            parts.append(Panel(body(lines), title=Text(title), title_align="left"))
    parts.append(Text(NOT_A_DIAGNOSIS, style="" if plain else "dim"))
    return Group(*parts)
