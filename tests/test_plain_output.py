"""Plain output, for screen readers and for anyone who asks (`--plain`, CBT_PLAIN=1, NO_COLOR):
no box-drawing or block characters anywhere, help in plain lines, and every chart told in one
line of words, in every mode."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from cbtcli.journal import open_journal

from .helpers import FROZEN_AT, PHQ9_ITEMS, THOUGHT_RECORD_ANSWERS, answers_for, flat

pytestmark = pytest.mark.usefixtures("clock")

BOXES = re.compile("[\u2500-\u259f]")  # box drawing, block elements and shades


def noon(days_ago: int) -> datetime:
    day = FROZEN_AT.date() - timedelta(days=days_ago)
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


@pytest.fixture
def journal_with_everything(cli) -> str:
    """Moods, a thought record, two PHQ-9 scores a fortnight apart, a ladder."""
    with open_journal() as journal:
        for days_ago, score in ((20, 4), (13, 5), (6, 5), (1, 6)):
            journal.add_mood(score, when=noon(days_ago))
    result = cli.ok(
        "do", "thought-record", "--answers", str(cli.write_answers(THOUGHT_RECORD_ANSWERS))
    )
    for scores in ([3, 3, 2, 2, 2, 2, 1, 1, 0], [1, 1, 1, 0, 1, 1, 0, 0, 0]):
        path = cli.write_answers(answers_for(PHQ9_ITEMS, scores))
        cli.ok("measure", "phq9", "--answers", str(path))
    ladder = {
        "goal": "Drive again",
        "ladder": {
            "name": "driving",
            "steps": [
                {"step": "Sit in the car", "suds": 20},
                {"step": "Drive round the block", "suds": 50},
            ],
        },
    }
    cli.ok("ladder", "new", "--answers", str(cli.write_answers(ladder, "ladder.yaml")))
    return re.search(r"cbt show (\w+)", result.output).group(1)


COMMANDS = [
    ["summary"],
    ["today"],
    ["journal"],
    ["help-now"],
    ["measure", "history"],
    ["ladder", "show", "driving"],
    ["ladder", "list"],
    ["patterns"],
    ["due"],
]


@pytest.mark.parametrize("how", ["--plain", "CBT_PLAIN", "NO_COLOR"])
def test_no_box_or_block_characters_in_plain_output(
    cli, monkeypatch, journal_with_everything, how
) -> None:
    entry = journal_with_everything
    if how != "--plain":
        monkeypatch.setenv(how, "1")
    flag = ["--plain"] if how == "--plain" else []
    for command in [*COMMANDS, ["show", entry]]:
        output = cli.ok(*command, *flag).output
        assert not BOXES.search(output), (command, output)
    # the alert panel, shown when a note speaks of suicide, keeps every number in plain lines
    alert = cli.ok("mood", "2", "-n", "I want to kill myself", *flag).output
    assert not BOXES.search(alert) and "988" in alert and "Support" in alert


def test_boxes_and_charts_by_default(cli, journal_with_everything) -> None:
    assert BOXES.search(cli.ok("summary").output)
    assert BOXES.search(cli.ok("show", journal_with_everything).output)


@pytest.mark.parametrize("plain", [True, False])
def test_every_chart_has_one_line_of_words(cli, journal_with_everything, plain) -> None:
    flag = ["--plain"] if plain else []
    summary = flat(cli.ok("summary", *flag).output)
    assert (
        "Mood (daily average, 0 to 10) rose from 4 to 6 over 3 weeks (lowest 4, highest 6)."
        in summary
    )
    # three check-ins a week apart share a weekday
    assert re.search(r"Calendar: practice on 5 of 30 days, most often on a \w+day\.", summary)
    history = flat(cli.ok("measure", "history", "phq9", *flag).output)
    assert "Your PHQ-9 fell from 16 to 5 on the same day (lowest 5, highest 16)." in history


def test_exported_charts_say_what_they_show(cli, journal_with_everything, tmp_path) -> None:
    page = tmp_path / "journal.html"
    cli.ok("export", "-f", "html", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    sentence = "Mood rose from 4 to 6 over 3 weeks (lowest 4, highest 6)."
    assert f'<p class="chart-words">{sentence}</p>' in html
    assert "<title>Mood (0 lowest, 10 best) rose from 4 to 6" in html  # read out for the image


@pytest.mark.parametrize("how", ["--plain", "CBT_PLAIN", "NO_COLOR"])
@pytest.mark.parametrize("command", [[], ["mood"], ["ladder"], ["export"]])
def test_help_in_plain_lines(cli, monkeypatch, how, command) -> None:
    if how != "--plain":
        monkeypatch.setenv(how, "1")
    args = [*command, "--help", *(["--plain"] if how == "--plain" else [])]
    output = cli.ok(*args).output
    assert not BOXES.search(output), output
    assert "Usage: cbt" in output and "Options:" in output
    if "Commands:" in output:  # descriptions are whole, not cut
        assert "..." not in output.split("Commands:")[-1]


def test_help_has_its_boxes_otherwise(cli) -> None:
    assert BOXES.search(cli.ok("--help").output)
