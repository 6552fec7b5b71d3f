"""`info` (text to read, nothing to answer) and `pause` (text, then a quiet wait of
`seconds`, for a breathing or grounding practice)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import StepType

if TYPE_CHECKING:
    from ..cross_checks import CrossStepChecks
    from ..model import Step

PAUSE_LONGEST = 600  # ten minutes: longer practices belong to a recording, not a prompt


class Info(StepType):
    name = widget = "info"
    has_answer = False


class Pause(Info):
    name = widget = "pause"
    keys = frozenset({"seconds"})

    def parse(
        self, checks: CrossStepChecks, raw: dict, earlier: dict[str, Step], where: str
    ) -> dict[str, Any]:
        if "seconds" not in raw:
            checks.problem(where, "a pause step needs 'seconds': how long to wait.")
            return {}
        seconds = checks.integer(raw, "seconds", where, 0)
        if not 1 <= seconds <= PAUSE_LONGEST:
            checks.problem(where, f"'seconds' must be from 1 to {PAUSE_LONGEST}.")
        return {"seconds": seconds}


INFO = Info()
PAUSE = Pause()
