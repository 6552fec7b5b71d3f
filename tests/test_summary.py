"""`cbt summary --json` figures checked exactly against journals with known content."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from cbtcli.journal import open_journal
from cbtcli.journal.ladders import record_practice, save_ladder, set_mastered

from .helpers import FROZEN_AT, add_entry, assert_one_clear_sentence, at, flat

pytestmark = pytest.mark.usefixtures("clock")
TODAY = FROZEN_AT.date()


def record(emotions, after, belief=(80, 40), traps=()) -> dict[str, Any]:
    return {
        "situation": "s",
        "emotions": emotions,
        "automatic_thoughts": ["t"],
        "hot_thought": "t",
        "belief_before": belief[0],
        "distortions": list(traps),
        "balanced_thought": "b",
        "belief_after": belief[1],
        "emotions_after": after,
    }


def test_an_empty_journal_is_friendly(cli) -> None:
    output = flat(cli.ok("summary").output)
    assert "Nothing to show for this period yet" in output
    data = cli.json("summary", "--json")
    assert data["mood"] is None and data["thought_records"] is None and data["practice"] is None
    assert data["period"]["days"] == 30
    assert data["period"]["until"] == TODAY.isoformat()


def test_mood_figures(cli, home) -> None:
    start = TODAY - timedelta(days=20)
    with open_journal() as journal:
        journal.add_mood(2, when=at(start, 9))
        journal.add_mood(4, when=at(start, 21))
        journal.add_mood(5, when=at(start + timedelta(days=3)))
        journal.add_mood(8, when=at(TODAY - timedelta(days=1)))
        journal.add_mood(7, when=at(TODAY))
        journal.add_mood(9, when=at(TODAY - timedelta(days=40)))  # before the period
    mood = cli.json("summary", "--json")["mood"]
    assert mood["check_ins"] == 5
    assert mood["average"] == 5.2
    assert (mood["lowest"], mood["highest"]) == (2, 8)
    assert mood["first_week_average"] == round((2 + 4 + 5) / 3, 1)
    assert mood["last_week_average"] == 7.5
    assert mood["change"] == round(7.5 - 11 / 3, 1)
    assert mood["resolution"] == "day"
    assert mood["points"][0] == {"date": start.isoformat(), "average": 3.0, "check_ins": 2}
    assert len(mood["points"]) == 4


def test_one_day_and_one_check_in_are_counted_in_the_singular(cli, home) -> None:
    with open_journal() as journal:
        journal.add_mood(6, when=at(TODAY))
    text = flat(cli.ok("summary", "--since", "today").output)
    assert "(1 day)" in text and "· 1 check-in" in text
    assert "1 days" not in text and "1 check-ins" not in text


def test_long_periods_use_weekly_averages(cli, home) -> None:
    with open_journal() as journal:
        for days_ago in range(0, 200, 3):
            journal.add_mood(5, when=at(TODAY - timedelta(days=days_ago)))
    mood = cli.json("summary", "--json", "--since", "6m")["mood"]
    assert mood["resolution"] == "week"
    assert all(date.fromisoformat(p["date"]).weekday() == 0 for p in mood["points"])
    # each point is the Monday of the week its check-ins fell in, and counts them all
    days = [TODAY - timedelta(days=d) for d in range(0, 200, 3)]
    since = date.fromisoformat(cli.json("summary", "--json", "--since", "6m")["period"]["since"])
    weeks: dict[str, int] = {}
    for day in days:
        if day >= since:
            monday = (day - timedelta(days=day.weekday())).isoformat()
            weeks[monday] = weeks.get(monday, 0) + 1
    assert {p["date"]: p["check_ins"] for p in mood["points"]} == weeks
    assert "Weekly average" in cli.ok("summary", "--since", "6m").output


def test_thought_record_figures(cli, home) -> None:
    day = TODAY - timedelta(days=2)
    with open_journal() as journal:
        add_entry(
            journal,
            "thought-record",
            at(day),
            record(
                {"anxious": 80, "sad": 30},
                {"anxious": 40, "sad": 20},
                (90, 30),
                ["mind-reading", "catastrophising"],
            ),
        )
        add_entry(
            journal,
            "thought-record",
            at(day, 15),
            record({"angry": 60}, {"angry": 50}, (70, 50), ["mind-reading"]),
        )
        add_entry(
            journal, "thought-record", at(day, 16), {"situation": "unfinished"}, status="draft"
        )
    records = cli.json("summary", "--json")["thought_records"]
    assert records["count"] == 2
    assert records["main_emotion_before"] == 70.0  # anxious 80 and angry 60
    assert records["main_emotion_after"] == 45.0  # anxious 40 and angry 50
    assert records["main_emotion_change"] == -25.0
    assert (records["belief_before"], records["belief_after"], records["belief_change"]) == (
        80.0,
        40.0,
        -40.0,
    )
    assert records["thinking_traps"] == [
        {"id": "mind-reading", "count": 2, "label": "Mind reading"},
        {"id": "catastrophising", "count": 1, "label": "Catastrophising"},
    ]
    assert records["feelings"] == [
        {"name": "angry", "count": 1},
        {"name": "anxious", "count": 1},
        {"name": "sad", "count": 1},
    ]
    text = flat(cli.ok("summary").output)
    assert "80 % → 40 % (-40)" in text and "Mind reading (2)" in text


def test_practice_days_and_streaks(cli, home) -> None:
    with open_journal() as journal:
        for days_ago in (0, 1, 2, 5, 6, 7, 8, 9, 40):
            journal.add_mood(5, when=at(TODAY - timedelta(days=days_ago)))
        add_entry(journal, "problem-solving", at(TODAY - timedelta(days=12)), {"problem": "p"})
    practice = cli.json("summary", "--json")["practice"]
    assert practice["days_practised"] == 9
    assert practice["current_streak"] == 3
    assert practice["longest_streak"] == 5
    assert practice["practised_today"] is True
    assert practice["per_exercise"] == {"problem-solving": 1}
    assert practice["mood_check_ins"] == 8
    assert {c["date"] for c in practice["calendar"]} == {
        (TODAY - timedelta(days=d)).isoformat() for d in (0, 1, 2, 5, 6, 7, 8, 9, 12)
    }


def test_a_streak_begun_before_the_period_counts_whole(cli, home) -> None:
    with open_journal() as journal:
        for days_ago in range(40):
            journal.add_mood(5, when=at(TODAY - timedelta(days=days_ago)))
        for days_ago in range(50, 70):
            journal.add_mood(5, when=at(TODAY - timedelta(days=days_ago)))
    practice = cli.json("summary", "--json", "--since", "7d")["practice"]
    # 7d is seven days, today among them
    assert (practice["days_practised"], practice["current_streak"]) == (7, 40)
    assert practice["longest_streak"] == 40
    until = (TODAY - timedelta(days=45)).isoformat()
    earlier = cli.json("summary", "--json", "--since", "60d", "--until", until)["practice"]
    assert earlier["days_practised"] == 10 and earlier["longest_streak"] == 20  # 59..50 days ago


@pytest.mark.parametrize(("columns", "since"), [(100, "30d"), (100, "1y"), (50, "1y")])
def test_the_practice_calendar_fits_the_terminal_under_its_months(
    cli, home, monkeypatch, columns, since
) -> None:
    with open_journal() as journal:
        for days_ago in range(0, 360, 3):
            journal.add_mood(5, when=at(TODAY - timedelta(days=days_ago)))
    monkeypatch.setenv("COLUMNS", str(columns))
    lines = cli.ok("summary", "--since", since).output.splitlines()
    assert max(len(line) for line in lines) <= columns
    rows = [line for line in lines if line.startswith(("│ Mon ", "│ Sun "))]
    assert len(rows) == 2  # one line a weekday: nothing wrapped
    months = lines[lines.index(rows[0]) - 1]
    assert f"{TODAY:%b}" in months
    if since == "1y" and columns == 100:
        last_year = [TODAY.replace(day=1) - timedelta(days=31 * n) for n in range(1, 11)]
        assert all(f"{day:%b}" in months for day in last_year)


def test_a_streak_survives_until_a_whole_day_is_missed(cli, home) -> None:
    with open_journal() as journal:
        for days_ago in (1, 2):
            journal.add_mood(5, when=at(TODAY - timedelta(days=days_ago)))
    assert cli.json("summary", "--json")["practice"]["current_streak"] == 2


def test_days_are_local_days_across_dst_and_time_zones(cli, home) -> None:
    # The UK's clocks went forward on 29 March 2026: GMT (+0) to BST (+1).
    with open_journal() as journal:
        journal.add_mood(4, when=at(date(2026, 3, 28), 23, 30, 0))
        journal.add_mood(5, when=at(date(2026, 3, 29), 23, 30, 1))
        # 00:30 BST on the 30th is 23:30 UTC on the 29th: it still counts for the 30th
        journal.add_mood(6, when=at(date(2026, 3, 30), 0, 30, 1))
        # a trip to Tokyo: 00:30 on the 31st there is still the 30th in UTC
        add_entry(
            journal, "problem-solving", at(date(2026, 3, 31), 0, 30, 9), {"problem": "jet lag"}
        )
    data = cli.json("summary", "--json", "--since", "2026-03-27", "--until", "2026-04-02")
    practice = data["practice"]
    assert [c["date"] for c in practice["calendar"]] == [
        "2026-03-28",
        "2026-03-29",
        "2026-03-30",
        "2026-03-31",
    ]
    assert practice["longest_streak"] == 4
    assert practice["days_practised"] == 4
    assert [p["date"] for p in data["mood"]["points"]] == ["2026-03-28", "2026-03-29", "2026-03-30"]


def test_experiments_and_ladders(cli, home) -> None:
    day = TODAY - timedelta(days=1)
    with open_journal() as journal:
        add_entry(
            journal,
            "behavioural-experiment",
            at(day),
            {"prediction": "p", "belief_before": 90, "belief_after": 30},
        )
        add_entry(
            journal,
            "behavioural-experiment",
            at(day, 13),
            {"prediction": "q", "belief_before": 60, "belief_after": 40},
        )
        add_entry(
            journal,
            "behavioural-experiment",
            at(day, 14),
            {"prediction": "r", "belief_before": 70},
            status="awaiting",
        )
        steps = [
            {"id": "a", "text": "Sit in the car", "suds": 20},
            {"id": "b", "text": "Drive", "suds": 60},
        ]
        save_ladder(journal, "L1", "driving", steps, None, at(day))
        set_mastered(journal, "L1", "a", at(day))
        practice = add_entry(journal, "exposure", at(day, 15), {"suds_peak": 35})
        record_practice(journal, practice.id, "L1", "b", 35, at(day, 15))
    data = cli.json("summary", "--json")
    assert data["experiments"] == {
        "awaiting_review": 1,
        "reviewed": 2,
        "average_belief_change": -40.0,
    }
    assert data["ladders"] == [{"name": "driving", "steps": 2, "mastered": 1, "latest_peak": 35}]
    text = flat(cli.ok("summary").output)
    assert "Ladder 'driving': 1 of 2 steps mastered, latest peak distress 35" in text


def test_goals_show_this_weeks_progress(cli, home) -> None:
    monday = TODAY - timedelta(days=TODAY.weekday())
    with open_journal() as journal:
        add_entry(journal, "thought-record", at(monday, 8), record({"sad": 50}, {"sad": 30}))
        add_entry(
            journal,
            "thought-record",
            at(monday - timedelta(days=1)),
            record({"sad": 50}, {"sad": 30}),
        )
        journal.add_mood(6, when=at(monday, 9))
    cli.ok("goal", "set", "thought-record", "3/week")
    cli.ok("goal", "set", "mood", "1 per week")
    goals = cli.json("summary", "--json")["practice"]["goals"]
    assert goals == [
        {"exercise": "mood", "per_week": 1, "done_this_week": 1, "met": True},
        {"exercise": "thought-record", "per_week": 3, "done_this_week": 1, "met": False},
    ]
    assert "Thought record: 1 of 3 this week" in flat(cli.ok("goal", "list").output)
    assert "Thought record: 1 of 3 this week" in flat(cli.ok("today").output)
    cli.ok("goal", "remove", "mood")
    assert len(cli.json("summary", "--json")["practice"]["goals"]) == 1


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["goal", "set", "thought-record", "lots"], ["like 3/week"]),
        (["goal", "set", "thought-record", "0/week"], ["from 1 to 50"]),
        (["goal", "set", "nonsense", "2/week"], ["no exercise called 'nonsense'"]),
        (["goal", "remove", "thought-record"], ["no goal for 'thought-record'"]),
        (["summary", "--since", "yesterday-ish"], ["is not a --since date"]),
        (["summary", "--since", "2026-13-01"], ["is not a --since date"]),
        (["summary", "--exercise", "nope"], ["no exercise called 'nope'"]),
    ],
)
def test_bad_summary_and_goal_input(cli, args, fragments) -> None:
    assert_one_clear_sentence(cli(*args), *fragments)


def test_summary_filters_by_exercise(cli, home) -> None:
    with open_journal() as journal:
        journal.add_mood(5, when=at(TODAY))
        add_entry(journal, "thought-record", at(TODAY), record({"sad": 50}, {"sad": 30}))
    data = cli.json("summary", "--json", "--exercise", "thought-record")
    assert data["mood"] is None and data["thought_records"]["count"] == 1
    data = cli.json("summary", "--json", "--exercise", "mood")
    assert data["mood"]["check_ins"] == 1 and data["thought_records"] is None


def test_plain_output_has_no_box_drawing(cli, home) -> None:
    with open_journal() as journal:
        journal.add_mood(5, when=at(TODAY))
    output = cli.ok("summary", "--plain").output
    assert "MOOD" in output and TODAY.isoformat() in output
    assert not set("╭╮╰╯│─┤└█") & set(output)


def test_today_quiet_speaks_only_before_practice(cli, home) -> None:
    assert "Whenever you're ready:" in cli.ok("today", "--quiet").output
    cli.ok("mood", "6")
    assert cli.ok("today", "--quiet").output == ""


def test_home_screen_lists_commands_when_not_a_terminal(cli, home) -> None:
    cli.ok("mood", "6")
    output = flat(cli.ok().output)
    assert "You've practised today" in output and "Streak: 1 day" in output
    assert "Last mood: 6/10" in output
    assert "cbt do thought-record" in output and "cbt help-now" in output


def test_practice_days_follow_deletes_and_reviews(cli, home) -> None:
    from .helpers import EXPERIMENT_PLAN, EXPERIMENT_REVIEW

    cli.ok("do", "behavioural-experiment", "--answers", str(cli.write_answers(EXPERIMENT_PLAN)))
    [entry] = cli.json("journal", "--json")
    assert cli.json("summary", "--json")["practice"]["days_practised"] == 1  # the plan counts
    cli.ok("review", entry["id"], "--answers", str(cli.write_answers(EXPERIMENT_REVIEW, "r.yaml")))
    assert cli.json("summary", "--json")["practice"]["calendar"] == [
        {"date": TODAY.isoformat(), "count": 1}
    ]
    cli.ok("delete", entry["id"], "--yes")
    assert cli.json("summary", "--json")["practice"] is None


def test_thinking_traps_keep_their_labels_from_the_exercise(cli) -> None:
    from .helpers import THOUGHT_RECORD_ANSWERS

    answers = {**THOUGHT_RECORD_ANSWERS, "distortions": ["all-or-nothing", "should-statements"]}
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(answers)))
    traps = cli.json("summary", "--json")["thought_records"]["thinking_traps"]
    assert {t["label"] for t in traps} == {"All-or-nothing thinking", '"Should" statements'}


def test_a_change_is_worked_out_before_rounding(cli, home) -> None:
    # beliefs average 83.75 before and 31.25 after: shown as 83.8 and 31.2, a change of -52.5
    with open_journal() as journal:
        for day, before, after in ((1, 85, 30), (2, 85, 35), (3, 80, 30), (4, 85, 30)):
            add_entry(
                journal,
                "thought-record",
                at(TODAY - timedelta(days=day)),
                record({"anxious": 70}, {"anxious": 40}, belief=(before, after)),
            )
    records = cli.json("summary", "--json")["thought_records"]
    assert records["belief_before"] == 83.8 and records["belief_after"] == 31.2
    assert records["belief_change"] == -52.5
    assert "Belief in the hot thought: 83.8 % → 31.2 % (-52.5)" in flat(cli.ok("summary").output)


@pytest.mark.parametrize("since", ["30d", "3m", "1y", "2y", "3y"])
def test_traps_and_feelings_are_counted_alike_whichever_index_reads_them(cli, home, since) -> None:
    """Short spans count in day order and long ones in item order: the same counts either way,
    and on a journal without the day-ordered indexes."""
    import random
    import sqlite3

    pick = random.Random(3)
    traps = ["mind-reading", "catastrophising", "labelling", "should-statements"]
    with open_journal() as journal:
        for n in range(120):
            feelings = {name: pick.randint(10, 90) for name in pick.sample(["sad", "anxious"], 1)}
            add_entry(
                journal,
                "thought-record",
                at(TODAY - timedelta(days=n * 7 % 900), 8 + n % 10),
                record(feelings, feelings, traps=pick.sample(traps, pick.randint(0, 3))),
                status="complete" if n % 9 else "draft",
            )
    figures = ["thinking_traps", "feelings"]
    indexed = cli.json("summary", "--json", "--since", since)["thought_records"]
    conn = sqlite3.connect(home / "journal.db")
    conn.execute("DROP INDEX choices_by_day")
    conn.execute("DROP INDEX ratings_items_by_day")
    conn.commit()
    conn.close()
    plain = cli.json("summary", "--json", "--since", since)["thought_records"]
    assert indexed is not None and plain is not None
    assert [indexed[f] for f in figures] == [plain[f] for f in figures]
    assert indexed["thinking_traps"] and indexed["feelings"]
