"""Faults: concurrent writers, a killed process, bad or locked files, a full disk, fuzzed
exercise files; privacy of every file; and no network, ever."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cbtcli.definitions.catalog import ListFinder, list_folders
from cbtcli.definitions.loader import load_exercise
from cbtcli.errors import ExerciseError, JournalError
from cbtcli.journal import open_journal

from .helpers import (
    ENTER,
    PIPED_THOUGHT_RECORD,
    SPACE,
    THOUGHT_RECORD_ANSWERS,
    answer,
    assert_one_clear_sentence,
    flat,
    spawn,
)


def run(
    cbt_script: str, home: Path, *args: str, stdin: str | None = None, **env: str
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [cbt_script, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "CBT_HOME": str(home), **env},
        timeout=60,
    )


def test_a_journal_open_here_keeps_its_writes_while_others_come_and_go(
    cbt_script: str, home: Path
) -> None:
    """Opening a journal reads nothing of it through a descriptor of its own once SQLite has
    it: closing one drops SQLite's locks, so the next cbt to close takes itself for the last
    and deletes the write-ahead log this process still writes to, and a third one's writes
    are lost."""
    env = {**os.environ, "CBT_HOME": str(home)}
    subprocess.run([cbt_script, "mood", "1"], env=env, check=True, capture_output=True)
    journal = open_journal(home / "journal.db")
    try:
        journal.add_mood(2)
        subprocess.run([cbt_script, "mood", "3"], env=env, check=True, capture_output=True)
        journal.add_mood(4)
        subprocess.run([cbt_script, "mood", "5"], env=env, check=True, capture_output=True)
        journal.add_mood(6)
    finally:
        journal.close()
    conn = sqlite3.connect(home / "journal.db")
    found = sorted(score for (score,) in conn.execute("SELECT score FROM moods"))
    assert found == [1, 2, 3, 4, 5, 6]


def test_many_writers_at_once_lose_nothing(cbt_script: str, home: Path, tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps(THOUGHT_RECORD_ANSWERS), encoding="utf-8")
    env = {**os.environ, "CBT_HOME": str(home)}
    processes = [
        subprocess.Popen(
            [cbt_script, "mood", str(score)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for score in range(8)
    ]
    processes.append(
        subprocess.Popen(
            [cbt_script, "do", "thought-record", "--answers", str(answers)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    )
    for process in processes:
        _, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
    conn = sqlite3.connect(home / "journal.db")
    assert sorted(score for (score,) in conn.execute("SELECT score FROM moods")) == list(range(8))
    assert conn.execute("SELECT count(*) FROM entries").fetchone() == (1,)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    conn.close()


def test_a_process_killed_between_steps_leaves_a_resumable_draft(
    cbt_script: str, home: Path
) -> None:
    child = spawn(cbt_script, home, "do", "thought-record")
    answer(child, "What was happening?", "At the station" + ENTER)
    answer(child, "What did you feel", SPACE + ENTER)
    answer(child, "How strong is 'anxious'", "65" + ENTER)
    child.expect_exact("What went through your mind")
    child.kill(signal.SIGKILL)
    child.close(force=True)
    conn = sqlite3.connect(home / "journal.db")
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    [(status, answers)] = conn.execute("SELECT status, answers FROM entries").fetchall()
    conn.close()
    assert status == "draft"
    assert json.loads(answers) == {"situation": "At the station", "emotions": {"anxious": 65}}
    rest = "\n".join(PIPED_THOUGHT_RECORD.splitlines()[2:]).replace("50\n30", "40") + "\n"
    result = run(cbt_script, home, "do", "--resume", stdin=rest)
    assert result.returncode == 0, result.stdout + result.stderr
    [entry] = json.loads(run(cbt_script, home, "journal", "--json").stdout)
    assert entry["status"] == "complete" and entry["answers"]["situation"] == "At the station"


def make_journal(home: Path) -> Path:
    with open_journal(home / "journal.db") as journal:
        journal.add_mood(5)
    return home / "journal.db"


def files_of(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.parent.glob(path.name + "*"))}


def test_a_read_only_journal_can_be_read_but_is_never_changed(cli, home: Path) -> None:
    path = make_journal(home)
    path.chmod(0o400)
    before = path.read_bytes()
    assert cli.ok("today").output  # reading works
    assert_one_clear_sentence(cli("mood", "6"), "is read-only", "check its permissions")
    assert path.read_bytes() == before


def test_a_journal_locked_too_long_by_another_program(cbt_script: str, home: Path) -> None:
    path = make_journal(home)
    holder = sqlite3.connect(path, isolation_level=None)  # the sqlite3 tool, say: not cbt
    holder.execute("BEGIN EXCLUSIVE")
    try:
        before = path.read_bytes()
        result = run(cbt_script, home, "mood", "3", CBT_BUSY_TIMEOUT_MS="200")
        assert result.returncode == 1
        said = " ".join(result.stderr.split())
        assert "locked by another program that has it open (not cbt)" in said, said
        assert "Traceback" not in said and len(result.stderr.strip().splitlines()) <= 2
        assert path.read_bytes() == before
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_journal_locked_too_long_by_another_cbt(cbt_script: str, home: Path) -> None:
    path = make_journal(home)
    with open_journal(path) as other_cbt:  # holds the journal as a running cbt does
        other_cbt.conn.execute("BEGIN EXCLUSIVE")
        before = path.read_bytes()
        result = run(cbt_script, home, "mood", "3", CBT_BUSY_TIMEOUT_MS="200")
        other_cbt.conn.execute("ROLLBACK")
    assert result.returncode == 1
    assert "is busy in another cbt process" in " ".join(result.stderr.split())
    assert path.read_bytes() == before


def from_the_future(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('cbtcli', '0999_future', '2030')"
    )
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("spoil", "fragment"),
    [
        (lambda p: p.write_bytes(b"PK\x03\x04 a zip file, not a journal"), "not a cbt journal"),
        (lambda p: p.write_bytes(p.read_bytes()[:3000]), "is damaged"),
        (lambda p: from_the_future(p), "newer version of cbt"),
    ],
)
def test_bad_journal_files_are_left_exactly_as_they_were(cli, home: Path, spoil, fragment) -> None:
    path = make_journal(home)
    spoil(path)
    before = files_of(path)
    for args in (["journal"], ["mood", "4"], ["summary"], ["export", "-o", "-"]):
        assert_one_clear_sentence(cli(*args), fragment)
    assert files_of(path) == before


def test_a_full_disk_keeps_the_last_complete_entry(home: Path) -> None:
    path = make_journal(home)
    with open_journal(path) as journal:
        pages = journal.conn.execute("PRAGMA page_count").fetchone()[0]
        journal.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        with pytest.raises(JournalError, match="is full"):
            for score in range(10_000):
                journal.add_mood(score % 11, note="x" * 2000)
        kept = journal.query("SELECT count(*) AS n FROM moods")[0]["n"]
    with open_journal(path) as journal:
        assert journal.integrity() == "ok"
        assert journal.query("SELECT count(*) AS n FROM moods")[0]["n"] == kept >= 1


YAML_WORDS = st.sampled_from(
    [
        "id",
        "title",
        "steps",
        "phases",
        "type",
        "prompt",
        "choices",
        "min",
        "max",
        "of",
        "when",
        "text",
        "rating",
        "emotions",
        "rerate",
        "list",
        "choice",
        "ladder",
        "questionnaire",
        "items",
        "- ",
        ": ",
        "\n",
        "  ",
        "{",
        "}",
        "[",
        "]",
        "'",
        '"',
        "&a",
        "*a",
        "!!python/object",
        "%",
        "\t",
        "yes",
        "-1",
        "1e9",
    ]
)
VALID = (
    Path(__file__).resolve().parents[1] / "exercises" / "behavioural-experiment.yaml"
).read_text(encoding="utf-8")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.one_of(st.text(max_size=300), st.lists(YAML_WORDS, max_size=60).map("".join)))
def test_the_loader_only_ever_raises_its_own_error(tmp_path: Path, text: str) -> None:
    check_loader(tmp_path / "fuzz.yaml", text)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cut=st.integers(0, len(VALID)), insert=st.text(max_size=20), drop=st.integers(0, 40))
def test_mutated_exercises_only_raise_the_loaders_error(
    tmp_path: Path, cut: int, insert: str, drop: int
) -> None:
    check_loader(tmp_path / "mutant.yaml", VALID[:cut] + insert + VALID[cut + drop :])


def check_loader(path: Path, text: str) -> None:
    path.write_text(
        text, encoding="utf-8", errors="surrogatepass"
    ) if "\ud800" not in text else path.write_bytes(text.encode("utf-8", "replace"))
    try:
        load_exercise(path, ListFinder(list_folders()))
    except ExerciseError as exc:
        assert exc.problems and all(str(path) in problem for problem in exc.problems)


def test_every_file_is_private_whatever_the_umask(
    cli, home: Path, tmp_path: Path, monkeypatch
) -> None:
    old = os.umask(0o000)
    try:
        cli.ok("do", "thought-record", "--answers", str(cli.write_answers(THOUGHT_RECORD_ANSWERS)))
        with open_journal() as journal:  # held open, so the WAL and SHM files exist
            journal.add_mood(5)
            sides = [home / "journal.db-wal", home / "journal.db-shm"]
            assert all(p.exists() for p in sides)
            modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in sides}
        backup = tmp_path / "copy.db"
        cli.ok("backup", str(backup))
        cli.ok("backup")
        monkeypatch.chdir(tmp_path)
        cli.ok("export", "-f", "html")
        cli.ok("config", "set", "name", "Sam")
    finally:
        os.umask(old)
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert modes == {"journal.db-wal": 0o600, "journal.db-shm": 0o600}
    private_files = [
        home / "journal.db",
        backup,
        home / "config.yaml",
        *tmp_path.glob("cbt-export-*"),
        *(home / "backups").glob("*.db"),
    ]
    assert len(private_files) == 5
    for path in private_files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE((home / "backups").stat().st_mode) == 0o700
    copy = sqlite3.connect(backup)
    assert copy.execute("SELECT count(*) FROM entries").fetchone() == (1,)
    copy.close()


def test_delete_leaves_no_trace_of_the_words(cli, home: Path) -> None:
    secret = "Zanzibar-umbrella-secret-4417"
    cli.ok(
        "do",
        "thought-record",
        "--answers",
        str(cli.write_answers({**THOUGHT_RECORD_ANSWERS, "situation": secret})),
    )
    cli.ok(
        "do",
        "thought-record",
        "--answers",
        str(cli.write_answers(THOUGHT_RECORD_ANSWERS, "b.yaml")),
    )
    [doomed] = [e for e in cli.json("journal", "--json") if e["answers"]["situation"] == secret]
    raw = b"".join(files_of(home / "journal.db").values())
    assert secret.encode() in raw
    cli.ok("delete", doomed["id"], "--yes")
    raw = b"".join(files_of(home / "journal.db").values())
    assert secret.encode() not in raw
    assert len(cli.json("journal", "--json")) == 1
    with open_journal() as journal:
        assert (
            journal.query("SELECT count(*) AS n FROM ratings WHERE entry_id = ?", [doomed["id"]])[
                0
            ]["n"]
            == 0
        )


def test_nothing_opens_a_network_connection(cli, tmp_path: Path, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("cbt tried to open a network connection")

    monkeypatch.setattr(socket.socket, "__init__", refuse)  # no socket can be made at all
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(THOUGHT_RECORD_ANSWERS)))
    cli.ok("mood", "6")
    cli.ok("summary")
    for fmt in ("md", "html", "pdf", "csv", "json"):
        cli.ok("export", "-f", fmt, "-o", str(tmp_path / f"out.{fmt}"))
    cli.ok("help-now")


def test_doctor_reports_health_and_problems(cli, home: Path) -> None:
    cli.ok("mood", "5")
    result = cli.ok("doctor")
    assert "integrity: ok" in result.output and "Everything looks healthy" in result.output
    assert "entries: none; 1 mood check-in\n" in result.output  # one, not "1 ... check-ins"
    home.chmod(0o755)
    (home / "exercises").mkdir()
    (home / "exercises" / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    result = cli("doctor")
    assert result.exit_code == 1
    text = flat(result.output)
    assert "others can read it" in text and f"chmod 700 {home}" in text
    assert "broken.yaml" in text and "2 problems found" in text


def test_home_reminds_about_backups_once_a_month(cli, home: Path) -> None:
    cli.ok("mood", "5")
    assert "No backup this month" in cli.ok("today").output
    cli.ok("backup")
    assert "No backup this month" not in cli.ok("today").output


def test_ambiguous_and_unknown_ids_on_the_command_line(cli) -> None:
    for name in ("a.yaml", "b.yaml"):
        cli.ok(
            "do",
            "thought-record",
            "--answers",
            str(cli.write_answers(THOUGHT_RECORD_ANSWERS, name)),
        )
    with open_journal() as journal:
        journal.conn.execute("PRAGMA foreign_keys = OFF")  # renaming ids; their rows follow below
        for number, entry in enumerate(journal.entries(), 1):
            new = f"abcd{number}000-x"
            for table, column in (
                ("entries", "id"),
                ("ratings", "entry_id"),
                ("choices", "entry_id"),
            ):
                journal.conn.execute(
                    f"UPDATE {table} SET {column} = ? WHERE {column} = ?", [new, entry.id]
                )
    assert_one_clear_sentence(cli("show", "abcd"), "More than one entry starts with 'abcd'")
    assert cli.json("show", "abcd1", "--json")["id"] == "abcd1000-x"
    assert_one_clear_sentence(cli("delete", "ffffffff-0000", "--yes"), "No entry")
    assert_one_clear_sentence(cli("edit", "12", "situation"), "is too short to find an entry")
    assert len(cli.json("journal", "--json")) == 2


def test_backup_is_consistent_while_another_process_writes(
    cli, home: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("CBT_BUSY_TIMEOUT_MS", "200")
    path = make_journal(home)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute(
        "INSERT INTO moods (id, score, note, emotions, recorded_at, utc_offset, local_day)"
        " VALUES ('uncommitted', 9, '', '{}', '2026-01-01T00:00:00+00:00', 0, '2026-01-01')"
    )
    try:
        cli.ok("backup", str(tmp_path / "copy.db"))
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    copy = sqlite3.connect(tmp_path / "copy.db")
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert copy.execute("SELECT count(*) FROM moods").fetchone() == (1,)  # only what was committed
    copy.close()
    assert_one_clear_sentence(cli("backup", str(tmp_path / "copy.db")), "already exists", "--force")
