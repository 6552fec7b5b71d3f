"""A full disk, for real: every command that writes runs as the installed `cbt` in a process
whose files cannot grow (RLIMIT_FSIZE, so every write past the limit fails with EFBIG, as a
full disk fails with ENOSPC). Each must say the disk is full in one sentence (exit 1), leave no
new, partial or empty file, and leave the journal exactly as it was."""

from __future__ import annotations

import contextlib
import hashlib
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyrage
import pytest
from typer.testing import CliRunner

from cbtcli.paths import builtin_exercises_dir

from .conftest import COMMAND, PASSPHRASE
from .helpers import flat, leaf_commands

EXAMPLES = builtin_exercises_dir() / "examples"
DATA = Path(__file__).parent / "data"
AGE_KEY = str(pyrage.x25519.Identity.generate().to_public())


def ex(name: str) -> str:
    return str(EXAMPLES / name)


LADDER = ["ladder", "new", "--answers", ex("fear-ladder.yaml")]
EXPERIMENT = ["do", "behavioural-experiment", "--answers", ex("behavioural-experiment.plan.yaml")]
SETUP = [
    ["do", "thought-record", "--answers", ex("thought-record.yaml")],
    ["mood", "6", "--note", "walked to the lighthouse"],
    EXPERIMENT,
    LADDER,
    ["goal", "set", "thought-record", "3/week"],
    ["config", "set", "name", "Robin"],
    ["do", "safety-plan", "--answers", ex("safety-plan.yaml")],
    ["export", "-f", "json", "-o", "{work}/export.json"],
    ["--db", "{work}/other.db", "mood", "3", "--note", "a long day"],
    ["--db", "{work}/other.db", "export", "-f", "json", "-o", "{work}/other.json"],
]
for _ in range(20):  # exports of some size, so they outgrow any buffer
    SETUP.append(["do", "thought-record", "--answers", ex("thought-record.yaml")])

# label -> arguments. {entry} is a thought record, {experiment} a behavioural experiment
# awaiting review, {work} the folder the run starts in.
WRITES: dict[str, list[str]] = {
    **{
        f"export {kind}": ["export", "-f", kind, "-o", "{work}/out." + kind]
        for kind in ("md", "html", "pdf", "csv", "json", "fhir")
    },
    "export default name": ["export"],
    "export csv folder": ["export", "-f", "csv", "-o", "{work}/csvs"],
    "export replacing": ["export", "-f", "md", "-o", "{work}/export.json", "--force"],
    "export pdf --password": ["export", "-f", "pdf", "--password", "-o", "{work}/p.pdf"],
    "export --encrypt-to": ["export", "-f", "json", "--encrypt-to", AGE_KEY, "-o", "{work}/a"],
    "help-now --export md": ["help-now", "--export", "{work}/plan.md"],
    "help-now --export pdf": ["help-now", "--export", "{work}/plan.pdf"],
    "config set": ["config", "set", "name", "Sam"],
    "config unset": ["config", "unset", "name"],
    "exercises new": ["exercises", "new", "worry-time"],
    "import": ["import", "{work}/other.json"],
    **{
        f"import --from {app}": ["import", "--from", app, str(DATA / "sources" / name)]
        for app, name in (
            ("daylio", "daylio-old.csv"),
            ("jrnl", "jrnl.json"),
            ("freecbt", "freecbt.json"),
            ("om", "om-moods.json"),
        )
    },
    "mood": ["mood", "5", "--note", "a calm walk"],
    "do": ["do", "journal-note", "--answers", ex("journal-note.yaml")],
    "do typed": ["--plain", "do", "journal-note"],
    "review": ["review", "{experiment}", "--answers", ex("behavioural-experiment.review.yaml")],
    "measure phq9": ["measure", "phq9", "--answers", ex("phq9.yaml")],
    "measure gad7": ["measure", "gad7", "--answers", ex("gad7.yaml")],
    "blueprint": ["blueprint", "--answers", ex("relapse-blueprint.blueprint.yaml")],
    "session": ["session", "--answers", ex("session.yaml")],
    "safety plan": ["do", "safety-plan", "--answers", ex("safety-plan.yaml")],
    "assign": ["assign", str(DATA / "assignment.yaml"), "--yes"],
    "ladder new": [*LADDER[:3], ex("fear-ladder.yaml")],
    "ladder edit": ["ladder", "edit", "bus", "--add", "Ride home at night=70"],
    "ladder practice": ["ladder", "practice", "bus", "--answers", ex("exposure.before.yaml")],
    "ladder done": ["ladder", "done", "bus", "1"],
    "ladder archive": ["ladder", "archive", "bus"],
    "goal set": ["goal", "set", "mood", "5/week"],
    "goal remove": ["goal", "remove", "thought-record"],
    "backup": ["backup", "{work}/backup.db"],
    "repair": ["repair", "-o", "{work}/repaired.db"],
    "encrypt": ["encrypt"],
    "decrypt": ["decrypt", "--yes"],
    "passphrase": ["passphrase"],
    "delete": ["delete", "{entry}", "--yes"],
    "edit": ["edit", "{entry}", "belief_after"],
    "flag": ["flag", "{entry}"],
    "unflag": ["unflag", "{entry}"],
    "private": ["private", "{entry}"],
    "remind at": ["remind", "at", "20:00"],
    "first mood": ["--db", "{work}/new/journal.db", "mood", "5"],
}
ENCRYPTED = {"decrypt", "passphrase"}
# Commands that rewrite the whole journal refuse while another program has it open: they meet
# the full disk with room for SQLite's index (32 KiB) and not for a copy of the journal.
ALONE = {"encrypt", "decrypt", "passphrase"}
# Room for part of the file, so a half-written one must be taken away again.
PART_WAY = {"export md": 8_000, "export pdf": 20_000, "backup": 40_000, "repair": 60_000}
AS_A_USER = (
    "import sys; from cbtcli import reminders; reminders.running_as_root = lambda: False; "
    "from cbtcli.__main__ import main; sys.argv[0] = 'cbt'; main()"
)
TYPED = {"do typed": "A quiet morning\n\n\n", "edit": "20\n"}


# Commands that only read, or only take away (which needs no room): nothing to fill a disk.
READS_ONLY = {
    "due", "summary", "today", "patterns", "journal", "show", "prep", "assignments",
    "doctor", "completion", "goal list", "ladder list", "ladder show", "session list",
    "exercises validate", "config list", "measure history", "remind list", "remind check",
    "remind off",
}  # fmt: skip


def command_of(args: list[str]) -> str:
    """The command a run names ("ladder new"), its global options aside."""
    while args[0].startswith("--"):
        args = args[2:] if args[0] == "--db" else args[1:]
    return " ".join(args[:2]) if " ".join(args[:2]) in leaf_commands(COMMAND) else args[0]


def test_every_command_that_writes_is_tried_on_a_full_disk() -> None:
    tried = {command_of(args) for args in WRITES.values()} - {"session"}  # a group's own run
    assert sorted(set(leaf_commands(COMMAND)) - READS_ONLY) == sorted(tried)


def no_room(limit: int = 0):  # type: ignore[no-untyped-def]
    """For the child process: no file may grow past `limit` bytes, and growing one fails with
    EFBIG instead of killing the process."""

    def limit_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))

    return limit_files


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under the folder and a digest of its bytes, and every folder (SQLite's own
    -wal and -shm files, which it empties and removes itself, aside)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_dir():
            found[str(path.relative_to(folder))] = "a folder"
        elif path.is_file() and not path.name.endswith(("-wal", "-shm")):
            found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home with a journal of some size, built once and copied for each run."""
    work = tmp_path_factory.mktemp("full-disk")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("CBT_HOME", str(work / "home"))
        for args in SETUP:
            args = [a.replace("{work}", str(work)) for a in args]
            result = CliRunner().invoke(COMMAND, args, catch_exceptions=False)
            assert result.exit_code == 0, (args, result.output)
        shutil.copy(work / "home" / "journal.db", work / "encrypted.db")
        env.setenv("CBT_PASSPHRASE", PASSPHRASE)
        for args in (["encrypt"], ["mood", "4"]):  # and opened once, so it is in WAL mode
            args = ["--db", str(work / "encrypted.db"), *args]
            result = CliRunner().invoke(COMMAND, args, catch_exceptions=False)
            assert result.exit_code == 0, (args, result.output)
    return work


@pytest.fixture
def work(original: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "work"
    shutil.copytree(original, copy)
    return copy


def ids(work: Path) -> tuple[str, str]:
    conn = sqlite3.connect(work / "home" / "journal.db")
    try:
        record = conn.execute(
            "SELECT id FROM entries WHERE exercise_id = 'thought-record' LIMIT 1"
        ).fetchone()[0]
        experiment = conn.execute(
            "SELECT id FROM entries WHERE exercise_id = 'behavioural-experiment'"
        ).fetchone()[0]
    finally:
        conn.close()
    return record, experiment


@contextlib.contextmanager
def reader(journal: Path) -> Iterator[None]:
    """Another program reading the journal keeps SQLite's shared-memory index (journal.db-shm)
    in being, so the command meets the full disk where it writes, not already where it reads.
    Closing it last checkpoints whatever the command committed into the file."""
    conn = sqlite3.connect(journal)
    try:
        conn.execute("SELECT count(*) FROM entries").fetchone()
        yield
    finally:
        conn.close()


@pytest.mark.parametrize("label", sorted(WRITES))
def test_a_full_disk_is_said_in_one_sentence_and_changes_nothing(
    cbt_script: str, work: Path, label: str
) -> None:
    entry, experiment = ids(work)
    args = [
        a.replace("{work}", str(work)).replace("{entry}", entry).replace("{experiment}", experiment)
        for a in WRITES[label]
    ]
    env = {**os.environ, "CBT_HOME": str(work / "home"), "COLUMNS": "200"}
    env["XDG_CONFIG_HOME"] = str(work / "config")
    env["CBT_REMIND_WITH"] = "systemd"
    env.pop("CBT_DEBUG", None)
    env["CBT_EXPORT_PASSWORD"] = "for my therapist only"
    if label in ENCRYPTED:
        args = ["--db", str(work / "encrypted.db"), *args]
        env["CBT_PASSPHRASE"] = PASSPHRASE
        env["CBT_NEW_PASSPHRASE"] = "another passphrase entirely"
    if label == "encrypt":
        env["CBT_PASSPHRASE"] = PASSPHRASE
    before = snapshot(work)
    journal = Path(args[1]) if args[0] == "--db" else work / "home" / "journal.db"
    command = [cbt_script]
    if label.startswith("remind") and os.geteuid() == 0:  # reminders refuse root
        command = [sys.executable, "-c", AS_A_USER]
    with contextlib.nullcontext() if label in ALONE | {"first mood"} else reader(journal):
        done = subprocess.run(
            [*command, *args],
            env=env,
            cwd=work,
            input=TYPED.get(label, ""),
            capture_output=True,
            text=True,
            preexec_fn=no_room(32768 if label in ALONE else PART_WAY.get(label, 0)),
            timeout=60,
        )
    said = flat(done.stderr)
    assert done.returncode == 1, (done.returncode, said, done.stdout)
    assert said.startswith("cbt: The disk") and said.count("cbt:") == 1, said  # one sentence
    assert "full" in said and "went wrong" not in done.stdout + done.stderr
    assert snapshot(work) == before


def test_a_delete_that_cannot_wipe_for_lack_of_room_is_still_a_delete(
    cbt_script: str, work: Path
) -> None:
    """The entry goes at once (a few pages); rebuilding the file without its words needs room
    for a copy of the journal, which a full disk does not have: that is said, and finished by
    the next command once there is room."""
    entry, _ = ids(work)
    journal = work / "home" / "journal.db"
    env = {**os.environ, "CBT_HOME": str(work / "home"), "COLUMNS": "200"}
    env.pop("CBT_DEBUG", None)
    # Room for the delete's own pages (about a third of this journal) and not for a copy.
    room = journal.stat().st_size // 2
    done = subprocess.run(
        [cbt_script, "delete", entry, "--yes"],
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=no_room(room),
        timeout=60,
    )
    said = flat(done.stdout + done.stderr)
    assert done.returncode == 0, said
    assert f"Deleted entry {entry[:8]}" in said
    assert "the disk is full" in said
    assert "went wrong" not in said
    conn = sqlite3.connect(journal)
    try:
        assert not conn.execute("SELECT 1 FROM entries WHERE id = ?", [entry]).fetchall()
        pending = "SELECT value FROM meta WHERE key = 'wipe_pending'"
        assert conn.execute(pending).fetchall() == [("1",)]
    finally:
        conn.close()
    subprocess.run([cbt_script, "mood", "5"], env=env, capture_output=True, check=True)
    conn = sqlite3.connect(journal)
    try:
        assert conn.execute(pending).fetchall() == []
    finally:
        conn.close()
