"""Reminders: the files each scheduler gets, the tools run as the user, and a notification only
on a day with no practice, whose words never include what a person wrote (frozen clock)."""

from __future__ import annotations

import plistlib
import stat
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from cbtcli import reminders
from cbtcli.journal import AWAITING, open_journal
from cbtcli.reminders import check_today

TODAY = date(2026, 3, 11)  # a Wednesday
SECRET = "my sister's wedding in Leeds"


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def tool_log(tools: Path) -> str:
    log = tools / "tools.log"
    return log.read_text() if log.exists() else ""


def test_systemd_gets_a_user_timer_at_that_time_on_those_days(cli, tools, monkeypatch) -> None:
    monkeypatch.setenv("CBT_REMIND_WITH", "systemd")
    result = cli.ok("remind", "at", "20:00", "--days", "mon-fri")
    assert "20:00, mon, tue, wed, thu, fri" in result.output
    units = tools / "user" / ".config" / "systemd" / "user"
    timer = (units / "cbt-reminder.timer").read_text()
    service = (units / "cbt-reminder.service").read_text()
    assert "OnCalendar=Mon,Tue,Wed,Thu,Fri *-*-* 20:00:00" in timer
    assert "-m cbtcli remind check" in service
    for unit in units.iterdir():
        assert stat.S_IMODE(unit.stat().st_mode) == 0o600
    log = tool_log(tools)
    assert "systemctl --user daemon-reload" in log
    assert "systemctl --user enable --now cbt-reminder.timer" in log
    assert "sudo" not in log and "--system" not in log
    assert "Mon,Tue,Wed,Thu,Fri *-*-* 20:00:00" in cli.ok("remind", "list").output
    cli.ok("remind", "off")
    assert not list(units.iterdir())
    assert "systemctl --user disable --now cbt-reminder.timer" in tool_log(tools)


def test_cron_keeps_the_persons_own_lines_and_never_doubles_ours(cli, tools, monkeypatch) -> None:
    monkeypatch.setenv("CBT_REMIND_WITH", "cron")
    tab = tools / "crontab.txt"
    tab.write_text("0 3 * * * backup-my-photos\n")
    cli.ok("remind", "at", "7:30", "--days", "sat,sun")
    cli.ok("remind", "at", "21:05")
    lines = tab.read_text().splitlines()
    assert lines[0] == "0 3 * * * backup-my-photos"
    [ours] = [line for line in lines if "# cbt-reminder" in line]
    assert ours.startswith("5 21 * * 1,2,3,4,5,6,0 ") and "remind check" in ours
    assert "21 * *" in cli.ok("remind", "list").output
    cli.ok("remind", "off")
    assert tab.read_text().splitlines() == ["0 3 * * * backup-my-photos"]


def test_launchd_gets_an_agent_in_the_users_library(cli, tools, monkeypatch) -> None:
    monkeypatch.setenv("CBT_REMIND_WITH", "launchd")
    cli.ok("remind", "at", "08:15", "--days", "mon,wed")
    path = tools / "user" / "Library" / "LaunchAgents" / "org.cbtcli.reminder.plist"
    agent = plistlib.loads(path.read_bytes())
    assert agent["Label"] == "org.cbtcli.reminder"
    assert agent["ProgramArguments"][-3:] == ["-m", "cbtcli", "remind", "check"][-3:]
    assert agent["StartCalendarInterval"] == [
        {"Weekday": 1, "Hour": 8, "Minute": 15},
        {"Weekday": 3, "Hour": 8, "Minute": 15},
    ]
    assert f"launchctl load {path}" in tool_log(tools)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["25:00"], "not a time cbt understands"),
        (["20:00", "--days", "someday"], "not a list of days"),
    ],
)
def test_a_bad_time_or_day_is_one_sentence_and_sets_nothing(cli, tools, args, fragment) -> None:
    result = cli("remind", "at", *args)
    assert result.exit_code == 2 and fragment in result.stderr
    assert tool_log(tools) == ""


def test_never_set_up_as_root(cli, tools, monkeypatch) -> None:
    monkeypatch.setattr(reminders, "running_as_root", lambda: True)
    monkeypatch.setenv("CBT_REMIND_WITH", "cron")
    result = cli("remind", "at", "20:00")
    assert result.exit_code == 1 and "not root" in result.stderr
    assert tool_log(tools) == ""


def test_a_notification_only_on_a_day_with_no_practice(home, tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    with open_journal(path) as journal:
        journal.add_mood(6, note=SECRET, when=at(TODAY))
    assert check_today(path, TODAY) is None
    tomorrow = check_today(path, TODAY + timedelta(days=1))
    assert tomorrow is not None and "practice today" in tomorrow


def test_the_notification_names_what_is_due_but_never_what_was_written(home, tmp_path) -> None:
    path = tmp_path / "journal.db"
    with open_journal(path) as journal:
        entry = journal.start_entry("behavioural-experiment", 1, "Experiment", at(TODAY))
        entry.answers = {"prediction": SECRET}
        entry.status = AWAITING
        journal.save(entry, at(TODAY))
    text = check_today(path, TODAY + timedelta(days=2))
    assert text is not None and "1 review waiting" in text
    assert SECRET not in text and "Leeds" not in text and "Experiment" not in text


def test_no_journal_yet_still_reminds_and_creates_nothing(home, tmp_path: Path) -> None:
    path = tmp_path / "none.db"
    assert check_today(path, TODAY) is not None
    assert not path.exists()


def test_check_shows_the_notification_with_the_desktop_tool(cli, tools) -> None:
    cli.ok("remind", "check")
    log = tool_log(tools)
    assert log.startswith("notify-send --app-name=cbt cbt A few minutes of practice today?")
