"""`cbt patterns`: each finding on a journal built for it, and nothing below the minimum."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from cbtcli.insights.pattern_words import stem, theme_words
from cbtcli.insights.patterns import MIN_OCCASIONS, find_patterns, strength
from cbtcli.journal import COMPLETE, Entry, open_journal

from .helpers import add_entry, flat

START = date(2025, 3, 3)  # a Monday
PERIOD = ("--since", "2025-01-01", "--until", "2025-12-31")


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour).astimezone()


def add(journal, exercise: str, day: date, answers: dict[str, Any], **extra: Any) -> Entry:
    when = at(day, extra.pop("hour", 12))
    return add_entry(journal, exercise, when, answers, extra.pop("status", COMPLETE), **extra)


def record(situation: str, traps: list[str], belief=(80, 30), feelings=None) -> dict[str, Any]:
    before = feelings or {"anxious": 80}
    return {
        "situation": situation,
        "emotions": before,
        "automatic_thoughts": ["t"],
        "hot_thought": "It will go wrong",
        "belief_before": belief[0],
        "distortions": traps,
        "evidence_against": ["e"],
        "balanced_thought": "b",
        "belief_after": belief[1],
        "emotions_after": {name: level // 2 for name, level in before.items()},
    }


def days(n: int) -> list[date]:
    return [START + timedelta(days=i) for i in range(n)]


@pytest.mark.parametrize(
    ("difference", "spread", "words"),
    [
        (0.0, 10.0, "none"),
        (1.9, 10.0, "none"),
        (2.0, 10.0, "small"),
        (-4.9, 10.0, "small"),
        (5.0, 10.0, "moderate"),
        (7.9, 10.0, "moderate"),
        (8.0, 10.0, "large"),
        (-30.0, 10.0, "large"),
        (3.0, 0.0, "large"),
        (0.0, 0.0, "none"),
    ],
)
def test_strength_words_follow_cohens_conventions(difference, spread, words) -> None:
    assert strength(difference, spread) == words


def test_thinking_traps_with_their_feelings_and_what_shifted(cli, home) -> None:
    with open_journal() as journal:
        for day in days(MIN_OCCASIONS):
            add(
                journal,
                "thought-record",
                day,
                record("x", ["mind-reading"], (90, 20), {"ashamed": 70}),
            )
            add(journal, "thought-record", day, record("x", ["catastrophising"], (90, 80)))
        for day in days(MIN_OCCASIONS - 1):  # one short of a pattern
            add(journal, "thought-record", day, record("x", ["labelling"], (90, 50)))
    data = cli.json("patterns", "--json", *PERIOD)
    traps = {t["id"]: t for t in data["traps"]["traps"]}
    assert set(traps) == {"mind-reading", "catastrophising"}
    assert traps["mind-reading"]["records"] == 5
    assert traps["mind-reading"]["belief_fall"] == 70
    assert traps["mind-reading"]["feeling_fall"] == 35
    assert traps["mind-reading"]["feelings"] == [{"name": "ashamed", "records": 5}]
    assert (traps["mind-reading"]["direction"], traps["catastrophising"]["direction"]) == (
        "more",
        "less",
    )
    assert data["traps"]["records"] == 14
    text = flat(cli.ok("patterns", *PERIOD).output)
    assert "Mind reading: 5 records, often with ashamed" in text
    assert "Labelling" not in text
    assert "Records that caught mind reading shifted your belief most" in text
    assert "Catastrophising shifted least" in text
    assert "you might look at it together with your therapist" in text
    assert "not a diagnosis" in text


def test_themes_count_each_record_once_and_name_people(cli, home) -> None:
    with open_journal() as journal:
        for day in days(MIN_OCCASIONS):
            add(
                journal,
                "thought-record",
                day,
                record("Lunch with Sarah after work, work work.", []),
            )
        for day in days(MIN_OCCASIONS - 1):
            add(journal, "thought-record", day, record("The train was late again.", []))
    data = cli.json("patterns", "--json", *PERIOD)
    words = {w["word"]: w for w in data["themes"]["words"]}
    assert words["work"]["records"] == 5  # three times in each, counted once per record
    assert words["Sarah"]["person"] is True and words["work"]["person"] is False
    assert words["work"]["feelings"][0]["name"] == "anxious"
    assert "train" not in words and "late" not in words  # four records: below the minimum
    assert "with" not in words and "the" not in words  # stop-words never count
    assert "The people you write about most: Sarah." in flat(cli.ok("patterns", *PERIOD).output)


def test_predictions_against_what_happened(cli, home) -> None:
    outcomes = ["yes", "partly", "no", "no", "no"]
    with open_journal() as journal:
        for day, outcome in zip(days(5), outcomes, strict=True):
            add(
                journal,
                "behavioural-experiment",
                day,
                {"prediction": "p", "belief_before": 80, "came_true": outcome, "belief_after": 20},
            )
        for day in days(4):  # exposures: one short of a pattern
            add(
                journal,
                "exposure",
                day,
                {"expectation_likelihood": 90, "feared_outcome_happened": "no"},
            )
    text = flat(cli.ok("patterns", *PERIOD).output)
    assert (
        "5 experiments: you believed your prediction 80 % on average; it came true in 1 of 5 "
        "(and partly in 1)." in text
    )
    assert "exposure practice" not in text
    data = cli.json("patterns", "--json", *PERIOD)
    assert data["predictions"] == [
        {"kind": "experiment", "times": 5, "happened": 1, "partly": 1, "average_rating": 80.0}
    ]


def test_rhythms_of_mood_and_practice(cli, home) -> None:
    with open_journal() as journal:
        for week in range(6):
            monday = START + timedelta(weeks=week)
            journal.add_mood(2, when=at(monday, 8))
            journal.add_mood(8, when=at(monday + timedelta(days=4), 19))
    data = cli.json("patterns", "--json", "--since", "2025-03-03", "--until", "2025-04-13")
    weekdays = {w["name"]: w for w in data["rhythms"]["weekdays"]}
    assert set(weekdays) == {"Monday", "Friday"}  # other days have no check-ins
    assert (weekdays["Monday"]["average"], weekdays["Friday"]["average"]) == (2, 8)
    assert weekdays["Friday"]["strength"] == "large"
    parts = {p["name"]: p["occasions"] for p in data["rhythms"]["parts_of_day"]}
    assert parts == {"morning": 6, "evening": 6}
    practice = {d["weekday"]: (d["days"], d["of"]) for d in data["rhythms"]["practice_weekdays"]}
    assert practice["Monday"] == (6, 6) and practice["Sunday"] == (0, 6)
    text = flat(cli.ok("patterns", "--since", "2025-03-03", "--until", "2025-04-13").output)
    assert "Your mood tends to be higher on Fridays than your usual 5 (a big difference)." in text
    assert "Your mood tends to be lower on Mondays than your usual 5 (a big difference)." in text
    assert "higher in the evening than your usual 5" in text
    assert "lower in the morning than your usual 5" in text
    assert "You practise most on Mondays (6 of 6) and least on" in text


def test_below_the_minimum_nothing_shows(cli, home) -> None:
    with open_journal() as journal:
        for day in days(MIN_OCCASIONS - 1):
            add(journal, "thought-record", day, record("Work again", ["mind-reading"]))
            journal.add_mood(5, when=at(day))
    result = cli.ok("patterns", *PERIOD)
    assert "No patterns to show yet" in flat(result.output)
    assert "at least 5 times" in flat(result.output)


def test_private_entries_stay_out_when_sharing(home) -> None:
    with open_journal() as journal:
        for day in days(MIN_OCCASIONS):
            add(journal, "thought-record", day, record("Sarah", ["mind-reading"]), private=True)
        shared = find_patterns(journal, date(2025, 1, 1), date(2025, 12, 31), False)
        own = find_patterns(journal, date(2025, 1, 1), date(2025, 12, 31), True)
    assert shared.traps is None and shared.themes is None
    assert own.traps is not None and own.traps.traps[0].records == 5


def test_private_steps_stay_out_of_the_patterns_an_export_shows(cli, home, clock, tmp_path) -> None:
    """The privacy rule decides here as for every answer: a situation private when it was
    written gives no word to an export's patterns, and its thinking traps still count."""
    with open_journal() as journal:
        for day in days(MIN_OCCASIONS):
            answers = record("Zanzibar meeting again", ["mind-reading"])
            add(journal, "thought-record", day, answers, private_steps=["situation"])
    shared = (tmp_path / "shared.md", ())
    everything = (tmp_path / "all.md", ("--include-private",))
    for target, options in (shared, everything):
        cli.ok("export", "-f", "md", *PERIOD, "-o", str(target), *options)
    assert "zanzibar" not in shared[0].read_text(encoding="utf-8").lower()
    assert "Mind reading: 5 records" in shared[0].read_text(encoding="utf-8")
    assert "- zanzibar: 5 records" in everything[0].read_text(encoding="utf-8")


def test_private_activities_and_predictions_stay_out_of_what_is_shared(
    cli, home, clock, tmp_path
) -> None:
    """An activity written in a private step, and an experiment whose prediction rating was
    private, give nothing to an export's patterns: neither the words nor the numbers."""
    with open_journal() as journal:
        for day in days(MIN_OCCASIONS):
            secret = {"activity": "Zanzibar clinic", "mood": 2}
            add(journal, "activity-monitoring", day, secret, private_steps=["activity"])
            add(journal, "activity-monitoring", day, {"activity": "Walk", "mood": 8}, hour=18)
            guess = {"prediction": "p", "belief_before": 90, "came_true": "no"}
            add(journal, "behavioural-experiment", day, guess, private_steps=["belief_before"])
    shared, everything = tmp_path / "shared.md", tmp_path / "all.md"
    cli.ok("export", "-f", "md", *PERIOD, "-o", str(shared))
    cli.ok("export", "-f", "md", *PERIOD, "-o", str(everything), "--include-private")
    kept, whole = (flat(p.read_text(encoding="utf-8")) for p in (shared, everything))
    assert "Zanzibar clinic" in whole and "Zanzibar" not in kept
    assert "90 % on average" in whole and "90 % on average" not in kept
    assert "Walk" in kept  # what is not private still counts


def test_plain_output_has_no_boxes(cli, home) -> None:
    with open_journal() as journal:
        for day in days(MIN_OCCASIONS):
            add(journal, "thought-record", day, record("x", ["mind-reading"]))
    output = cli.ok("patterns", "--plain", *PERIOD).output
    assert "THINKING TRAPS" in output
    assert not set(output) & set("╭╮╰╯│─┤└▁▂▃▄▅▆▇█")


def test_words_are_stemmed_and_the_language_guessed() -> None:
    assert [stem(w) for w in ("meetings", "worries", "calling", "called", "class")] == [
        "meet",
        "worry",
        "call",
        "call",
        "class",
    ]
    texts = {str(i): "Meeting my boss; meetings are hard" for i in range(5)}
    language, words = theme_words(texts, 5)
    assert language == "en"
    assert [w.text for w in words] == ["boss", "hard", "meeting"]  # equally common: a-z
    assert words[0].person and not words[2].person  # 'boss' is someone in a person's life
    german = {str(i): "Ich habe Angst vor dem Termin mit meinem Chef" for i in range(5)}
    language, words = theme_words(german, 5)
    assert language == "de"
    assert "ich" not in {w.text.lower() for w in words} and "Termin" in {w.text for w in words}


def test_fits_a_narrow_terminal(cli, home, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    with open_journal() as journal:
        for day in days(MIN_OCCASIONS):
            add(journal, "thought-record", day, record("Work with Sarah", ["mind-reading"]))
    output = cli.ok("patterns", *PERIOD).output
    assert "Mind reading" in output
    assert max(len(line) for line in output.splitlines()) <= 40


def test_an_even_rhythm_is_said_plainly(cli, home) -> None:
    with open_journal() as journal:
        for day in days(35):  # practice every day for five weeks: no weekday stands out
            journal.add_mood(5, when=at(day))
    output = flat(cli.ok("patterns", "--since", "2025-03-03", "--until", "2025-04-06").output)
    assert "Your mood is much the same on every weekday (from 35 check-ins)." in output
    assert "highest" not in output and "You practise most" not in output


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_exports_carry_a_patterns_section_of_what_is_shared(cli, home, tmp_path, fmt) -> None:
    with open_journal() as journal:
        for day in days(MIN_OCCASIONS):
            add(journal, "thought-record", day, record("Work with Sarah", ["mind-reading"]))
        for day in days(MIN_OCCASIONS):  # private: never counted in what is shared
            add(journal, "thought-record", day, record("Tom", ["labelling"]), private=True)

    def exported(*options: str) -> str:
        out = tmp_path / f"{len(options)}.{fmt}"
        cli.ok("export", "-f", fmt, "-o", str(out), "--force", *PERIOD, *options)
        if fmt != "pdf":
            return flat(out.read_text(encoding="utf-8"))
        from pypdf import PdfReader

        return flat(" ".join(page.extract_text() for page in PdfReader(out).pages))

    shared = exported()
    assert "Patterns" in shared and "Mind reading: 5 records" in shared
    assert "Labelling" not in shared and "Tom" not in shared
    assert "not a diagnosis" in shared
    assert "Labelling: 5 records" in exported("--include-private")
    assert "Mind reading: 5 records" not in exported("--flagged", "--include-private")


def test_activities_after_which_mood_is_higher_or_lower(cli, home, tmp_path) -> None:
    rows = ["full_date,date,weekday,time,mood,activities,note_title,note"]
    for n in range(10):
        day = START + timedelta(days=n)
        rows.append(f"{day},x,x,9:00 am,rad,walk | friends,,")  # 9
        rows.append(f"{day},x,x,9:00 pm,bad,work,,")  # 3
        rows.append(f"{day},x,x,1:00 pm,meh,,,")  # 5, no activity
    for n in range(4):
        rows.append(f"{START + timedelta(days=n)},x,x,2:00 pm,good,chess,,")  # 4 only
    path = tmp_path / "daylio.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    cli.ok("import", "--from", "daylio", str(path))
    data = cli.json("patterns", "--json", *PERIOD)["activities"]
    found = {f["label"]: f for f in data["findings"]}
    assert set(found) == {"walk", "friends", "work"}  # chess: 4 times, below the minimum
    assert found["walk"]["average_mood"] == 9 and found["walk"]["occasions"] == 10
    assert found["work"]["difference"] < 0 < found["walk"]["difference"]
    text = flat(cli.ok("patterns", *PERIOD).output)
    assert "After walk (activity, 10 times) your mood was 9" in text
    assert "lower than usual" in text


def test_prep_has_a_patterns_section_of_what_is_shared(cli, home) -> None:
    with open_journal() as journal:
        for day in days(MIN_OCCASIONS):
            add(journal, "thought-record", day, record("Work", ["mind-reading"]))
        for day in days(MIN_OCCASIONS):
            add(journal, "thought-record", day, record("Tom", ["labelling"]), private=True)
    text = flat(cli.ok("prep", "--since", "2025-01-01").output)
    assert "Patterns" in text and "Mind reading: 5 records" in text
    assert "Labelling" not in text
