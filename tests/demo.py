"""A small, realistic journal: a month of moods, thought records, an experiment and a ladder.

Used by the export tests, and to make the screenshot in docs/ (`python -m tests.demo DIR`)."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from pathlib import Path

from cbtcli.clock import now_local
from cbtcli.journal import Entry, open_journal
from cbtcli.journal.ladders import record_practice, save_ladder

from .helpers import PHQ9_ITEMS, JournalBuilder

RECORDS = [
    {
        "situation": "Monday 9am, team meeting. My manager asked me to present the quarterly numbers at short notice.",
        "emotions": {"anxious": 85, "ashamed": 40},
        "automatic_thoughts": [
            "I'll freeze and everyone will see I don't know what I'm doing",
            "They'll think I'm a fraud",
        ],
        "hot_thought": "I'll freeze and everyone will see I don't know what I'm doing",
        "belief_before": 80,
        "distortions": ["fortune-telling", "mind-reading"],
        "evidence_for": ["I stumbled over a question last month"],
        "evidence_against": [
            "I've presented these numbers twice before and it went fine",
            "My manager picked me because I know them best",
        ],
        "balanced_thought": "I might feel nervous and stumble a little, but I know this material and I've done it before.",
        "belief_after": 30,
        "emotions_after": {"anxious": 45, "ashamed": 15},
    },
    {
        "situation": "Saturday evening, a friend didn't reply to my message about meeting up.",
        "emotions": {"sad": 70, "lonely": 60},
        "automatic_thoughts": ["She doesn't want to see me", "Nobody ever makes time for me"],
        "hot_thought": "She doesn't want to see me",
        "belief_before": 75,
        "distortions": ["mind-reading", "overgeneralising"],
        "evidence_for": ["She took two days to reply last time"],
        "evidence_against": [
            "She invited me to her birthday last week",
            "She mentioned her work is hectic right now",
        ],
        "balanced_thought": "She's probably busy; she has made time for me recently and I can suggest another date.",
        "belief_after": 25,
        "emotions_after": {"sad": 35, "lonely": 30},
    },
    {
        "situation": "Wednesday, I made a mistake in an invoice <b>and had to email the client</b> to correct it.",
        "emotions": {"anxious": 60, "guilty": 55},
        "automatic_thoughts": ["I'm useless at this job"],
        "hot_thought": "I'm useless at this job",
        "belief_before": 70,
        "distortions": ["labelling", "all-or-nothing"],
        "evidence_for": ["I made the mistake"],
        "evidence_against": [
            "I caught it myself before the client noticed",
            "My reviews have been good",
        ],
        "balanced_thought": "I made one mistake and fixed it quickly, which is what a careful person does.",
        "belief_after": 20,
        "emotions_after": {"anxious": 25, "guilty": 20},
    },
]
MOODS = [4, 3, 4, 5, 4, 5, 5, 4, 6, 5, 6, 5, 6, 6, 7, 5, 6, 7, 6, 7, 7, 6, 7, 8, 7, 7, 8, 7]


def build(home: Path, today: datetime | None = None) -> Path:
    """Write the demo journal into `home` (as CBT_HOME); returns the journal's path."""
    home.mkdir(mode=0o700, parents=True, exist_ok=True)  # as cbt makes it: private
    now = (today or now_local()).replace(hour=20, minute=30, second=0, microsecond=0)
    journal = open_journal(home / "journal.db")
    build = JournalBuilder(journal)

    def add(exercise_id: str, days_ago: int, answers: dict, flagged: bool = False) -> Entry:
        when = now - timedelta(days=days_ago, hours=days_ago % 5)
        return build.entry(exercise_id, when, answers, flagged=flagged)

    for days_ago, score in enumerate(reversed(MOODS)):
        build.mood(score, now - timedelta(days=days_ago, hours=2))
    for index, answers in enumerate(RECORDS):
        add("thought-record", 20 - index * 8, answers, flagged=index == 0)
    add(
        "behavioural-experiment",
        6,
        {
            "prediction": "If I say no to extra work, my manager will be annoyed with me",
            "belief_before": 75,
            "experiment": "Politely decline the extra report on Thursday",
            "when_where": "Thursday, one-to-one meeting",
            "safety_behaviours": ["Over-apologising", "Offering to do it next week instead"],
            "what_happened": "She said that was fine and asked someone else.",
            "came_true": "no",
            "learned": "Saying no calmly didn't damage anything.",
            "belief_after": 20,
        },
    )
    for days_ago, scores in ((24, [2, 2, 2, 2, 1, 2, 1, 1, 0]), (2, [1, 1, 1, 1, 0, 1, 1, 0, 0])):
        add(
            "phq9",
            days_ago,
            {"phq9": dict(zip(PHQ9_ITEMS, scores, strict=True)), "difficulty": "somewhat"},
        )
    steps = [
        {"id": "s1", "text": "Stand at the bus stop for 10 minutes", "suds": 20},
        {"id": "s2", "text": "Ride one stop off-peak", "suds": 45},
        {"id": "s3", "text": "Ride to town off-peak", "suds": 65},
        {"id": "s4", "text": "Ride to town at rush hour", "suds": 90},
    ]
    ladder = add(
        "fear-ladder",
        14,
        {
            "goal": "Take the bus to work",
            "ladder": {"name": "bus", "steps": steps, "ladder_id": "bus-ladder"},
        },
    )
    save_ladder(journal, "bus-ladder", "bus", steps, ladder.id, now - timedelta(days=14))
    for days_ago, peak in ((10, 40), (7, 25), (3, 15)):
        practice = add(
            "exposure",
            days_ago,
            {
                "ladder_step": {
                    "id": "bus-ladder:s1",
                    "ladder_id": "bus-ladder",
                    "step_id": "s1",
                    "ladder": "bus",
                    "step": steps[0]["text"],
                    "suds": 20,
                },
                "expectation": "I'll panic and have to walk home",
                "expectation_likelihood": 60,
                "suds_before": 40,
                "duration_minutes": 10,
                "suds_peak": peak,
                "suds_after": 10,
                "what_happened": "I felt tense at first, then it eased.",
                "surprise": 60,
            },
        )
        record_practice(journal, practice.id, "bus-ladder", "s1", peak, practice.started)
    journal.close()
    return home / "journal.db"


if __name__ == "__main__":
    print(build(Path(sys.argv[1])))
