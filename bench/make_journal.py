"""Build a realistic synthetic journal for benchmarks.

Ten years (by default) of practice: a mood check-in most days, and at least 20,000
entries across every built-in exercise: thought records, behavioural experiments (planned
and reviewed), fear ladders with exposure practices, activity plans, problem solving, the
PHQ-9 and GAD-7 every two weeks, and a safety plan each year.

    python bench/make_journal.py /tmp/bench-home --entries 20000 --years 10
"""

from __future__ import annotations

import argparse
import random
import sys
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from cbtcli.definitions.model import Exercise, Step
from cbtcli.journal import AWAITING, COMPLETE, open_journal
from cbtcli.journal.ladders import record_practice, save_ladder

# The tests' journal builder writes entries as cbt does; run from anywhere, it is found here.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.helpers import JournalBuilder

FEELINGS = ["anxious", "sad", "angry", "ashamed", "guilty", "hurt", "frustrated", "lonely"]
TRAPS = [
    "all-or-nothing",
    "mind-reading",
    "fortune-telling",
    "catastrophising",
    "labelling",
    "should-statements",
]
WORDS = [
    "work",
    "meeting",
    "friend",
    "call",
    "message",
    "train",
    "family",
    "deadline",
    "email",
    "party",
    "doctor",
    "money",
]


def plan_answer(rng: random.Random, step: Step) -> Any:
    """A safety plan's answer in the shape its step stores: a list, words, or a rating."""
    if step.type == "rating":
        return rng.randint(step.min, step.max)
    if step.type == "list":
        return [sentence(rng, 4)]
    return sentence(rng, 6)


def sentence(rng: random.Random, words: int = 9) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def thought_record(rng: random.Random) -> dict:
    feelings = rng.sample(FEELINGS, rng.randint(1, 3))
    before = {f: rng.randint(40, 95) for f in feelings}
    return {
        "situation": sentence(rng, 14),
        "emotions": before,
        "automatic_thoughts": [sentence(rng) for _ in range(rng.randint(1, 3))],
        "hot_thought": sentence(rng),
        "belief_before": rng.randint(50, 100),
        "distortions": rng.sample(TRAPS, rng.randint(0, 3)),
        "evidence_for": [sentence(rng) for _ in range(rng.randint(0, 3))],
        "evidence_against": [sentence(rng) for _ in range(rng.randint(1, 3))],
        "balanced_thought": sentence(rng, 16),
        "belief_after": rng.randint(10, 70),
        "emotions_after": {f: max(0, v - rng.randint(0, 40)) for f, v in before.items()},
    }


def experiment(rng: random.Random, reviewed: bool) -> dict:
    answers = {
        "prediction": sentence(rng),
        "belief_before": rng.randint(50, 100),
        "experiment": sentence(rng),
        "when_where": sentence(rng, 4),
        "obstacles": [sentence(rng)],
        "safety_behaviours": [sentence(rng, 4)],
    }
    if reviewed:
        answers |= {
            "what_happened": sentence(rng, 14),
            "came_true": rng.choice(["yes", "partly", "no", "no"]),
            "learned": sentence(rng),
            "belief_after": rng.randint(5, 60),
            "next_step": sentence(rng),
        }
    return answers


def activation(rng: random.Random) -> dict:
    return {
        "activity": sentence(rng, 5),
        "when": "Saturday morning",
        "expected_pleasure": rng.randint(1, 6),
        "expected_mastery": rng.randint(1, 6),
        "did_it": "yes",
        "actual_pleasure": rng.randint(3, 9),
        "actual_mastery": rng.randint(3, 9),
    }


def problem(rng: random.Random) -> dict:
    return {
        "problem": sentence(rng, 12),
        "options": [sentence(rng, 5) for _ in range(4)],
        "chosen": sentence(rng, 5),
        "pros": [sentence(rng, 5)],
        "cons": [sentence(rng, 5)],
        "first_step": sentence(rng, 6),
        "when": "Monday",
    }


def questionnaire(rng: random.Random, exercise: Exercise, day: int, days: int) -> dict:
    """Item scores that drift down over the years, as they do when therapy helps."""
    step = exercise.questionnaire
    assert step is not None
    high = max(o.value for o in step.options)
    lean = 1 - day / days
    items = {i.id: min(high, max(0, round(rng.gauss(lean * 2, 0.8)))) for i in step.items}
    difficulty = exercise.step("difficulty")
    picked = rng.choice([c.id for c in difficulty.choices[:3]]) if difficulty else None
    return {step.id: items, **({"difficulty": picked} if picked else {})}


def build(home: Path, entries: int, years: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    home.mkdir(mode=0o700, parents=True, exist_ok=True)  # private, as cbt makes it
    path = home / "journal.db"
    if path.exists():
        raise SystemExit(f"{path} exists; remove it first")
    zone = timezone(timedelta(hours=1))
    end = datetime.now(zone).replace(hour=9, minute=0, second=0, microsecond=0)
    days = years * 365
    start = end - timedelta(days=days)
    per_day = entries / days
    journal = open_journal(path)
    build = JournalBuilder(journal)
    catalog = build.catalog
    measures = [catalog.get("phq9"), catalog.get("gad7")]
    made = 0
    ladders: list[tuple[str, list[dict]]] = []
    with journal.transaction():
        for day in range(days + 1):
            morning = start + timedelta(days=day)
            if rng.random() < 0.9:
                build.mood(rng.randint(2, 9), morning, rng.choice(["", sentence(rng, 5)]))
            if day % 14 == 0:  # the standard measures, every two weeks
                for measure in measures:
                    answers = questionnaire(rng, measure, day, days)
                    when = morning + timedelta(minutes=30)
                    build.entry(measure.id, when, answers)
            if day % 365 == 0:
                plan = {
                    step.id: plan_answer(rng, step) for step in catalog.get("safety-plan").steps
                }
                build.entry("safety-plan", morning, plan)
            quota = int(per_day * (day + 1)) - made
            for slot in range(quota):
                when = morning + timedelta(hours=2 + slot, minutes=rng.randint(0, 59))
                kind = rng.random()
                status = COMPLETE
                if kind < 0.55:
                    exercise, answers = "thought-record", thought_record(rng)
                elif kind < 0.7:
                    reviewed = day < days - 3 or rng.random() < 0.5
                    exercise, answers = "behavioural-experiment", experiment(rng, reviewed)
                    status = COMPLETE if reviewed else AWAITING
                elif kind < 0.8:
                    exercise, answers = "behavioural-activation", activation(rng)
                elif kind < 0.9:
                    exercise, answers = "problem-solving", problem(rng)
                elif kind < 0.902 or not ladders:
                    ladder_id = str(uuid.uuid4())
                    steps = [
                        {"id": uuid.uuid4().hex[:8], "text": sentence(rng, 5), "suds": s}
                        for s in sorted(rng.sample(range(10, 100), 9))
                    ]
                    name = f"ladder {len(ladders) + 1}"
                    exercise = "fear-ladder"
                    answers = {
                        "goal": sentence(rng, 6),
                        "ladder": {"name": name, "steps": steps, "ladder_id": ladder_id},
                    }
                    ladders.append((ladder_id, steps))
                    save_ladder(journal, ladder_id, name, steps, None, when)
                else:
                    ladder_id, steps = ladders[-1]
                    rung = rng.choice(steps[:4])
                    exercise = "exposure"
                    peak = max(0, rung["suds"] - rng.randint(0, 40))
                    answers = {
                        "ladder_step": {
                            "id": f"{ladder_id}:{rung['id']}",
                            "ladder_id": ladder_id,
                            "step_id": rung["id"],
                            "ladder": "l",
                            "step": rung["text"],
                            "suds": rung["suds"],
                        },
                        "expectation": sentence(rng),
                        "expectation_likelihood": rng.randint(30, 90),
                        "suds_before": rng.randint(20, 80),
                        "duration_minutes": rng.randint(5, 60),
                        "suds_peak": peak,
                        "suds_after": max(0, peak - 20),
                        "what_happened": sentence(rng),
                        "surprise": rng.randint(0, 100),
                    }
                entry = build.entry(exercise, when, answers, status, flagged=rng.random() < 0.05)
                if exercise == "exposure":
                    record_practice(
                        journal, entry.id, ladder_id, rung["id"], answers["suds_peak"], when
                    )
                made += 1
    journal.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "home", type=Path, help="folder to create the journal in (used as CBT_HOME)"
    )
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    path = build(args.home, args.entries, args.years)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
