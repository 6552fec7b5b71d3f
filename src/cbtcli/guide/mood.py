"""Quick mood check-ins: a 0-10 score, and optionally feelings and a note."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..definitions.model import Exercise, Phase, Step
from ..errors import UsageError
from ..journal import Journal, Mood
from .answers import INTENSITY_MAX, INTENSITY_MIN, normalise, parse_feeling
from .engine import Prompter, walk

LOW_MOOD = 2  # a check-in at or below this gets a gentle line, not praise

SCORE = Step(
    id="score",
    type="rating",
    prompt="How is your mood right now, from 0 (the lowest) to 10 (the best)?",
    label="Mood",
    min=0,
    max=10,
    help="There's no right answer. Your first instinct is fine: 5 is an ordinary day.",
)
FEELINGS = Step(
    id="emotions",
    type="emotions",
    prompt="Any feelings you'd like to name?",
    label="Feelings",
    required=False,
    suggestions=("calm", "content", "tired", "anxious", "sad", "irritable", "hopeful", "lonely"),
    help="Naming a feeling, and how strong it is (0-100), makes it easier to notice patterns.",
)
NOTE = Step(
    id="note",
    type="text",
    prompt="Anything you'd like to note about today?",
    label="Note",
    required=False,
)
ACTIVITIES = Step(
    id="activities",
    type="list",
    prompt="What have you been doing?",
    label="Activities",
    required=False,
    help="One thing a line, such as 'walk' or 'work'. Check-ins brought in from other apps "
    "often carry these.",
)
# A check-in read as an entry (`cbt show`, `edit`, exports): never run by the engine as a
# whole, since `check_in` asks only for what was not given on the command line.
CHECK_IN = Exercise(
    id="mood",
    title="Mood check-in",
    version=1,
    summary="A ten-second check-in: how are you feeling right now?",
    intro="",
    phases=(Phase(id="main", title="", intro="", steps=(SCORE, FEELINGS, NOTE, ACTIVITIES)),),
    builtin=True,
    keeps_drafts=False,
)


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
