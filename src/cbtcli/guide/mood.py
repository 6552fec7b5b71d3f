"""Quick mood check-ins: a 0-10 score, and optionally feelings and a note."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..definitions.check_in import CHECK_IN, FEELINGS, NOTE, SCORE
from ..definitions.model import Phase
from ..errors import UsageError
from ..journal import Journal, Mood
from .answers import INTENSITY_MAX, INTENSITY_MIN, normalise, parse_feeling
from .engine import Prompter, walk


def parse_emotion_options(options: list[str]) -> dict[str, Any]:
    """`--emotion anxious=60` options as a feelings mapping."""
    feelings: dict[str, Any] = {}
    for option in options:
        found = parse_feeling(option)
        if found is None:
            raise UsageError(f"'{option}' should look like NAME=INTENSITY, for example anxious=60.")
        if not INTENSITY_MIN <= int(found[1]) <= INTENSITY_MAX:
            raise UsageError(
                f"A feeling's intensity is from {INTENSITY_MIN} to {INTENSITY_MAX}; "
                f"'{option}' is out of range."
            )
        feelings[found[0]] = found[1]
    return feelings


def check_in(
    journal: Journal,
    prompter: Prompter | None,
    score: int | None,
    note: str | None,
    emotion_options: list[str],
) -> Mood:
    """Record a mood; asks for whatever was not given on the command line."""
    given: dict[str, Any] = {}
    if score is not None:
        if not SCORE.min <= score <= SCORE.max:
            raise UsageError(
                f"A mood score is from {SCORE.min} (the lowest) to {SCORE.max} (the best); "
                f"{score} is out of range."
            )
        given["score"] = normalise(SCORE, score, {})
    if emotion_options:
        given["emotions"] = normalise(FEELINGS, parse_emotion_options(emotion_options), {})
    if note is not None:
        given["note"] = note
    if score is None:
        assert prompter is not None, "a check-in without a score is asked for"
        steps = [step for step in (SCORE, FEELINGS, NOTE) if step.id not in given]
        quick = replace(CHECK_IN, phases=(Phase("main", "", "", tuple(steps)),))
        given.update(walk(quick, 0, prompter))
    from ..safety.watch import alerts_for_answers

    note_text = (given.get("note") or "").strip()
    feelings = given.get("emotions") or {}
    alerts = alerts_for_answers(
        {"note": NOTE, "emotions": FEELINGS}, {"note": note_text, "emotions": feelings}
    )
    return journal.add_mood(given["score"], note_text, feelings, alerts=alerts)
