"""Standard measures, reliable change, and the safety net around them."""

from __future__ import annotations

from textwrap import dedent

import pytest

from cbtcli import paths
from cbtcli.definitions.catalog import load_catalog
from cbtcli.guide import doing
from cbtcli.insights.measures import change, in_words
from cbtcli.journal import open_journal

from .helpers import (
    GAD7_ITEMS,
    PHQ9_ITEMS,
    answers_for,
    assert_one_clear_sentence,
    flat,
    piped_prompter,
)


def scoring(measure: str):
    return load_catalog().get(measure).questionnaire.scoring


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately severe"),
        (19, "moderately severe"),
        (20, "severe"),
        (27, "severe"),
    ],
)
def test_phq9_bands(home, total, band) -> None:
    assert scoring("phq9").band(total) == band


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "severe"),
        (21, "severe"),
    ],
)
def test_gad7_bands(home, total, band) -> None:
    assert scoring("gad7").band(total) == band


@pytest.mark.parametrize(
    ("measure", "first", "latest", "expected"),
    [
        # PHQ-9: caseness 10, reliable change 6
        (
            "phq9",
            16,
            8,
            dict(
                reliable_improvement=True,
                reliable_deterioration=False,
                recovery=True,
                reliable_recovery=True,
            ),
        ),
        (
            "phq9",
            20,
            14,
            dict(
                reliable_improvement=True,
                reliable_deterioration=False,
                recovery=False,
                reliable_recovery=False,
            ),
        ),
        (
            "phq9",
            11,
            9,
            dict(
                reliable_improvement=False,
                reliable_deterioration=False,
                recovery=True,
                reliable_recovery=False,
            ),
        ),
        (
            "phq9",
            9,
            3,
            dict(
                reliable_improvement=True,
                reliable_deterioration=False,
                recovery=False,
                reliable_recovery=False,
            ),
        ),
        (
            "phq9",
            8,
            14,
            dict(
                reliable_improvement=False,
                reliable_deterioration=True,
                recovery=False,
                reliable_recovery=False,
            ),
        ),
        (
            "phq9",
            12,
            7,
            dict(
                reliable_improvement=False,
                reliable_deterioration=False,
                recovery=True,
                reliable_recovery=False,
            ),
        ),
        (
            "phq9",
            12,
            17,
            dict(
                reliable_improvement=False,
                reliable_deterioration=False,
                recovery=False,
                reliable_recovery=False,
            ),
        ),
        # GAD-7: caseness 8, reliable change 4
        (
            "gad7",
            12,
            7,
            dict(
                reliable_improvement=True,
                reliable_deterioration=False,
                recovery=True,
                reliable_recovery=True,
            ),
        ),
        (
            "gad7",
            8,
            5,
            dict(
                reliable_improvement=False,
                reliable_deterioration=False,
                recovery=True,
                reliable_recovery=False,
            ),
        ),
        (
            "gad7",
            3,
            7,
            dict(
                reliable_improvement=False,
                reliable_deterioration=True,
                recovery=False,
                reliable_recovery=False,
            ),
        ),
        (
            "gad7",
            15,
            11,
            dict(
                reliable_improvement=True,
                reliable_deterioration=False,
                recovery=False,
                reliable_recovery=False,
            ),
        ),
        (
            "gad7",
            7,
            4,
            dict(
                reliable_improvement=False,
                reliable_deterioration=False,
                recovery=False,
                reliable_recovery=False,
            ),
        ),
    ],
)
def test_change_categories(home, measure, first, latest, expected) -> None:
    moved = change(first, latest, scoring(measure))
    assert {k: getattr(moved, k) for k in expected} == expected


def test_change_in_plain_words(home) -> None:
    phq9 = scoring("phq9")
    assert in_words("PHQ-9", change(16, 8, phq9), phq9) == (
        "Your PHQ-9 went from 16 to 8: a drop bigger than normal week-to-week ups and downs, "
        "and now below the usual threshold on this questionnaire."
    )
    assert "a rise bigger than normal" in in_words("PHQ-9", change(8, 14, phq9), phq9)
    assert in_words("PHQ-9", change(12, 10, phq9), phq9) == (
        "Your PHQ-9 went from 12 to 10: within normal week-to-week ups and downs."
    )
    assert "reliable" not in in_words("PHQ-9", change(12, 3, phq9), phq9)


def test_phq9_from_an_answers_file_scores_and_records(cli) -> None:
    path = cli.write_answers(
        answers_for(PHQ9_ITEMS, [2, 2, 1, 2, 1, 2, 1, 1, 0], difficulty="somewhat")
    )
    result = cli.ok("measure", "phq9", "--answers", str(path))
    text = flat(result.output)
    assert "Your first PHQ-9 score is 12, in the 'moderate' range on this questionnaire" in text
    assert text.index("score is 12") < text.index("Saved to your journal")
    assert "Support" not in result.output
    [entry] = cli.json("journal", "--json")
    assert entry["answers"]["difficulty"] == "somewhat" and entry["alerts"] == []
    assert "Score 12 of 27 (moderate)" in cli.ok("journal").output
    again = flat(cli.ok("do", "phq9", "--answers", str(path)).output)
    assert "Change is counted between scores at least a week apart" in again


def test_item_nine_shows_help_and_is_recorded_through_an_answers_file(cli, tmp_path) -> None:
    path = cli.write_answers(answers_for(PHQ9_ITEMS, [1, 1, 1, 1, 1, 1, 1, 1, "Several days"]))
    output = flat(cli.ok("measure", "phq9", "--answers", str(path)).output)
    assert "Thank you for answering honestly" in output
    assert "988" in output and "116 123" in output  # no region: the main lines, one each
    assert "findahelpline.com" in output
    [entry] = cli.json("journal", "--json")
    assert len(entry["alerts"]) == 1 and "Several days" in entry["alerts"][0]["reason"]
    md = tmp_path / "e.md"
    cli.ok("export", "-o", str(md))
    assert "Crisis resources were shown during this entry." in md.read_text(encoding="utf-8")


def test_item_nine_shows_help_right_after_that_answer_in_plain_prompts(cli) -> None:
    cli.ok("config", "set", "region", "uk")
    typed = "\n".join(["1", "1", "0", "0", "0", "0", "0", "0", "2", "3", ""]) + "\n"
    output = cli.ok("measure", "phq9", input=typed).output
    alert_at = output.index("Thank you for answering honestly")
    assert output.index("(9/9)") < alert_at < output.index("how difficult have these problems")
    assert "Samaritans" in output and "999" in output
    assert output.count("Thank you for answering honestly") == 1


def test_phq9_with_arrow_keys_and_an_alert_between_items(home) -> None:
    seen: list[str] = []
    catalog = load_catalog()
    keys = (
        "\r" * 8 + "\x1b[B\r" + "\r"
    )  # "Not at all" x8, then "Several days" for item 9, then difficulty
    with piped_prompter() as (pipe, prompter, _):
        pipe.send_text(keys)
        with open_journal() as journal:
            outcome = doing.start(journal, catalog.get("phq9"), prompter, alert=seen.append)
    assert outcome.entry.answers["phq9"]["self_harm"] == 1
    assert sum(outcome.entry.answers["phq9"].values()) == 1
    assert len(seen) == 1 and len(outcome.entry.alerts) == 1


def test_history_draws_after_three_scores(cli) -> None:
    for scores in (
        [3, 3, 2, 2, 2, 2, 1, 1, 0],
        [2, 2, 1, 1, 1, 1, 1, 1, 0],
        [1, 1, 1, 0, 1, 1, 0, 0, 0],
    ):
        cli.ok(
            "measure", "phq9", "--answers", str(cli.write_answers(answers_for(PHQ9_ITEMS, scores)))
        )
    output = cli.ok("measure", "history", "phq9").output
    text = flat(output)
    assert "16 / 27" in text and "10 / 27" in text and "5 / 27" in text
    assert "─ moderately severe" in output and "─ minimal" in output and "┤" in output
    assert "Change is counted between scores at least a week apart" in text  # all on one day
    summary = cli.json("summary", "--json")["measures"]
    assert summary[0]["id"] == "phq9" and summary[0]["first"] == 16 and summary[0]["latest"] == 5
    assert summary[0]["change"] is None


def write_user_exercise(name: str, text: str) -> None:
    folder = paths.user_exercises_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.yaml").write_text(dedent(text), encoding="utf-8")


def test_a_measure_defined_only_in_yaml_scores_correctly(cli, home) -> None:
    write_user_exercise(
        "phq2",
        """
            id: phq2
            title: PHQ-2
            steps:
              - id: phq2
                type: questionnaire
                prompt: Over the last 2 weeks, how often have you been bothered by
                options:
                  - {value: 0, label: Not at all}
                  - {value: 1, label: Several days}
                  - {value: 2, label: More than half the days}
                  - {value: 3, label: Nearly every day}
                items:
                  - {id: interest, text: Little interest or pleasure in doing things}
                  - {id: down, text: "Feeling down, depressed, or hopeless"}
                scoring:
                  bands: [{max: 2, label: below threshold}, {max: 6, label: above threshold}]
                  caseness: 3
                  reliable_change: 2
            """,
    )
    cli.ok(
        "do",
        "phq2",
        "--answers",
        str(cli.write_answers({"phq2": {"interest": 2, "down": "Nearly every day"}})),
    )
    cli.ok(
        "do",
        "phq2",
        "--answers",
        str(cli.write_answers({"phq2": {"interest": 1, "down": 0}}, "b.yaml")),
    )
    output = flat(cli.ok("measure", "history", "phq2").output)
    assert "5 / 6 above threshold" in output and "1 / 6 below threshold" in output
    assert "at least a week apart" in output  # the same day: not compared


def test_a_questionnaire_without_scoring_is_kept_but_has_no_history(cli, home) -> None:
    write_user_exercise(
        "checklist",
        """
            id: checklist
            title: Weekly checklist
            steps:
              - id: week
                type: questionnaire
                prompt: This week, how often did you
                options: [{value: 0, label: Never}, {value: 1, label: Sometimes}]
                items: [{id: walk, text: Go for a walk}]
            """,
    )
    result = cli.ok("do", "checklist", "--answers", str(cli.write_answers({"week": {"walk": 1}})))
    assert "Saved to your journal" in result.output and "score" not in result.output
    assert "No scores yet" in cli.ok("measure", "history").output
    assert_one_clear_sentence(
        cli("measure", "history", "checklist"),
        "'checklist' is not a scored questionnaire; the ones here are gad7, phq9.",
    )


@pytest.mark.parametrize(
    ("bad", "fragment"),
    [
        ({"interest": 4}, "4 is out of range"),
        ({"interest": "sometimes"}, "item 'interest'"),
        ({"nope": 1}, "'nope' is not one of the items"),
    ],
)
def test_bad_questionnaire_answers_save_nothing(cli, bad, fragment) -> None:
    answers = dict(zip(PHQ9_ITEMS, [0] * 9, strict=True)) | bad
    result = cli("measure", "phq9", "--answers", str(cli.write_answers({"phq9": answers})))
    assert_one_clear_sentence(result, fragment)
    assert cli.json("journal", "--json") == []


def test_help_now_by_region_and_with_a_safety_plan(cli) -> None:
    output = flat(cli.ok("help-now").output)
    assert (
        "cbt config set region" in output
        and "988" in output
        and "116 123" in output
        and "13 11 14" in output
    )
    cli.ok("config", "set", "region", "AU")
    output = flat(cli.ok("help-now").output)
    assert output.index("Lifeline") < output.index("Other countries") and "000" in output
    plan = {
        "warning_signs": ["Not sleeping"],
        "coping_strategies": ["Walk round the block"],
        "distractions": ["The library"],
        "people_to_ask": ["Mum 0400 000 000"],
        "professionals": ["Dr Lee 9999 1234"],
        "safe_environment": ["Doesn't apply to me"],
        "reasons_for_living": ["My dog"],
        "likelihood": 9,
    }
    cli.ok("do", "safety-plan", "--answers", str(cli.write_answers(plan)))
    output = flat(cli.ok("help-now").output)
    assert output.index("Your safety plan") < output.index("In danger now")
    assert "My dog" in output and "Mum 0400 000 000" in output


def test_a_long_helpline_wraps_under_its_own_start_in_a_narrow_terminal(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    lines = cli.ok("help-now").output.splitlines()
    start = next(i for i, line in enumerate(lines) if "988 Suicide & Crisis Lifeline" in line)
    assert lines[start].startswith("│   988") and "988lifeline.org" not in lines[start]
    assert lines[start + 1].startswith("│   ") and lines[start + 1][4] != " "


def test_help_now_works_even_when_the_journal_is_broken(cli, home) -> None:
    home.mkdir(parents=True)
    (home / "journal.db").write_text("not a database", encoding="utf-8")
    assert "988" in cli.ok("help-now").output


def test_config_rejects_an_unknown_region(cli) -> None:
    assert_one_clear_sentence(
        cli("config", "set", "region", "Atlantis"), "'Atlantis' is not a country code"
    )
    assert_one_clear_sentence(cli("config", "set", "colour", "blue"), "'colour' is not a setting")


def test_home_suggests_repeating_a_measure_after_two_weeks(cli, home, clock) -> None:
    cli.ok("measure", "gad7", "--answers", str(cli.write_answers(answers_for(GAD7_ITEMS, [1] * 7))))
    assert "since your last GAD-7" not in flat(cli.ok("today").output)
    clock.advance(days=15)
    assert "It's been 15 days since your last GAD-7" in flat(cli.ok("today").output)


def test_plain_prompts_go_back_one_questionnaire_item(cli) -> None:
    # 1, 2, then `<` at item 3 goes back to item 2 (its answer offered to keep), answered 3
    typed = "\n".join(["1", "2", "<", "3", "?", *["0"] * 7, "1", ""]) + "\n"
    output = cli.ok("measure", "phq9", input=typed).output
    assert "(2/9) Feeling down, depressed, or hopeless [Enter keeps 2]" in output
    assert "Answer for the last two weeks as a whole" in output  # `?` on item 3
    [entry] = cli.json("journal", "--json")
    assert entry["answers"]["phq9"]["interest"] == 1
    assert entry["answers"]["phq9"]["down"] == 3
    assert entry["answers"]["difficulty"] == "not-difficult"
