"""`cbt assign` and `cbt assignments`: homework from a therapist, added only after the person
has seen it and said yes, never writing over anything of theirs; a broken file is refused in
one sentence with nothing changed."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cbtcli import paths
from cbtcli.clock import now_local

from .helpers import THOUGHT_RECORD_ANSWERS, assert_one_clear_sentence, flat

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "assignment.yaml"
EXAMPLE_DAY = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # the example's `until` is 2026-12-18

WORRY_TIME: dict[str, Any] = {
    "id": "worry-time",
    "title": "Worry time",
    "intro": "Keeping worry to one short time a day loosens its hold on the rest of it.",
    "steps": [
        {"id": "noted", "type": "list", "prompt": "Which worries did you put off?"},
        {"id": "worry_after", "type": "rating", "min": 0, "max": 10, "prompt": "Worry now?"},
    ],
}


def until(days: int = 28) -> str:
    return (now_local().date() + timedelta(days=days)).isoformat()


def assignment(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "kind": "cbt-assignment",
        "version": 1,
        "from": "Dr Sam Lee",
        "note": "Three thought records this week, please.",
        "until": until(),
        "exercises": ["thought-record"],
        "goals": [{"exercise": "thought-record", "per_week": 3}],
        "measures": [{"id": "phq9", "every_days": 14}],
    }
    base.update(fields)
    return {k: v for k, v in base.items() if v is not None}


def write(cli, data: dict[str, Any] | str, name: str = "homework.yaml") -> str:
    path = cli.home.parent / name
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def goals(cli) -> dict[str, int]:
    exported = cli.json("export", "-f", "json", "-o", "-")["goals"]
    return {g["exercise"]: g["per_week"] for g in exported}


def everything(folder: Path) -> dict[str, bytes]:
    """Every file under the home folder (journal, its side files, exercises), byte for byte."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(autouse=True)
def frozen(clock) -> Any:  # type: ignore[no-untyped-def]
    """The day the shipped example was written, so its `until` is still ahead, every day."""
    clock.now = EXAMPLE_DAY
    return clock


def test_the_shipped_example_adds_its_exercise_goals_and_reminders(cli, frozen) -> None:
    cli.ok("goal", "set", "thought-record", "2/week")  # the person's own goal
    shown = flat(cli.ok("assign", str(EXAMPLE), "--yes").output)
    assert "An assignment from Dr Ada Okafor, until Fri 18 Dec 2026." in shown
    assert "try worry time every evening" in shown
    assert "add the exercise 'Worry time' to your exercises folder (`cbt do worry-time`)" in shown
    assert "set weekly goals: Worry time 7 a week; Mood check-ins 7 a week" in shown
    assert "keep your own goal of 2 a week for Thought record (it suggests 3" in shown
    assert "remind you of the PHQ-9 (mood questionnaire) every 14 days" in shown
    # The person's goal stays theirs; the assignment's are added beside it.
    assert goals(cli) == {"thought-record": 2, "worry-time": 7, "mood": 7}
    added = paths.user_exercises_dir() / "worry-time.yaml"
    assert added.stat().st_mode & 0o777 == 0o600
    assert yaml.safe_load(added.read_text(encoding="utf-8"))["title"] == "Worry time"
    answers = {"noted": ["The report"], "still_matters": ["The report"], "worry_after": 4}
    cli.ok("do", "worry-time", "--answers", write(cli, answers, "worry.yaml"))
    listed = flat(cli.ok("assignments").output)
    assert "From Dr Ada Okafor, received Mon 23 Nov 2026, until Fri 18 Dec 2026 (current)" in listed
    assert "Worry time: 7 a week; this week 1 of 7; since it came 1" in listed
    assert "PHQ-9 (mood questionnaire): every 14 days; not done yet; due now" in listed


def test_the_readme_shows_the_shipped_example_whole() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", readme, flags=re.S)
    assert EXAMPLE.read_text(encoding="utf-8") in blocks


def test_the_template_is_a_working_assignment(cli) -> None:
    text = cli.ok("assign", "--template").stdout
    assert "kind: cbt-assignment" in text and f"until: {until()}" in text
    cli.ok("assign", write(cli, text), "--yes")
    assert goals(cli) == {"thought-record": 3, "mood": 7}


@pytest.mark.parametrize(
    "content, expected_goals, says",
    [
        ({"exercises": ["grounding", "thought-record"], "goals": None, "measures": None}, {},
         "(`cbt do grounding`), Thought record (`cbt do thought-record`)"),
        ({"exercises": None, "goals": [{"exercise": "mood", "per_week": "5/week"}],
          "measures": None}, {"mood": 5}, "set weekly goals: Mood check-ins 5 a week"),
        ({"exercises": None, "goals": None, "measures": [{"id": "gad7", "every_days": 7}]}, {},
         "remind you of the GAD-7 (anxiety questionnaire) every 7 days"),
        ({"exercises": [WORRY_TIME], "goals": [{"exercise": "worry-time", "per_week": 5}],
          "measures": None, "until": None, "note": None}, {"worry-time": 5},
         "add the exercise 'Worry time'"),
    ],
    ids=["built-in exercises", "goals", "measures", "an embedded exercise"],
)  # fmt: skip
def test_each_kind_of_content(cli, content, expected_goals, says) -> None:
    shown = flat(cli.ok("assign", write(cli, assignment(**content)), "--yes").output)
    assert says in shown
    assert goals(cli) == expected_goals
    assert "(current)" in flat(cli.ok("assignments").output)


def broken(cli) -> list[tuple[str, str | dict[str, Any], str]]:
    bad_step = {**WORRY_TIME, "steps": [{"id": "noted", "type": "lisst", "prompt": "Which?"}]}
    return [
        ("unknown exercise", assignment(exercises=["thougt-record"]),
         "there is no exercise called 'thougt-record'"),
        ("goal of an unknown exercise", assignment(goals=[{"exercise": "nope", "per_week": 2}]),
         "goal 1 ('nope'): there is no exercise called 'nope'"),
        ("per_week zero", assignment(goals=[{"exercise": "thought-record", "per_week": 0}]),
         "a weekly goal is from 1 to 50 times"),
        ("per_week too many", assignment(goals=[{"exercise": "mood", "per_week": 51}]),
         "'51' is outside that"),
        ("per_week words", assignment(goals=[{"exercise": "mood", "per_week": "often"}]),
         "'often' should be how many times a week"),
        ("per_week true", assignment(goals=[{"exercise": "mood", "per_week": True}]),
         "'per_week' must be how many times a week"),
        ("every_days", assignment(measures=[{"id": "phq9", "every_days": 0}]),
         "'every_days' must be a whole number from 1 to 365"),
        ("not a questionnaire", assignment(measures=[{"id": "thought-record", "every_days": 7}]),
         "there is no questionnaire called 'thought-record'"),
        ("a date that does not exist", yaml.safe_dump(assignment(until=None)) +
         "until: 2026-02-30\n", "it cannot be read as YAML"),
        ("a date in words", assignment(until="next Friday"),
         "'until' must be a date like 2026-12-18, not 'next Friday'"),
        ("a date gone by", assignment(until="2020-01-31"),
         "its end date ('until: 2020-01-31') has already passed"),
        ("an embedded exercise with errors", assignment(exercises=[bad_step]),
         "the exercise 'worry-time': step 'noted': unknown step type 'lisst'"),
        ("an embedded exercise named as a built-in", assignment(exercises=[
            {**WORRY_TIME, "id": "thought-record"}]), "has the id of a built-in exercise"),
        ("wrong kind", assignment(kind="cbt-exercise"), "it is not a cbt assignment"),
        ("no kind", "- just\n- a list\n", "it is not a cbt assignment"),
        ("a newer version", assignment(version=2), "written for a newer cbt (version 2)"),
        ("a version as text", assignment(version="1"), "'version' must be 1"),
        ("an escape in the note", assignment(note="Well done\x1b]0;pwned\x07"),
         "the text of 'note' has control characters"),
        ("an escape in a step", assignment(exercises=[{**WORRY_TIME, "steps": [
            {"id": "a", "type": "text", "prompt": "\x1b[2JHi"}]}]),
         "the text of 'exercises[1].steps[1].prompt' has control characters"),
        ("a name over lines", assignment(**{"from": "Dr Lee\nrm -rf"}),
         "'from' must be a name on one line"),
        ("aliases", "kind: cbt-assignment\nversion: 1\nfrom: &a Dr\nnote: *a\n",
         "aliases (*name) are not allowed"),
        ("an unknown key", assignment(gaols=[]), "unknown key 'gaols'"),
        ("nothing to add", assignment(exercises=None, goals=None, measures=None),
         "it has nothing to add"),
    ]  # fmt: skip


def test_each_broken_assignment_is_refused_whole_in_one_sentence(cli) -> None:
    cli.ok("mood", "6")  # a journal to keep byte for byte
    cli.ok("exercises", "new", "my-own")
    before = everything(cli.home)
    for name, content, fragment in broken(cli):
        result = cli("assign", write(cli, content, f"{name}.yaml"), "--yes")
        assert result.exit_code == 1, (name, result.output)
        assert_one_clear_sentence(result, fragment, "nothing was changed")
        assert result.stderr.strip().count("\n") == 0, name  # one sentence, on one line
        assert "\x1b" not in result.output, name
        assert everything(cli.home) == before, name


def test_several_problems_are_said_together(cli) -> None:
    content = assignment(exercises=["nope"], goals=[{"exercise": "mood", "per_week": 99}])
    result = cli("assign", write(cli, content), "--yes")
    assert_one_clear_sentence(result, "has 2 problems", "'nope'", "'99'")


def test_a_missing_file_is_a_problem_with_a_file(cli) -> None:
    result = cli("assign", "no-such.yaml", "--yes")
    assert result.exit_code == 1 and "does not exist" in flat(result.output)


def test_an_exercise_of_the_persons_is_never_written_over(cli) -> None:
    folder = paths.user_exercises_dir()
    folder.mkdir(parents=True)
    mine = folder / "worry-time.yaml"
    mine.write_text(yaml.safe_dump({**WORRY_TIME, "title": "My worry time"}), encoding="utf-8")
    before = everything(cli.home)
    result = cli("assign", write(cli, assignment(exercises=[WORRY_TIME])), "--yes")
    assert_one_clear_sentence(result, "already has worry-time.yaml", "yours is kept")
    assert everything(cli.home) == before
    # The very same definition, already there, is simply used.
    mine.write_text(yaml.safe_dump(WORRY_TIME), encoding="utf-8")
    same = mine.read_bytes()
    shown = flat(cli.ok("assign", write(cli, assignment(exercises=[WORRY_TIME])), "--yes").output)
    assert "already in your exercises folder" in shown and mine.read_bytes() == same


def test_the_same_id_in_another_file_of_the_persons_is_refused(cli) -> None:
    folder = paths.user_exercises_dir()
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text(yaml.safe_dump(WORRY_TIME), encoding="utf-8")
    result = cli("assign", write(cli, assignment(exercises=[WORRY_TIME])), "--yes")
    assert_one_clear_sentence(result, "already has an exercise called 'worry-time'")
    assert not (folder / "worry-time.yaml").exists()


def test_it_asks_first_and_needs_yes_without_a_terminal(cli) -> None:
    before_goals = goals(cli)
    before = everything(cli.home)
    result = cli("assign", write(cli, assignment()))
    assert result.exit_code == 2 and "add --yes" in flat(result.output)
    assert "An assignment from Dr Sam Lee" in flat(result.stdout)  # shown before asking
    assert everything(cli.home) == before and goals(cli) == before_goals


def test_a_second_assignment_is_added_or_replaces_as_asked(cli) -> None:
    cli.ok("goal", "set", "grounding", "2/week")
    first = assignment(goals=[{"exercise": "thought-record", "per_week": 3},
                              {"exercise": "mood", "per_week": 7}])  # fmt: skip
    cli.ok("assign", write(cli, first, "first.yaml"), "--yes")
    second = assignment(**{"from": "Dr Kim Ito"},
                        goals=[{"exercise": "behavioural-activation", "per_week": 2}])  # fmt: skip
    path = write(cli, second, "second.yaml")
    before = everything(cli.home)
    result = cli("assign", path, "--yes")
    assert_one_clear_sentence(result, "You already have an assignment from Dr Sam Lee", "--add")
    assert result.exit_code == 2 and everything(cli.home) == before
    cli.ok("assign", path, "--yes", "--add")
    assert goals(cli) == {"grounding": 2, "thought-record": 3, "mood": 7,
                          "behavioural-activation": 2}  # fmt: skip
    third = assignment(**{"from": "Dr Ana Cruz"}, goals=[{"exercise": "mood", "per_week": 5}])
    shown = flat(cli.ok("assign", write(cli, third, "third.yaml"), "--yes", "--replace").output)
    assert "replace the assignment from Dr Sam Lee" in shown
    assert "end the weekly goals that assignment set: Activity plan, Thought record" in shown
    # The replaced assignments' goals end; the person's own stays; nothing is deleted.
    assert goals(cli) == {"grounding": 2, "mood": 5}
    listed = flat(cli.ok("assignments").output)
    assert listed.count("(replaced by a later one)") == 2 and listed.count("(current)") == 1


def test_a_goal_the_person_sets_becomes_theirs(cli) -> None:
    cli.ok("assign", write(cli, assignment()), "--yes")
    cli.ok("goal", "set", "thought-record", "4/week")
    third = assignment(goals=[{"exercise": "mood", "per_week": 5}])
    cli.ok("assign", write(cli, third, "next.yaml"), "--yes", "--replace")
    assert goals(cli) == {"thought-record": 4, "mood": 5}


def test_home_screen_shows_current_assignments_and_the_measures_they_ask_for(cli) -> None:
    from .helpers import dated_phq9

    cli.ok("assign", write(cli, assignment(measures=[{"id": "gad7", "every_days": 7}])), "--yes")
    home = flat(cli.ok().output)
    assert "Homework from Dr Sam Lee, until" in home and "`cbt assignments`" in home
    assert "Your therapist asked for the GAD-7 (anxiety questionnaire); `cbt measure gad7`" in home
    # How often follows the assignment: a PHQ-9 ten days ago is not due at 30 days, but is
    # at 7 (and without an assignment, after the usual two weeks).
    dated_phq9(8, days_ago=10)
    assert "PHQ-9" not in flat(cli.ok().output)
    every_30 = assignment(measures=[{"id": "phq9", "every_days": 30}])
    cli.ok("assign", write(cli, every_30, "b.yaml"), "--yes", "--replace")
    assert "PHQ-9" not in flat(cli.ok().output)
    every_7 = assignment(measures=[{"id": "phq9", "every_days": 7}])
    cli.ok("assign", write(cli, every_7, "c.yaml"), "--yes", "--replace")
    assert "It's been 10 days since your last PHQ-9" in flat(cli.ok().output)


def test_an_ended_assignment_leaves_the_home_screen(cli, frozen) -> None:
    cli.ok("assign", write(cli, assignment(until=until(3))), "--yes")
    assert "Homework from Dr Sam Lee" in flat(cli.ok().output)
    frozen.now += timedelta(days=4)
    assert "Homework from" not in flat(cli.ok().output)
    listed = flat(cli.ok("assignments").output)
    assert "(ended" in listed and "due now" not in listed and "this week 0" not in listed
    # No other assignment is current, so a new one is simply added.
    cli.ok("assign", write(cli, assignment(until=until(30)), "b.yaml"), "--yes")


def test_prep_has_an_assignments_section_in_every_format(cli, tmp_path) -> None:
    from pypdf import PdfReader

    cli.ok("assign", write(cli, assignment()), "--yes")
    cli.ok("do", "thought-record", "--answers", write(cli, THOUGHT_RECORD_ANSWERS, "t.yaml"))
    secret = {**THOUGHT_RECORD_ANSWERS, "situation": "SECRET"}
    cli.ok("do", "thought-record", "--answers", write(cli, secret, "s.yaml"))
    cli.ok("private", cli.json("journal", "--json")[0]["id"])
    day = now_local().date()
    short = f"{day:%a} {day.day} {day:%b}"
    texts = [cli.ok("prep", "--talk-about", "").output]
    for fmt in ("md", "html", "pdf"):
        target = tmp_path / f"prep.{fmt}"
        cli.ok("prep", "-f", fmt, "-o", str(target), "--talk-about", "")
        if fmt == "pdf":
            texts.append("\n".join(p.extract_text() for p in PdfReader(target).pages))
        else:
            texts.append(target.read_text(encoding="utf-8").replace("&#x27;", "'"))
    for text in texts:
        text = flat(text)
        assert "Assignments from my therapist" in text
        assert "From Dr Sam Lee, received" in text and "Three thought records" in text
        assert f"Thought record, 3 a week: done 1 ({short})" in text  # the private one left out
        assert "PHQ-9 (mood questionnaire), every 14 days: done 0 (not yet)" in text
    private = flat(cli.ok("prep", "--talk-about", "", "--include-private").output)
    assert f"Thought record, 3 a week: done 2 ({short}, {short})" in private


def test_assignments_with_none_yet(cli) -> None:
    assert "No assignments yet" in cli.ok("assignments").output


VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 400) | st.text(max_size=12) | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
KEYS = st.sampled_from(["from", "note", "until", "exercises", "goals", "measures", "other"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(fields=st.dictionaries(KEYS, VALUES, max_size=5))
def test_any_file_is_an_assignment_or_one_clear_refusal(fields: dict[str, Any]) -> None:
    from cbtcli.definitions.assignment_file import read_assignment
    from cbtcli.definitions.catalog import load_catalog
    from cbtcli.errors import CbtError

    data = {"kind": "cbt-assignment", "version": 1, **fields}
    text = yaml.safe_dump(data, allow_unicode=True)
    try:
        found = read_assignment(text, "f.yaml", load_catalog(), EXAMPLE_DAY.date())
    except CbtError as exc:
        assert str(exc).startswith("f.yaml ") and "\n" not in str(exc)
        return
    assert found.sender and (found.exercise_ids or found.goals or found.measures)


def test_in_a_terminal_it_asks_replace_or_add_then_yes(cbt_script: str, cli) -> None:
    import sqlite3

    import pexpect

    from .helpers import DOWN, ENTER, spawn

    # the console script runs on the real clock: no end date to pass
    cli.ok("assign", write(cli, assignment(until=None), "first.yaml"), "--yes")
    second = assignment(until=None, goals=[{"exercise": "mood", "per_week": 4}])
    second = write(cli, second, "second.yaml")
    child = spawn(cbt_script, cli.home, "assign", second)
    child.expect_exact("You already have an assignment from Dr Sam Lee")
    child.send(DOWN + ENTER)  # replace it
    child.expect_exact("replace the assignment from Dr Sam Lee")
    child.expect_exact("Add it?")
    child.send("n" + ENTER)
    child.expect_exact("Nothing was added.")
    child.expect(pexpect.EOF)
    child = spawn(cbt_script, cli.home, "assign", second)
    child.expect_exact("You already have an assignment")
    child.send(DOWN + ENTER)
    child.expect_exact("Add it?")
    child.send(ENTER)  # yes is the default
    child.expect_exact("Added.")
    child.expect(pexpect.EOF)
    conn = sqlite3.connect(cli.home / "journal.db")
    rows = conn.execute("SELECT replaced_at IS NULL FROM assignments ORDER BY rowid")
    assert [row[0] for row in rows] == [0, 1]
    assert conn.execute("SELECT exercise_id, per_week FROM goals").fetchall() == [("mood", 4)]
    conn.close()


def test_assignments_travel_in_the_json_export_and_come_back_whole(cli, tmp_path) -> None:
    cli.ok("goal", "set", "thought-record", "2/week")
    cli.ok("assign", str(EXAMPLE), "--yes")
    first = cli.json("export", "-f", "json", "-o", "-")
    [sent] = first["assignments"]
    assert sent["sender"] == "Dr Ada Okafor" and "worry time" in sent["file"]
    assert {g["exercise"]: g["assignment_id"] for g in first["goals"]} == {
        "thought-record": None,  # the person's own
        "worry-time": sent["id"],
        "mood": sent["id"],
    }
    path = tmp_path / "moving.json"
    path.write_text(json.dumps(first), encoding="utf-8")
    fresh = str(tmp_path / "new.db")
    assert "1 assignment" in flat(cli.ok("--db", fresh, "import", str(path)).output)
    again = cli.json("--db", fresh, "export", "-f", "json", "-o", "-")
    assert again["assignments"] == first["assignments"]
    assert again["goals"] == first["goals"]
    assert "nothing new" in flat(cli.ok("--db", fresh, "import", str(path)).output)
    listed = flat(cli.ok("--db", fresh, "assignments").output)
    assert "From Dr Ada Okafor" in listed


def test_a_broken_assignment_in_an_import_is_named(cli, tmp_path) -> None:
    cli.ok("assign", str(EXAMPLE), "--yes")
    exported = cli.json("export", "-f", "json", "-o", "-")
    exported["assignments"][0]["goals"] = "lots"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    fresh = tmp_path / "new.db"
    result = cli("--db", str(fresh), "import", str(path))
    assert result.exit_code == 1
    assert "Assignment 1 in the file" in flat(result.output) and "'goals'" in result.output
    assert not fresh.exists()
