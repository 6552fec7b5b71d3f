"""The one rule for what of an entry may leave the journal (exports, the prep page, anything
shared). A step is withheld when it was private when the entry was written (recorded on the
entry) or is private in today's definition; a private entry is withheld whole elsewhere."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..definitions.model import REPEATS, Exercise
from . import Entry


def private_steps(entry: Entry, exercise: Exercise | None) -> frozenset[str]:
    return withheld_steps(entry.private_steps, exercise)


def withheld_steps(recorded: Iterable[str], exercise: Exercise | None) -> frozenset[str]:
    """The steps withheld from an entry whose private steps when written were `recorded`
    (for readers that fetch only some answers, such as the patterns)."""
    today = exercise.private_step_ids if exercise is not None else frozenset()
    return today.union(recorded) if recorded else today


def shareable_answers(
    entry: Entry, exercise: Exercise | None, include_private: bool
) -> tuple[dict[str, Any], list[str]]:
    """(the answers that may leave, the ids of those withheld), in the entry's own order."""
    if include_private:
        return dict(entry.answers), []
    hidden = private_steps(entry, exercise)
    if not hidden:  # most entries: nothing to leave out
        return dict(entry.answers), []
    kept = {k: v for k, v in entry.answers.items() if k not in hidden}
    withheld = [k for k in entry.answers if k in hidden]
    rounds = kept.get(REPEATS)
    if isinstance(rounds, dict):  # a repeated phase's later rounds follow the same rule
        kept[REPEATS] = {
            phase: [
                {**r, "answers": {k: v for k, v in r["answers"].items() if k not in hidden}}
                for r in done
            ]
            for phase, done in rounds.items()
        }
        withheld += [
            k for done in rounds.values() for r in done for k in r["answers"] if k in hidden
        ]
    return kept, withheld
