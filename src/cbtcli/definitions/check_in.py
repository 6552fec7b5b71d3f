"""The mood check-in as an exercise definition: a 0-10 score, feelings, what was done
and a note. Check-ins live in a table of their own, and are listed, shown, edited and
exported as entries of this exercise. Everything that sets a check-in apart from other
exercises is here: its id, titles, labels, and the score that counts as a hard moment."""

from __future__ import annotations

from .model import Exercise, Phase, Step

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
CHECK_INS = "Mood check-ins"  # their title together, as summaries and homework lists say it
LABELS = {step.id: step.label or step.id for step in CHECK_IN.phases[0].steps}
LOW_MOOD = 2  # a check-in at or below this gets a gentle line, not praise


def is_check_in(exercise_id: str) -> bool:
    """Whether an exercise id (in a filter, goal or summary) means the mood check-ins."""
    return exercise_id == CHECK_IN.id
