"""A phase with `repeat: true`: done again and again on one entry (the core-beliefs evidence
log), each round kept with its day, shown and exported, private steps withheld as anywhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from cbtcli import paths
from cbtcli.clock import now_local
from cbtcli.paths import builtin_exercises_dir

from .helpers import assert_one_clear_sentence, flat

EXAMPLES = builtin_exercises_dir() / "examples"


@pytest.fixture(autouse=True)
def frozen(clock):  # type: ignore[no-untyped-def]
    """Each day's evidence carries its date: the clock stands still so it is known."""
    return clock


def example(phase: str) -> str:
    return str(EXAMPLES / f"core-beliefs.{phase}.yaml")


def today_words() -> str:
    day = now_local().date()
    return f"{day:%a} {day.day} {day:%b %Y}"


@pytest.fixture
def logged(cli) -> str:
    """A core-beliefs entry with its belief and first evidence log written."""
    cli.ok("do", "core-beliefs", "--answers", example("belief"))
    entry_id = cli.json("journal", "--json")[0]["id"]
    cli.ok("review", entry_id, "--answers", example("log"))
    return entry_id


def rounds(cli, entry_id: str) -> list[dict]:
    return cli.json("show", entry_id, "--json")["answers"].get("@repeats", {}).get("log", [])


def test_a_days_evidence_is_added_again_before_and_after_re_rating(
    cli, logged, monkeypatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # labels on one line each, to find them whole
    cli.ok("review", logged, "--answers", example("log.again"))
    entry = cli.json("show", logged, "--json")
    assert entry["status"] == "awaiting"  # still waiting to be re-rated
    assert entry["answers"]["evidence"][0] == "Finished the tax form on time"  # the first day
    day = now_local().date().isoformat()
    assert rounds(cli, logged) == [
        {"day": day, "answers": yaml.safe_load(Path(example("log.again")).read_text())}
    ]
    cli.ok("review", logged, "--answers", example("rerate"))
    # Complete, and still open to a day's evidence: `cbt review` adds to the log.
    more = cli.write_answers({"evidence": ["Finished the run"]}, "more.yaml")
    cli.ok("review", logged, "--answers", str(more))
    assert [r["answers"]["evidence"] for r in rounds(cli, logged)][-1] == ["Finished the run"]
    assert cli.json("show", logged, "--json")["status"] == "complete"
    shown = flat(cli.ok("show", logged).output)
    assert "Evidence for the new belief," in shown and today_words() in shown  # a wrapped label
    exported = flat(cli.ok("export", "-f", "md", "-o", "-").output)
    assert f"Evidence for the new belief, {today_words()}" in exported
    assert "Sam asked for my advice on his CV" in shown and "Finished the run" in shown
    for fmt in ("md", "html", "csv"):
        exported = cli.ok("export", "-f", fmt, "-o", "-").output
        assert "Sam asked for my advice on his CV" in exported and "Finished the run" in exported


def test_in_a_terminal_the_person_chooses_another_day_or_the_next_phase(cli, logged) -> None:
    cli.ok("review", logged, input="1\nA kind word from Ana\n\n\n")
    assert rounds(cli, logged)[0]["answers"] == {"evidence": ["A kind word from Ana"]}
    cli.ok("review", logged, input="2\n60\n45\n50\n\n")
    assert cli.json("show", logged, "--json")["status"] == "complete"


def test_the_rounds_come_back_whole_from_an_export(cli, logged, tmp_path) -> None:
    cli.ok("review", logged, "--answers", example("log.again"))
    exported = tmp_path / "all.json"
    cli.ok("export", "-f", "json", "-o", str(exported))
    cli.ok("--db", str(tmp_path / "other.db"), "import", str(exported))
    again = tmp_path / "again.json"
    cli.ok("--db", str(tmp_path / "other.db"), "export", "-f", "json", "-o", str(again))
    first, second = (json.loads(p.read_text()) for p in (exported, again))
    assert first["entries"] == second["entries"]


def test_a_private_step_of_a_repeated_phase_stays_private(cli) -> None:
    folder = paths.user_exercises_dir()
    folder.mkdir(parents=True)
    (folder / "gratitude.yaml").write_text(
        yaml.safe_dump(
            {
                "id": "gratitude",
                "title": "Gratitude",
                "phases": [
                    {"id": "start", "steps": [{"id": "aim", "type": "text", "prompt": "Aim?"}]},
                    {
                        "id": "day",
                        "repeat": True,
                        "steps": [
                            {"id": "good", "type": "text", "prompt": "Good thing?"},
                            {"id": "secret", "type": "text", "prompt": "Just for you?",
                             "private": True},
                        ],
                    },
                ],
            }
        ),
        encoding="utf-8",
    )  # fmt: skip
    cli.ok("do", "gratitude", "--answers", str(cli.write_answers({"aim": "Notice more"})))
    entry_id = cli.json("journal", "--json")[0]["id"]
    day = {"good": "SHAREABLE WORDS", "secret": "HIDDEN WORDS"}
    cli.ok("review", entry_id, "--answers", str(cli.write_answers(day, "d1.yaml")))
    cli.ok("review", entry_id, "--answers", str(cli.write_answers(day, "d2.yaml")))
    assert len(cli.json("show", entry_id, "--json")["answers"]["@repeats"]["day"]) == 1
    for fmt in ("md", "json", "csv"):
        exported = cli.ok("export", "-f", fmt, "-o", "-").output
        assert exported.count("SHAREABLE WORDS") == 2, fmt
        assert "HIDDEN WORDS" not in exported, fmt
        everything = cli.ok("export", "-f", fmt, "-o", "-", "--include-private").output
        assert everything.count("HIDDEN WORDS") == 2, fmt


@pytest.mark.parametrize(
    "phases, problem",
    [
        ([{"id": "a", "repeat": True, "steps": [{"id": "x", "type": "text", "prompt": "X?"}]}],
         "the first phase cannot repeat"),
        ([{"id": "a", "steps": [{"id": "x", "type": "text", "prompt": "X?"}]},
          {"id": "b", "repeat": "often", "steps": [{"id": "y", "type": "text", "prompt": "Y?"}]}],
         "'repeat' must be true or false"),
    ],
)  # fmt: skip
def test_the_loader_checks_repeat(cli, tmp_path, phases, problem) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump({"id": "bad", "title": "Bad", "phases": phases}))
    result = cli("exercises", "validate", str(path))
    assert_one_clear_sentence(result, problem)


def test_a_complete_entry_without_a_repeatable_phase_still_says_so(cli) -> None:
    from .helpers import THOUGHT_RECORD_ANSWERS

    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(THOUGHT_RECORD_ANSWERS)))
    entry_id = cli.json("journal", "--json")[0]["id"]
    assert_one_clear_sentence(cli("review", entry_id), "already complete")


def test_words_of_risk_in_a_later_round_show_where_help_is_and_are_recorded(cli, logged) -> None:
    risky = cli.write_answers({"evidence": ["I want to kill myself"]}, "risky.yaml")
    result = cli.ok("review", logged, "--answers", str(risky))
    assert "Crisis lines" in flat(result.output)
    alerts = cli.json("show", logged, "--json")["alerts"]
    assert [a["step"] for a in alerts] == ["evidence"]
    assert rounds(cli, logged)[0]["answers"] == {"evidence": ["I want to kill myself"]}
