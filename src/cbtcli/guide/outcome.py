"""What a sitting of an exercise leaves: its outcome, or a draft saved part way; and
the safety watch kept over it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..definitions.model import Exercise
from ..errors import Interrupted
from ..journal import AWAITING, DRAFT, Entry
from ..journal.ladders import Ladder, LadderStep
from ..safety.watch import SafetyWatch, Show
from ..terminal.invocation import command

Alert = Show  # shows where help is, given a safety.Notice


def safety_watch(
    entry: Entry | None, alert: Alert | None, exercise: Exercise
) -> SafetyWatch | None:
    """A safety watch for this sitting of an entry, keeping the alerts it already had."""
    if alert is None:
        return None
    return SafetyWatch(alert, entry.alerts if entry else None, exercise.risk_words_expected)


class DraftSaved(Interrupted):
    """Stopped part way; the answers so far are in the journal."""

    def __init__(self, entry: Entry, for_safety: bool = False) -> None:
        self.entry = entry
        how = command("do --resume" if entry.status == DRAFT else "review")
        if for_safety:  # the person chose to stop after the support panel: not a failure
            self.exit_code = 0
            message = (
                f"Your answers are saved; `{how} {entry.short_id}` carries on whenever you're "
                f"ready. Take care of yourself first: `{command('help-now')}` shows where help is."
            )
        elif entry.answers:
            message = (
                "Stopped. Your answers so far are saved; carry on any time with "
                f"`{how} {entry.short_id}`."
            )
        else:
            message = "Stopped before the first answer, so there was nothing to save."
        super().__init__(message)


@dataclass
class Outcome:
    entry: Entry
    exercise: Exercise
    notices: list[str] = field(default_factory=list)
    mastered: list[tuple[Ladder, LadderStep]] = field(default_factory=list)
    # Notes an answers file's answers called for (see ScriptedPrompter.notes), in Markdown.
    notes: list[str] = field(default_factory=list)

    @property
    def awaiting(self) -> str | None:
        """The title of the next phase, if the entry now waits for one."""
        if self.entry.status != AWAITING:
            return None
        return self.exercise.phases[self.entry.phase].title
