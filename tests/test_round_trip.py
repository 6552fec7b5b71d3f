"""The JSON export is lossless: any journal, exported, imported into an empty journal and
exported again, gives the same document (apart from when it was exported)."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cbtcli.definitions.catalog import load_catalog
from cbtcli.definitions.model import Exercise, Step
from cbtcli.errors import AnswerError
from cbtcli.export.importer import note_risk
from cbtcli.guide.answers import normalise
from cbtcli.guide.doing import remember_scoring
from cbtcli.journal import AWAITING, COMPLETE, DRAFT, Entry, Mood, open_journal
from cbtcli.journal.goals import set_goal
from cbtcli.journal.ladders import record_practice, save_ladder, set_archived, set_mastered

from .conftest import COMMAND

CATALOG = load_catalog()
EXERCISES = sorted(
    (e for e in CATALOG.exercises.values() if e.builtin), key=lambda exercise: exercise.id
)

words = st.text(max_size=30)  # any unicode a person might type, emoji and all
names = st.text(min_size=1, max_size=12)


@st.composite
def moments(draw: Any) -> datetime:
    """A time to the second, with the UTC offset it was written at."""
    utc = draw(st.datetimes(datetime(2020, 1, 1), datetime(2030, 12, 31))).replace(microsecond=0)
    offset = timezone(timedelta(minutes=draw(st.integers(-12 * 60, 14 * 60))))
    return utc.replace(tzinfo=UTC).astimezone(offset)


def raw_answer(draw: Any, step: Step, answers: dict[str, Any]) -> Any:
    kind = step.type
    if kind == "text":
        return draw(words)
    if kind == "rating":
        return draw(st.integers(step.min, step.max))
    if kind == "choice":
        return draw(st.sampled_from([c.id for c in step.choices]))
    if kind == "multi_choice":
        return draw(st.lists(st.sampled_from([c.id for c in step.choices]), max_size=3))
    if kind == "list":
        return draw(st.lists(words, max_size=3))
    if kind == "emotions":
        return draw(st.dictionaries(names, st.integers(0, 100), max_size=3))
    if kind == "rerate":
        before = answers.get(step.of or "") or {}
        return {name: draw(st.integers(0, 100)) for name in before}
    if kind == "questionnaire":
        return {
            item.id: draw(st.sampled_from([o.value for o in step.options])) for item in step.items
        }
    return None


@st.composite
def entries(draw: Any, exercise: Exercise) -> Entry:
    """An entry of `exercise` in any state, its answers as cbt stores them."""
    answers: dict[str, Any] = {}
    for step in exercise.steps:
        if not step.has_answer or step.kind.from_journal or step.type == "ladder":
            continue
        if not draw(st.booleans()):
            continue  # a draft, or a step not asked
        try:
            stored = normalise(step, raw_answer(draw, step, answers), answers)
        except AnswerError:
            continue
        if stored is not None:
            answers[step.id] = stored
    started = draw(moments())
    status = draw(st.sampled_from([DRAFT, AWAITING, COMPLETE]))
    step_ids = [s.id for s in exercise.steps if s.has_answer] or ["none"]
    alerts = draw(
        st.lists(
            st.fixed_dictionaries(
                {"step": st.sampled_from(step_ids), "kind": st.just("text"), "reason": words}
            ),
            max_size=1,
        )
    )
    return Entry(
        id=str(draw(st.uuids())),
        exercise_id=exercise.id,
        exercise_version=exercise.version,
        exercise_title=exercise.title,
        status=status,
        started=started,
        updated=started + timedelta(minutes=draw(st.integers(0, 10_000))),
        completed=(
            started + timedelta(hours=draw(st.integers(0, 500))) if status != DRAFT else None
        ),
        phase=draw(st.integers(0, len(exercise.phases) - 1)),
        cursor=draw(st.integers(0, 12)),
        answers=answers,
        flagged=draw(st.booleans()),
        private=draw(st.booleans()),
        alerts=alerts,
        private_steps=sorted(draw(st.sets(st.sampled_from(step_ids), max_size=2))),
        labels=draw(st.dictionaries(st.sampled_from(step_ids), words, max_size=2)),
    )


@st.composite
def moods(draw: Any) -> Mood:
    return Mood(
        id=str(draw(st.uuids())),
        score=draw(st.none() | st.integers(0, 10)),
        recorded=draw(moments()),
        note=draw(words),
        emotions=draw(st.dictionaries(names, st.integers(0, 100), max_size=3)),
        activities=draw(st.lists(names, max_size=3)),
        alerts=draw(
            st.lists(st.fixed_dictionaries({"step": st.just("note"), "reason": words}), max_size=1)
        ),
    )


@st.composite
def journals(draw: Any) -> dict[str, Any]:
    chosen = draw(st.lists(st.sampled_from(EXERCISES), min_size=1, max_size=6))
    return {
        "entries": [draw(entries(exercise)) for exercise in chosen],
        "moods": draw(st.lists(moods(), max_size=3)),
        "ladders": draw(
            st.lists(
                st.tuples(
                    names,
                    st.lists(
                        st.tuples(names, st.integers(0, 100), st.booleans()), min_size=1, max_size=4
                    ),
                    st.booleans(),
                    moments(),
                ),
                max_size=2,
            )
        ),
        "goals": draw(
            st.dictionaries(
                st.sampled_from(["mood", *(e.id for e in EXERCISES)]),
                st.integers(1, 14),
                max_size=2,
            )
        ),
    }


def write_journal(path: Path, content: dict[str, Any]) -> None:
    """The journal as cbt would have written it: step facts recorded as each entry is saved,
    risk noted on entries, scoring remembered for questionnaires done."""
    with open_journal(path) as journal:
        for exercise in EXERCISES:
            journal.learn(exercise)
        for entry in content["entries"]:
            if not entry.alerts:
                note_risk(entry, CATALOG)
            journal.insert(entry)
            remember_scoring(journal, CATALOG.get(entry.exercise_id))
        for mood in content["moods"]:
            journal.insert_mood(mood)
        for number, (name, rungs, archived, created) in enumerate(content["ladders"]):
            ladder_id = f"ladder-{number}"
            steps = [
                {"id": f"s{i}", "text": text, "suds": suds}
                for i, (text, suds, _) in enumerate(rungs)
            ]
            save_ladder(journal, ladder_id, name, steps, None, created)
            for i, (_, _, mastered) in enumerate(rungs):
                if mastered:
                    set_mastered(journal, ladder_id, f"s{i}", created + timedelta(days=i + 1))
            for i, entry in enumerate(content["entries"][: len(rungs)]):
                record_practice(journal, entry.id, ladder_id, f"s{i}", 10 * i, entry.started)
            set_archived(journal, ladder_id, archived)
        for exercise_id, per_week in content["goals"].items():
            set_goal(journal, exercise_id, per_week)


def exported(runner: CliRunner, home: Path, out: Path) -> dict[str, Any]:
    result = runner.invoke(
        COMMAND,
        ["export", "-f", "json", "-o", str(out), "--include-private", "--drafts"],
        env={"CBT_HOME": str(home)},
    )
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    document.pop("exported_at")
    return document


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(content=journals())
def test_any_journal_survives_export_and_import_unchanged(content: dict[str, Any]) -> None:
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as folder:
        first_home, second_home = Path(folder, "first"), Path(folder, "second")
        write_journal(first_home / "journal.db", content)
        first = exported(runner, first_home, Path(folder, "first.json"))
        assert len(first["entries"]) == len(content["entries"])
        assert len(first["moods"]) == len(content["moods"])
        result = runner.invoke(
            COMMAND, ["import", str(Path(folder, "first.json"))], env={"CBT_HOME": str(second_home)}
        )
        assert result.exit_code == 0, result.output
        second = exported(runner, second_home, Path(folder, "second.json"))
        assert second == first
