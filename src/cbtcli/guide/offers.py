"""What is offered after an exercise: to mark ladder steps that now look mastered, and
to flag the entry for the next therapy session. The person decides; nothing is assumed."""

from __future__ import annotations

from ..clock import now_local
from ..errors import Interrupted
from ..journal import COMPLETE, Journal
from ..terminal.invocation import command
from .engine import Ask, Prompter, ask_valid
from .outcome import Outcome


def offer_mastery(journal: Journal, outcome: Outcome, prompter: Prompter | None) -> list[str]:
    """After a practice, offer to mark steps that now look mastered; the person decides."""
    from ..definitions.model import Choice, Step
    from ..journal.ladders import set_mastered

    messages: list[str] = []
    for ladder, rung in outcome.mastered:
        number = ladder.steps.index(rung) + 1
        note = (
            f"In two practices of '{rung.text}' without the things you do to feel safer, what "
            "you feared didn't happen and now feels far less likely: it looks mastered. Varying "
            "it (another time, place or company) helps the learning stick."
        )
        if prompter is None:
            messages.append(f"{note} Mark it with `cbt ladder done {ladder.name} {number}`.")
            continue
        question = Step(
            id="mastered",
            type="choice",
            prompt=f"{note} Mark it as mastered?",
            choices=(Choice("yes", "Yes, mark it mastered"), Choice("no", "Not yet")),
        )
        answer = ask_valid(
            prompter, Ask(step=question, prompt=question.prompt, help="", default="yes"), {}
        )
        if answer == "yes":
            set_mastered(journal, ladder.id, rung.id, now_local())
            messages.append(
                f"Marked '{rung.text}' as mastered. On to the next step when you're ready."
            )
    return messages


def offer_flag(journal: Journal, outcome: Outcome, prompter: Prompter) -> bool:
    """The last question of a finished exercise: bring it to the next therapy session?"""
    from ..definitions.model import Choice, Step

    if outcome.entry.status != COMPLETE or outcome.entry.flagged:
        return outcome.entry.flagged
    question = Step(
        id="flag",
        type="choice",
        prompt="Flag this to discuss with your therapist?",
        choices=(Choice("no", "No"), Choice("yes", "Yes, flag it")),
        help=(
            f"Flagged entries are easy to find (`{command('journal --flagged')}`) and to export "
            f"for a session (`{command('export --flagged')}`)."
        ),
    )
    try:
        answer = ask_valid(
            prompter,
            Ask.question(question, "no"),
            {},
        )
    except Interrupted:
        return False  # no answer (the input ended): leave it unflagged
    if answer == "yes":
        outcome.entry.flagged = True
        journal.save(outcome.entry, outcome.entry.updated)
    return outcome.entry.flagged
