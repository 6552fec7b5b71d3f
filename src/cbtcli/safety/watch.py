"""Care when someone may be at risk, as answers are given: the watch over one sitting of an
exercise, which records every alert on the entry and decides how each is shown.

An alert comes from a questionnaire item (PHQ-9 item 9 above "Not at all") or from free text
the risk check (`cbtcli.safety.risk`) flags. Every alert is recorded with its step, kind and time,
however many came before. In each sitting (a phase, a resume, an edit) the first alert shows
the full panel, later ones a one-line reminder. cbt never blocks, never diagnoses and never
sends anything anywhere."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..clock import now_local
from ..definitions.model import Step
from .risk import Risk, assess_answer

PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]+)\}")


@dataclass(frozen=True)
class Notice:
    """What the person is shown: the full panel, or a one-line reminder."""

    kind: str  # "item" (a questionnaire answer) or "text" (words written)
    reason: str
    urgent: bool  # it may be happening now: lead with the emergency number
    first: bool  # the first alert of this sitting: the full panel, and a choice
    gentle: bool  # expected here (a safety plan's warning signs): a reminder only
    stopping: bool = False  # seen as the person stopped part way: show, never ask


Show = Callable[[Notice], None]


def text_reason(step: Step) -> str:
    return f'Some words written at "{step.short_label}" can be about suicide or self-harm.'


def alert_record(kind: str, step_id: str, reason: str, risk: Risk | None = None) -> dict:
    record: dict[str, Any] = {
        "kind": kind,
        "step": step_id,
        "reason": reason,
        "at": now_local().isoformat(timespec="seconds"),
    }
    if risk is not None:
        record["risk"] = risk.kind
        record["urgent"] = risk.urgent
    return record


class SafetyWatch:
    """Watches the answers of one sitting and records every alert on the entry."""

    def __init__(
        self, show: Show, earlier: list[dict[str, Any]] | None = None, gentle: bool = False
    ) -> None:
        self.show = show
        self.gentle = gentle  # risk words are expected (the safety plan's warning signs)
        self.alerts: list[dict[str, Any]] = list(earlier or [])
        self.shown = False  # a new sitting shows the panel again when new risk appears
        self.seen: set[tuple[str, str]] = set()
        # Steps whose words were flagged, earlier or now: nothing quoting them is asked.
        self.flagged: set[str] = {
            str(a.get("step")) for a in self.alerts if a.get("kind") == "text" and a.get("step")
        }
        self.left_out: set[str] = set()  # steps not asked because they would work on those

    def record(self, record: dict[str, Any], urgent: bool = False, stopping: bool = False) -> bool:
        key = (str(record.get("step")), str(record["reason"]))
        if key in self.seen:  # the same answer given again after going back
            return False
        self.seen.add(key)
        self.alerts.append(record)
        first = not self.shown
        self.shown = True
        self.show(Notice(record["kind"], record["reason"], urgent, first, self.gentle, stopping))
        return True

    def item(self, step: Step, item_id: str, value: Any) -> None:
        """Called as each questionnaire item is answered, so help shows before the next one."""
        item = next((i for i in step.items if i.id == item_id), None)
        if item is None or item.alert_above is None:
            return
        try:
            score = int(value)
        except (TypeError, ValueError):
            return
        if score > item.alert_above:
            label = next((o.label for o in step.options if o.value == score), str(score))
            reason = f'"{item.text}" was answered "{label}".'
            self.record(alert_record("item", f"{step.id}.{item_id}", reason))

    def answer(self, step: Step, value: Any) -> None:
        if step.items and isinstance(value, dict):  # a questionnaire's scored items
            for item_id, score in value.items():
                self.item(step, item_id, score)
            return
        self.words(step, value)

    def unfinished(self, step: Step, value: Any) -> bool:
        """At a stop part way through a step (a list with some items written, say), the words
        given so far are read too: help is shown, and the alert kept with the draft, even though
        the step was never finished. True if an alert was recorded."""
        if step.items:
            return False  # a questionnaire's items were each read as they were answered
        return self.words(step, value, stopping=True)

    def words(self, step: Step, value: Any, stopping: bool = False) -> bool:
        """Read what was written at a step; True if it raised an alert."""
        risk = assess_answer(value)
        if risk is None:
            return False
        self.flagged.add(step.id)
        record = alert_record("text", step.id, text_reason(step), risk)
        return self.record(record, risk.urgent, stopping)

    def leaves_out(self, step: Step, same_phase: set[str]) -> bool:
        """Whether a step is left out because it would work on flagged words: quote them in
        its question, or weigh evidence about them beside it in the same phase (looking for
        thinking traps in "I want to die" is not what someone at risk needs). A step that
        quotes or sits beside a step left out is left out too, so no question quotes an
        answer that was never given."""
        if self.gentle or not (self.flagged or self.left_out):
            return False
        quoted = set(PLACEHOLDER.findall(step.prompt))
        beside = set(step.context) & same_phase
        if (quoted | beside) & (self.flagged | self.left_out):
            self.left_out.add(step.id)
            return True
        return False


def alerts_for_answers(exercise_steps: dict[str, Step], answers: dict[str, Any]) -> list[dict]:
    """Alerts for answers that arrive whole (an import): recorded, never shown one by one."""
    found = []
    for step_id, value in answers.items():
        step = exercise_steps.get(step_id)
        if step is not None and step.items:
            continue  # scored items, not words: their alerts come from the items themselves
        if step is None and isinstance(value, dict) and any("_" in str(k) for k in value):
            continue  # item ids of a questionnaire cbt does not know, not feelings
        risk = assess_answer(value)
        if risk is not None:
            label = step.short_label if step is not None else step_id
            reason = f'Some words written at "{label}" can be about suicide or self-harm.'
            found.append(alert_record("text", step_id, reason, risk))
    return found
