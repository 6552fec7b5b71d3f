"""Entries written with version 1 of the reworked exercises (before their steps changed) still
show, export and import, read with the steps they were written with."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .helpers import flat

# Answers as version 1 of each exercise stored them: no evidence against in this thought
# record (it was optional), no alternative belief in the experiment, no life area or moods in
# the activity plan. Each with the labels version 1 recorded.
VERSION_1 = {
    "thought-record": (
        {
            "situation": "Old situation, before version 2",
            "emotions": {"anxious": 80},
            "automatic_thoughts": ["They'll laugh at me"],
            "hot_thought": "They'll laugh at me",
            "belief_before": 90,
            "distortions": ["mind-reading"],
            "evidence_for": ["Someone smiled"],
            "balanced_thought": "A smile is not a laugh at me",
            "belief_after": 40,
            "emotions_after": {"anxious": 50},
        },
        {"belief_after": "Belief in the hot thought now", "emotions_after": "Feelings now"},
    ),
    "behavioural-experiment": (
        {
            "prediction": "Nobody will reply to my message",
            "belief_before": 80,
            "experiment": "Post in the group chat",
            "when_where": "Tonight",
            "safety_behaviours": ["Rewriting it ten times"],
            "what_happened": "Two friends replied within the hour",
            "came_true": "no",
            "learned": "People reply more than I expect",
            "belief_after": 30,
            "next_step": "Post again next week",
        },
        {"safety_behaviours": "Safety behaviours I'll drop"},
    ),
    "behavioural-activation": (
        {
            "activity": "Old walk by the river",
            "when": "Saturday",
            "expected_pleasure": 3,
            "expected_mastery": 4,
            "did_it": "yes",
            "actual_pleasure": 6,
            "actual_mastery": 5,
        },
        {"actual_pleasure": "Actual pleasure"},
    ),
    "problem-solving": (  # one phase, no "can I act on this now?", no review
        {
            "problem": "I can't keep up with the rent since my hours were cut.",
            "options": ["Ask my landlord for a payment plan", "Check what benefits I can claim"],
            "chosen": "Check what benefits I can claim",
            "pros": ["Could cover the gap every month"],
            "cons": ["The forms take time"],
            "first_step": "Use an online benefits calculator",
            "when": "Tomorrow after lunch",
        },
        {"pros": "Pros", "cons": "Cons", "first_step": "First step", "when": "When"},
    ),
}


def version_1_document(cli, tmp_path: Path) -> dict[str, Any]:
    """A JSON export holding one version-1 entry of each reworked exercise."""
    cli.ok("mood", "5")
    path = tmp_path / "skeleton.json"
    cli.ok("export", "-f", "json", "-o", str(path))
    document = json.loads(path.read_text(encoding="utf-8"))
    document["moods"] = []
    document["entries"] = [
        {
            "id": f"{number}0000000-0000-4000-8000-000000000000",
            "exercise": exercise,
            "exercise_version": 1,
            "title": exercise.replace("-", " ").capitalize(),
            "status": "complete",
            "phase": 1 if exercise != "thought-record" else 0,
            "started_at": "2025-03-02T09:00:00+00:00",
            "updated_at": "2025-03-02T09:30:00+00:00",
            "completed_at": "2025-03-02T09:30:00+00:00",
            "flagged": False,
            "private": False,
            "alerts": [],
            "private_steps": [],
            "labels": labels,
            "cursor": 0,
            "answers": answers,
        }
        for number, (exercise, (answers, labels)) in enumerate(VERSION_1.items(), 1)
    ]
    return document


def assert_json_round_trip(cli, journal: list[str], tmp_path: Path) -> None:
    """Exported, imported elsewhere, exported again: the same document."""
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    cli.ok(*journal, "export", "-f", "json", "-o", str(first))
    other = ["--db", str(tmp_path / "other.db")]
    cli.ok(*other, "import", str(first))
    cli.ok(*other, "export", "-f", "json", "-o", str(second))
    before, after = (json.loads(p.read_text(encoding="utf-8")) for p in (first, second))
    before.pop("exported_at"), after.pop("exported_at")
    assert before == after


def test_version_1_entries_show_export_and_import(cli, tmp_path: Path) -> None:
    document = version_1_document(cli, tmp_path)
    old = tmp_path / "old.json"
    old.write_text(json.dumps(document), encoding="utf-8")
    journal = ["--db", str(tmp_path / "journal.db")]
    cli.ok(*journal, "import", str(old))
    listed = cli.json(*journal, "journal", "--json")
    assert {e["exercise"]: e["exercise_version"] for e in listed} == dict.fromkeys(VERSION_1, 1)
    for entry in listed:
        answers, _ = VERSION_1[entry["exercise"]]
        assert entry["answers"] == answers  # kept exactly, no v2 step added or asked for
        shown = flat(cli.ok(*journal, "show", entry["id"][:8]).output)
        texts = [v for v in answers.values() if isinstance(v, str) and len(v) > 12]
        assert texts and all(text in shown for text in texts)
    shown = flat(cli.ok(*journal, "show", "10000000").output)
    assert "A smile is not a laugh at me" in shown and "Evidence against" not in shown
    # Every format exports them.
    markdown = cli.ok(*journal, "export", "-f", "md", "-o", "-").output
    assert "Old situation, before version 2" in markdown and "Old walk by the river" in markdown
    assert "Rewriting it ten times" in markdown
    assert "Use an online benefits calculator" in markdown and "- The forms take time" in markdown
    csv = cli.ok(*journal, "export", "-f", "csv", "-o", "-").output
    assert "Two friends replied within the hour" in csv
    assert_json_round_trip(cli, journal, tmp_path)
    # Summaries and patterns read them alongside new entries.
    cli.ok(*journal, "summary", "--since", "2025-01-01")
    cli.ok(*journal, "patterns", "--since", "2025-01-01")


# Version 1 of exposure: no safety habits planned to drop, no check of whether the feared
# outcome happened, no re-rated likelihood; its labels as version 1 recorded them.
EXPOSURE_1_LABELS = {
    "ladder_step": "Ladder step",
    "expectation": "What I fear will happen",
    "expectation_likelihood": "How likely it felt",
    "suds_before": "Distress before",
    "duration_minutes": "Minutes practised",
    "suds_peak": "Peak distress",
    "suds_after": "Distress at the end",
    "safety_behaviours_used": "Safety behaviours used",
    "what_happened": "What happened",
    "surprise": "How surprised I was",
    "notes": "Notes",
}
EXPOSURE_2_ONLY = ("safety_behaviours_to_drop", "feared_outcome_happened", "likelihood_after")


def test_a_version_1_exposure_shows_exports_and_imports(cli, tmp_path: Path) -> None:
    examples = Path(__file__).parents[1] / "exercises" / "examples"
    cli.ok("ladder", "new", "--answers", str(examples / "fear-ladder.yaml"))
    cli.ok("ladder", "practice", "bus", "--answers", str(examples / "exposure.before.yaml"))
    entry_id = cli.json("journal", "--json", "-e", "exposure")[0]["id"]
    cli.ok("review", entry_id[:8], "--answers", str(examples / "exposure.after.yaml"))
    assert "Did what I feared happen" in flat(cli.ok("show", entry_id[:8]).output)  # version 2
    path = tmp_path / "now.json"
    cli.ok("export", "-f", "json", "-o", str(path))
    document = json.loads(path.read_text(encoding="utf-8"))
    (entry,) = [e for e in document["entries"] if e["exercise"] == "exposure"]
    for step in EXPOSURE_2_ONLY:
        entry["answers"].pop(step, None)
    entry.update(exercise_version=1, labels=EXPOSURE_1_LABELS)
    old = tmp_path / "old.json"
    old.write_text(json.dumps(document), encoding="utf-8")

    journal = ["--db", str(tmp_path / "journal.db")]
    cli.ok(*journal, "import", str(old))
    (listed,) = cli.json(*journal, "journal", "--json", "-e", "exposure")
    assert listed["exercise_version"] == 1 and listed["answers"] == entry["answers"]
    shown = flat(cli.ok(*journal, "show", listed["id"][:8]).output)
    assert "Distress at the end" in shown and "Nobody noticed" in shown
    # No version 2 step appears, and version 1's own labels are used.
    assert "Did what I feared happen" not in shown and "How likely it feels now" not in shown
    assert "Minutes practised" in shown
    markdown = cli.ok(*journal, "export", "-f", "md", "-o", "-").output
    assert "I'll panic and have to go home" in markdown and "Peak distress" in markdown
    assert_json_round_trip(cli, journal, tmp_path)
    cli.ok(*journal, "ladder", "show", "bus")
