"""The exercises from DBT, ACT, mindfulness, IPT, trauma-safe and reflective work: each one's
branches (`when`) and ratings, the catalogue by approach, and supervised exercises."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from cbtcli.definitions.catalog import Catalog, ListFinder, list_folders
from cbtcli.guide.engine import Ask, walk
from cbtcli.guide.prompters.scripted import ScriptedPrompter
from cbtcli.paths import builtin_exercises_dir

from .helpers import flat

EXAMPLES = builtin_exercises_dir() / "examples"


class Recording(ScriptedPrompter):
    """Answers from a mapping, noting each step shown or asked."""

    def __init__(self, answers: dict[str, Any]) -> None:
        super().__init__(answers)
        self.seen: list[str] = []

    def show_info(self, step: Any, text: str) -> None:
        self.seen.append(step.id)

    def ask(self, request: Ask) -> Any:
        self.seen.append(request.step.id)
        return super().ask(request)


def run(exercise_id: str, changes: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """Walk every phase from the examples with `changes`; returns the steps met and answers."""
    exercise = Catalog(builtin_exercises_dir(), ListFinder(list_folders())).get(exercise_id)
    prompter = Recording({})
    answers: dict[str, Any] = {}
    for index, phase in enumerate(exercise.phases):
        name = exercise_id if len(exercise.phases) == 1 else f"{exercise_id}.{phase.id}"
        given = yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
        prompter.answers = {**given, **changes}
        answers = walk(exercise, index, prompter, answers)
    return prompter.seen, answers


BRANCHES = [
    # exercise, answers changed, steps met, steps not met
    ("chain-analysis", {"kind": "harm"}, ["with_therapist", "links"], []),
    ("chain-analysis", {}, ["links"], ["with_therapist"]),
    ("opposite-action", {}, ["opposite_body", "opposite_face"], ["instead"]),
    (
        "opposite-action",
        {"fits_facts": "yes", "effective": "yes", "choose": "problem_solve", "instead": "Ask"},
        ["instead"],
        ["opposite_body", "opposite_face", "opposite_words"],
    ),
    ("tipp", {}, ["breathe"], ["caution", "how_temperature"]),
    ("tipp", {"skill": "temperature"}, ["caution", "how_temperature"], ["breathe"]),
    ("tipp", {"skill": "intense-exercise"}, ["caution", "how_exercise"], ["how_temperature"]),
    ("tipp", {"skill": "paired-relaxation"}, ["how_relaxation"], ["caution"]),
    ("values-action", {}, ["what_happened", "got_in_the_way"], []),
    ("values-action", {"did_it": "no"}, ["got_in_the_way"], ["what_happened"]),
    ("values-action", {"did_it": "yes"}, ["what_happened"], ["got_in_the_way"]),
    ("defusion", {}, ["story_name", "towards_step"], ["having_practice", "stream_practice"]),
    ("defusion", {"technique": "having"}, ["having_practice"], ["story_name"]),
    (
        "defusion",
        {"technique": "stream", "workability": "towards"},
        ["stream_practice"],
        ["towards_step"],
    ),
    ("breathing-space", {}, ["awareness", "gathering", "expanding"], ["hard_note"]),
    ("breathing-space", {"how_it_went": "hard"}, ["hard_note"], []),
    ("interpersonal-inventory", {}, ["old_role_good", "skills_support"], ["abuse_note"]),
    (
        "interpersonal-inventory",
        {"focus": "dispute", "dispute_about": "Who looks after Mum"},
        ["abuse_note", "dispute_about"],
        ["old_role_good", "grief_missing"],
    ),
    (
        "interpersonal-inventory",
        {"focus": "grief", "grief_missing": "Her laugh"},
        ["grief_missing"],
        ["abuse_note"],
    ),
    (
        "interpersonal-inventory",
        {"focus": "isolation", "isolation_step": "Text Jo"},
        ["isolation_step"],
        [],
    ),
    ("grounding", {}, ["safe_now", "feet"], ["more_help"]),
    ("grounding", {"still_high": "yes"}, ["more_help"], []),
    ("core-beliefs", {}, ["evidence", "old_after"], ["history_note"]),
    ("core-beliefs", {"want_history": "therapist"}, ["history_note"], []),
    ("body-sensations", {}, ["helped"], ["checking_note"]),
    ("body-sensations", {"worry_illness": "yes"}, ["checking_note"], []),
    ("relationship-pattern", {}, ["difference"], []),
    ("relationship-pattern", {"as_expected": "yes"}, ["pattern"], ["difference"]),
]


@pytest.mark.parametrize(("exercise_id", "changes", "met", "not_met"), BRANCHES)
def test_branches(exercise_id: str, changes: dict, met: list[str], not_met: list[str]) -> None:
    seen, answers = run(exercise_id, changes)
    for step in met:
        assert step in seen, f"{step} was not reached"
    for step in not_met:
        assert step not in seen and step not in answers, f"{step} should be skipped"


def test_the_abuse_line_comes_before_any_dispute_work() -> None:
    seen, _ = run("interpersonal-inventory", {"focus": "dispute", "dispute_about": "x"})
    assert seen.index("abuse_note") < seen.index("dispute_about")


RATINGS = [
    ("chain-analysis", "Urge at its strongest", "80 / 100"),
    ("opposite-action", "Intensity afterwards", "70 / 100 → 40 / 100"),
    ("tipp", "Distress after", "85 / 100 → 55 / 100"),
    ("defusion", "Believability after", "80 % → 55 %"),
    ("breathing-space", "How I feel after", "3 / 10 → 5 / 10"),
    ("interpersonal-inventory", "Satisfaction", "6 / 10"),
    ("grounding", "Distress after", "7 / 10 → 4 / 10"),
    ("body-sensations", "Intensity now", "6 / 10 → 4 / 10"),
    ("relationship-pattern", "How familiar it feels", "8 / 10"),
    ("historical-test", "Belief now", "55 %"),
]


@pytest.mark.parametrize(("exercise_id", "label", "shown"), RATINGS)
def test_ratings_are_shown_on_their_scale(cli, exercise_id: str, label: str, shown: str) -> None:
    cli.ok("do", exercise_id, "--answers", str(EXAMPLES / f"{exercise_id}.yaml"))
    entry_id = cli.json("journal", "--json")[0]["id"]
    text = flat(cli.ok("show", entry_id).output)
    assert f"{label} {shown}" in text


def test_phased_ratings_compare_with_the_first_phase(cli) -> None:
    cli.ok("do", "core-beliefs", "--answers", str(EXAMPLES / "core-beliefs.belief.yaml"))
    entry_id = cli.json("journal", "--json")[0]["id"]
    cli.ok("review", entry_id, "--answers", str(EXAMPLES / "core-beliefs.log.yaml"))
    cli.ok("review", entry_id, "--answers", str(EXAMPLES / "core-beliefs.rerate.yaml"))
    text = flat(cli.ok("show", entry_id).output)
    assert "Old belief, after 80 % → 60 %" in text
    assert "New belief, after 25 % → 45 %" in text


def test_exercises_are_listed_by_approach_and_filtered_by_tag(cli) -> None:
    listing = flat(cli.ok("exercises").output)
    order = ["CBT", "DBT skills", "ACT", "Mindfulness", "Interpersonal", "Trauma-safe"]
    places = [listing.index(heading) for heading in order]
    assert places == sorted(places)
    assert "chain-analysis" in listing and "(best with a therapist)" in listing

    dbt = flat(cli.ok("exercises", "--tag", "DBT").output)
    assert {"chain-analysis", "opposite-action", "tipp"} <= set(dbt.split())
    listed = dbt.split("Start one with")[0]
    assert "thought-record" not in listed and "defusion" not in listed

    result = cli("exercises", "--tag", "astrology")
    assert result.exit_code == 2
    assert "No exercise has the tag 'astrology'" in flat(result.output)


def test_every_builtin_exercise_names_its_approach() -> None:
    from cbtcli.definitions.catalog import approach_of, exercise_files

    catalog = Catalog(builtin_exercises_dir(), ListFinder(list_folders()))
    for path in exercise_files(builtin_exercises_dir()):
        assert approach_of(catalog.get(path.stem)), f"{path.stem} has no approach tag"


def test_a_supervised_exercise_opens_by_saying_so(cli) -> None:
    piped = "\n" * 3
    result = cli("do", "chain-analysis", input=piped)
    assert "best done with a therapist" in flat(result.output)
    unsupervised = cli("do", "tipp", input=piped)
    assert "best done with a therapist" not in flat(unsupervised.output)


def test_new_exercises_never_ask_about_method_or_the_trauma_itself() -> None:
    """A guard on wording: no prompt asks how harm was done or what the trauma was."""
    for name in ("chain-analysis", "grounding", "historical-test"):
        text = (builtin_exercises_dir() / f"{name}.yaml").read_text(encoding="utf-8").lower()
        prompts = [line for line in text.splitlines() if line.strip().startswith("prompt:")]
        for line in prompts:
            assert "how did you" not in line and "what happened to you" not in line, line
