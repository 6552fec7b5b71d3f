"""A daily reminder: a desktop notification at a chosen time, only on days nothing was practised.

The schedule is the person's own (a systemd user timer, a crontab line, or a launchd agent on
macOS): nothing runs as root and nothing leaves the machine. At the chosen time the scheduler
runs `cbt remind check`, which looks at the journal and, if nothing was practised today, shows a
notification. Its words are counts and the names of cbt's own exercises, never anything a person
wrote: a notification can be read by anyone glancing at the screen."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import CbtError, Locked, UsageError
from .terminal.invocation import command as cbt_command

if TYPE_CHECKING:
    from .insights.summary import HomeFacts

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SYSTEMD_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
UNIT = "cbt-reminder"
CRON_MARK = "# cbt-reminder"
LAUNCHD_LABEL = "org.cbtcli.reminder"
TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
NOTHING_YET = "A few minutes of practice today? Run cbt when you're ready."
# An encrypted journal whose key is not at hand: nothing is known of today, so no assumption.
UNREAD = "A few minutes of practice today, if you haven't yet? Run cbt when you're ready."


@dataclass(frozen=True)
class Schedule:
    hour: int
    minute: int
    days: tuple[int, ...]  # 0 = Monday

    def describe(self) -> str:
        names = "every day" if len(self.days) == 7 else ", ".join(DAYS[d] for d in self.days)
        return f"{self.hour:02d}:{self.minute:02d}, {names}"


def parse_schedule(time_text: str, days_text: str | None) -> Schedule:
    match = TIME.match(time_text.strip())
    if not match:
        raise UsageError(f"'{time_text}' is not a time cbt understands; use HH:MM, like 20:00.")
    return Schedule(int(match.group(1)), int(match.group(2)), parse_days(days_text or "mon-sun"))


def parse_days(text: str) -> tuple[int, ...]:
    """`mon-fri`, `sat,sun`, `mon,wed-fri` or `daily`."""
    value = text.strip().lower()
    if value in ("daily", "every day", "all"):
        return tuple(range(7))
    chosen: set[int] = set()
    for part in value.split(","):
        first, _, last = part.strip().partition("-")
        try:
            start = DAYS.index(first[:3])
            end = DAYS.index(last[:3]) if last else start
        except ValueError:
            raise UsageError(
                f"'{text}' is not a list of days cbt understands; use, for example, mon-fri or "
                "sat,sun."
            ) from None
        index = start
        while True:
            chosen.add(index)
            if index == end:
                break
            index = (index + 1) % 7
    return tuple(sorted(chosen))


def reminder_text(facts: HomeFacts) -> str | None:
    """The notification, or None on a day something was practised. Counts only."""
    if facts.practised_today:
        return None
    waiting = []
    if facts.awaiting:
        waiting.append(f"{facts.awaiting} review{'s' if facts.awaiting != 1 else ''} waiting")
    for measure_id, _title, _waited in facts.measures_due:
        waiting.append(f"the {measure_id.upper().replace('PHQ', 'PHQ-').replace('GAD', 'GAD-')}")
    behind = [goal for goal in facts.goals if not goal.met]
    if behind:
        waiting.append(f"{len(behind)} weekly goal{'s' if len(behind) != 1 else ''} to go")
    text = NOTHING_YET
    if waiting:
        text += " Due: " + "; ".join(waiting) + "."
    return text


def check_today(db_path: Path | None, today: date) -> str | None:
    """What to say today, reading (never creating) the journal. The scheduler runs this with
    no terminal, so it never asks for a passphrase: an encrypted journal whose key is neither
    remembered nor in the environment gets a reminder that does not read it."""
    from .insights.summary import home_facts
    from .journal import cipher, open_journal
    from .paths import default_journal_path

    path = db_path or default_journal_path()
    if not path.is_file():
        return NOTHING_YET
    key = None
    if cipher.looks_encrypted(path):
        key = key_without_asking(path)
        if key is None:
            return UNREAD
    try:
        journal = open_journal(path, for_writing=False, key=key)
    except Locked:
        return UNREAD  # the key at hand no longer opens it: still a reminder
    with journal:
        return reminder_text(home_facts(journal, today))


def key_without_asking(path: Path) -> str | None:
    """The encrypted journal's key from the environment or the keyring, never a prompt."""
    from .journal import passphrase, remembered

    if passphrase.from_environment():
        try:
            return passphrase.given_passphrase()  # the environment's, never a prompt
        except CbtError:
            return None  # CBT_PASSPHRASE_COMMAND failed: remind all the same
    return remembered.recall(path)


def notify(text: str) -> None:
    """A desktop notification with the platform's own tool; quietly nothing if there is none."""
    if sys.platform == "darwin":
        script = f'display notification {json_string(text)} with title "cbt"'
        command = ["osascript", "-e", script]
    else:
        command = ["notify-send", "--app-name=cbt", "cbt", text]
    if shutil.which(command[0]) is None:
        return
    subprocess.run(command, check=False, timeout=30)


def json_string(text: str) -> str:
    import json

    return json.dumps(text)


def check_command(db_path: Path | None) -> list[str]:
    """How the scheduler runs the check: this Python, this cbt, the same journal."""
    command = [sys.executable, "-m", "cbtcli", "remind", "check"]
    if db_path is not None:
        command += ["--db", str(db_path.resolve())]
    return command


def scheduler() -> str:
    """systemd (user timers), cron, or launchd; CBT_REMIND_WITH names one outright."""
    chosen = os.environ.get("CBT_REMIND_WITH")
    if chosen:
        return chosen
    if sys.platform == "darwin":
        return "launchd"
    if shutil.which("systemctl") and Path(f"/run/user/{os.getuid()}/systemd").exists():
        return "systemd"
    if shutil.which("crontab"):
        return "cron"
    raise CbtError(
        "cbt can't set a reminder here: there is no systemd user session, cron or launchd. "
        f"`{cbt_command('today --quiet')}` in your shell's start-up file is another way."
    )


def home() -> Path:
    return Path(os.environ.get("HOME") or Path.home())


def systemd_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(home() / ".config")
    return Path(base) / "systemd" / "user"


def systemd_units(schedule: Schedule, command: list[str]) -> dict[str, str]:
    days = ",".join(SYSTEMD_DAYS[d] for d in schedule.days)
    when = f"{days} *-*-* {schedule.hour:02d}:{schedule.minute:02d}:00"
    return {
        f"{UNIT}.service": (
            "[Unit]\nDescription=cbt: a reminder to practise, if you haven't today\n\n"
            f"[Service]\nType=oneshot\nExecStart={shlex.join(command)}\n"
        ),
        f"{UNIT}.timer": (
            "[Unit]\nDescription=cbt daily reminder\n\n"
            f"[Timer]\nOnCalendar={when}\nPersistent=false\n\n"
            "[Install]\nWantedBy=timers.target\n"
        ),
    }


def cron_line(schedule: Schedule, command: list[str]) -> str:
    days = ",".join(str((d + 1) % 7) for d in schedule.days)  # cron: 0 = Sunday
    return f"{schedule.minute} {schedule.hour} * * {days} {shlex.join(command)} {CRON_MARK}"


def launchd_plist(schedule: Schedule, command: list[str]) -> str:
    from xml.sax.saxutils import escape

    args = "".join(f"<string>{escape(part)}</string>" for part in command)
    times = "".join(
        f"<dict><key>Weekday</key><integer>{(d + 1) % 7}</integer><key>Hour</key>"
        f"<integer>{schedule.hour}</integer><key>Minute</key><integer>{schedule.minute}</integer>"
        "</dict>"
        for d in schedule.days
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" '
        '"http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n'
        '<plist version="1.0"><dict>'
        f"<key>Label</key><string>{LAUNCHD_LABEL}</string>"
        f"<key>ProgramArguments</key><array>{args}</array>"
        f"<key>StartCalendarInterval</key><array>{times}</array>"
        "</dict></plist>\n"
    )


def launchd_path() -> Path:
    return home() / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist"


def run_tool(command: list[str], stdin: str | None = None) -> str:
    """Run the scheduler's own tool as this user; one sentence if it fails."""
    try:
        done = subprocess.run(
            command, input=stdin, capture_output=True, text=True, check=False, timeout=30
        )
    except OSError as exc:
        raise CbtError(f"cbt could not run {command[0]} ({exc.strerror}).") from None
    if done.returncode != 0 and command[:2] != ["crontab", "-l"]:
        detail = " ".join(done.stderr.split())[:200]
        raise CbtError(f"{' '.join(command[:3])} did not work: {detail or 'no reason given'}.")
    return done.stdout if done.returncode == 0 else ""


def write_owner_only(path: Path, text: str) -> None:
    """Whole or not at all: a full disk leaves the old timer (or none), never an empty one."""
    from .paths import private_dir, write_private_text

    with private_dir(path.parent):
        write_private_text(path, text)


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def crontab_without_ours() -> list[str]:
    return [line for line in run_tool(["crontab", "-l"]).splitlines() if CRON_MARK not in line]


def install(schedule: Schedule, db_path: Path | None) -> str:
    """Set (or replace) the reminder; returns the scheduler's name."""
    if running_as_root():
        raise CbtError("Reminders are set up for your own user, not root: run cbt as yourself.")
    command = check_command(db_path)
    kind = scheduler()
    if kind == "systemd":
        for name, text in systemd_units(schedule, command).items():
            write_owner_only(systemd_dir() / name, text)
        run_tool(["systemctl", "--user", "daemon-reload"])
        run_tool(["systemctl", "--user", "enable", "--now", f"{UNIT}.timer"])
    elif kind == "cron":
        lines = [*crontab_without_ours(), cron_line(schedule, command)]
        run_tool(["crontab", "-"], "\n".join(lines) + "\n")
    elif kind == "launchd":
        path = launchd_path()
        if path.exists():
            run_tool(["launchctl", "unload", str(path)])
        write_owner_only(path, launchd_plist(schedule, command))
        run_tool(["launchctl", "load", str(path)])
    else:
        raise UsageError(f"CBT_REMIND_WITH is '{kind}'; cbt knows systemd, cron and launchd.")
    return kind


def installed() -> list[str]:
    """Where a reminder is set, one line each (empty when there is none)."""
    found = []
    timer = systemd_dir() / f"{UNIT}.timer"
    if timer.exists():
        when = next(
            (
                line.split("=", 1)[1]
                for line in timer.read_text().splitlines()
                if "=" in line and line.startswith("OnCalendar")
            ),
            "?",
        )
        found.append(f"systemd user timer {UNIT}.timer: {when}")
    if shutil.which("crontab") or os.environ.get("CBT_REMIND_WITH") == "cron":
        for line in run_tool(["crontab", "-l"]).splitlines():
            if CRON_MARK in line:
                found.append("crontab: " + " ".join(line.split()[:5]) + " (minute hour * * days)")
    if launchd_path().exists():
        found.append(f"launchd agent {launchd_path()}")
    return found


def remove() -> list[str]:
    """Take every cbt reminder away; returns what was removed."""
    removed = []
    timer = systemd_dir() / f"{UNIT}.timer"
    if timer.exists():
        if shutil.which("systemctl"):
            run_tool(["systemctl", "--user", "disable", "--now", f"{UNIT}.timer"])
        for name in (f"{UNIT}.timer", f"{UNIT}.service"):
            (systemd_dir() / name).unlink(missing_ok=True)
        removed.append("the systemd user timer")
    if shutil.which("crontab"):
        current = run_tool(["crontab", "-l"]).splitlines()
        if any(CRON_MARK in line for line in current):
            kept = [line for line in current if CRON_MARK not in line]
            run_tool(["crontab", "-"], "\n".join(kept) + ("\n" if kept else ""))
            removed.append("the crontab line")
    if launchd_path().exists():
        run_tool(["launchctl", "unload", str(launchd_path())])
        launchd_path().unlink()
        removed.append("the launchd agent")
    return removed
