"""What the tests share: answers to type or pipe, the one journal builder, real prompts through
prompt_toolkit's pipe input, and the installed `cbt` in a pseudo-terminal (pexpect). Test
modules import from here, never from each other."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Any

from cbtcli.clock import now_local
from cbtcli.journal import AWAITING, COMPLETE, Entry, Journal, open_journal

ENTER, DOWN, SPACE, CTRL_C = "\r", "\x1b[B", " ", "\x03"

# A frozen clock's moment (see the `clock` fixture): a Wednesday evening.
FROZEN_AT = datetime(2026, 3, 18, 19, 30, tzinfo=UTC)

THOUGHT_RECORD_ANSWERS: dict[str, Any] = {
    "situation": "Tuesday 3pm at my desk; my manager asked to see me tomorrow.",
    "emotions": {"anxious": 80, "ashamed": 40},
    "automatic_thoughts": ["I'm going to be fired", "I always mess things up"],
    "hot_thought": "I'm going to be fired",
    "belief_before": 85,
    "distortions": ["fortune-telling", "catastrophising"],
    "evidence_for": ["I missed a deadline last week"],
    "evidence_against": ["My last review was good", "She thanked me on Friday"],
    "balanced_thought": "Although I missed one deadline, my work is mostly good.",
    "belief_after": 30,
    "emotions_after": {"anxious": 40, "ashamed": 20},
}

# A thought record as typed, one answer a line, into `cbt do thought-record` over a pipe.
PIPED_THOUGHT_RECORD = "\n".join(
    [
        "At my desk, manager asked to meet",
        "anxious 70, ashamed 40",
        "",
        "I'm going to be fired",
        "",
        "I'm going to be fired",
        "80",
        "6,7",
        "I missed a deadline",
        "",
        "Good review last month",
        "",
        "Although I slipped once, my work is mostly fine",
        "60",
        "40",
        "50",
        "30",
        "",
        "",
    ]
)

# A behavioural experiment planned, then reviewed.
EXPERIMENT_PLAN = {
    "prediction": "If I speak up, nobody will respond",
    "belief_before": 80,
    "alternative": "Someone will pick up what I say",
    "alternative_belief_before": 20,
    "experiment": "Make one comment in Thursday's meeting",
    "how_will_i_know": "Silence, or the topic changes straight away",
    "when_where": "Thursday 10am, team meeting",
    "obstacles": ["I might chicken out - I'll write the comment down first"],
    "safety_behaviours": ["Rehearsing sentences", "Avoiding eye contact"],
}
EXPERIMENT_REVIEW = {
    "what_happened": "Two people agreed and we discussed it",
    "safety_dropped": "some",
    "came_true": "no",
    "learned": "People do respond when I speak",
    "belief_after": 25,
    "alternative_belief_after": 70,
    "next_step": "Speak up twice next week",
}

PHQ9_ITEMS = [
    "interest", "down", "sleep", "tired", "appetite",
    "failure", "concentration", "movement", "self_harm",
]  # fmt: skip
GAD7_ITEMS = ["nervous", "control", "worrying", "relaxing", "restless", "irritable", "afraid"]


def answers_for(items: list[str], scores: list[Any], **extra: Any) -> dict[str, Any]:
    """A PHQ-9 or GAD-7 answers file: item scores (or labels) in order, and any other step."""
    return {"phq9" if len(items) == 9 else "gad7": dict(zip(items, scores, strict=True)), **extra}


def leaf_commands(group: Any, path: tuple[str, ...] = ()) -> list[str]:
    """Every command `cbt` runs, as typed ("mood", "ladder new"), read from the app itself."""
    found = []
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            found += leaf_commands(command, (*path, name))
        else:
            found.append(" ".join((*path, name)))
    return found


def flat(text: str) -> str:
    """Output with rich's line wrapping (and panel borders) undone, for matching phrases."""
    return " ".join(text.replace("│", " ").split())


# Dots that end no sentence: abbreviations, and whatever sits inside `code` or quotes.
ABBREVIATIONS = re.compile(r"\b(e\.g|i\.e|etc|vs|approx|cf)\.", re.IGNORECASE)
CODE = re.compile(r"`[^`]*`")
QUOTED = re.compile(r"\"[^\"]*\"|'[^'\s]*'")
SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*(?=\s+[^a-z\s]|\s*$)")


def sentences(message: str) -> list[str]:
    """The sentences of a message: a full stop, ? or ! followed by a space and anything but a
    small letter ends one; dots in numbers (1.2), file names, `cbt x.y`, quotes and
    abbreviations (e.g.) do not."""
    text = CODE.sub("CODE", " ".join(message.split()))
    text = QUOTED.sub("QUOTED", ABBREVIATIONS.sub(r"\1", text))
    return [part for part in SENTENCE_END.split(text) if part.strip()]


def error_message(output: str) -> str:
    """What a failed command said about why: its `cbt:` line, without the lines indented under
    it (a list of the problems found); else its last line (a stop is said without `cbt:`)."""
    lines = output.rstrip().splitlines() or [""]
    starts = [index for index, line in enumerate(lines) if line.startswith("cbt: ")]
    if not starts:
        return lines[-1]
    said = lines[starts[-1] :]
    return " ".join([said[0].removeprefix("cbt: ")] + [x for x in said[1:] if not x[:1].isspace()])


def assert_one_clear_sentence(result: Any, *fragments: str) -> None:
    """A failed command: non-zero exit, a message naming the problem in one sentence, and no
    traceback."""
    assert result.exit_code != 0
    text = flat(result.output)
    assert "Traceback" not in text
    assert result.exception is None or isinstance(result.exception, SystemExit)
    for fragment in fragments:
        assert fragment in text, text
    message = error_message(result.output)
    assert len(sentences(message)) == 1, f"not one sentence: {message!r}"


# The journal builder: entries written straight into a journal as cbt writes them, at any time.


def at(day: date, hour: int = 12, minute: int = 0, offset_hours: float = 0) -> datetime:
    """A moment on `day`, at a fixed UTC offset (UTC by default), never the machine's zone."""
    zone = timezone(timedelta(hours=offset_hours))
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


@dataclass
class JournalBuilder:
    """Writes entries, moods and ladders into an open journal as cbt would, without asking
    anything: an exercise the catalogue knows is learnt (labels, private steps, choices and
    questionnaire scoring) before its first entry; any other id is written as given."""

    journal: Journal

    def __post_init__(self) -> None:
        self.catalog = catalog()
        self.learnt: set[str] = set()

    def entry(
        self,
        exercise_id: str,
        when: datetime,
        answers: dict[str, Any],
        status: str = COMPLETE,
        **fields: Any,
    ) -> Entry:
        title, version = self.learn(exercise_id)
        fields.setdefault("phase", int(status == AWAITING))
        entry = Entry.new(exercise_id, version, title, when, status, answers=answers, **fields)
        self.journal.insert(entry)
        return entry

    def mood(self, score: int | None, when: datetime, note: str = "", **fields: Any) -> Any:
        return self.journal.add_mood(score, note, when=when, **fields)

    def learn(self, exercise_id: str) -> tuple[str, int]:
        """The exercise's title and version, after the journal has learnt its steps."""
        from cbtcli.guide.doing import remember_scoring

        exercise = self.catalog.exercises.get(exercise_id)
        if exercise is None:
            return exercise_id.replace("-", " ").capitalize(), 1
        if exercise_id not in self.learnt:
            self.journal.learn(exercise)
            remember_scoring(self.journal, exercise)
            self.learnt.add(exercise_id)
        return exercise.title, exercise.version


@cache
def catalog() -> Any:
    """The built-in exercises, read once for all the tests that build journals."""
    from cbtcli.definitions.catalog import load_catalog

    return load_catalog()


def add_entry(
    journal: Journal,
    exercise_id: str,
    when: datetime,
    answers: dict[str, Any],
    status: str = COMPLETE,
    **fields: Any,
) -> Entry:
    """One entry written into `journal` by the journal builder."""
    return JournalBuilder(journal).entry(exercise_id, when, answers, status, **fields)


def many_thought_records(folder: Path, entries: int, words: str = "") -> Path:
    """A journal of `entries` complete thought records a minute apart, written in one
    transaction (for measuring memory and progress on a journal of size)."""
    from cbtcli.journal import open_journal

    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / "journal.db"
    start = datetime(2024, 1, 1, 9, tzinfo=UTC)
    with open_journal(path) as journal, journal.transaction():
        build = JournalBuilder(journal)
        for n in range(entries):
            answers = {**THOUGHT_RECORD_ANSWERS, "situation": f"{n} {words}".strip()}
            build.entry("thought-record", start + timedelta(minutes=n), answers)
    return path


# Real questionary prompts, driven by keystrokes through prompt_toolkit's pipe input.


@contextmanager
def piped_prompter(width: int = 100) -> Iterator[tuple[Any, Any, io.StringIO]]:
    """(pipe, prompter, output): send keys to `pipe`; the interactive prompter reads them and
    prints to `output`."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput
    from rich.console import Console

    from cbtcli.guide.prompters.interactive import InteractivePrompter

    output = io.StringIO()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe, InteractivePrompter(Console(file=output, width=width)), output


# The installed `cbt` in a real pseudo-terminal (pexpect), and over a pipe.


def spawn(cbt_script: str, home: Path, *args: str, **env: str) -> Any:
    import pexpect

    # A pty under test does not answer cursor-position requests; tell prompt_toolkit not to wait.
    environ = {
        **os.environ,
        "CBT_HOME": str(home),
        "TERM": "xterm",
        "PROMPT_TOOLKIT_NO_CPR": "1",
        **env,
    }
    return pexpect.spawn(
        cbt_script, list(args), env=environ, encoding="utf-8", dimensions=(40, 120), timeout=15
    )


def answer(child: Any, prompt: str, keys: str) -> None:
    child.expect_exact(prompt)
    child.send(keys)


def interrupt(child: Any, at: str, says: str) -> int:
    """Ctrl-C once `at` is on the screen; returns the exit status after `says` is shown."""
    import pexpect

    child.expect_exact(at)
    child.sendintr()
    child.expect_exact(says)
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def journal_json(cbt_script: str, home: Path, *args: str) -> list[dict[str, Any]]:
    """`cbt journal --json` run as a separate process."""
    env = {**os.environ, "CBT_HOME": str(home)}
    out = subprocess.run(
        [cbt_script, "journal", "--json", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found: list[dict[str, Any]] = json.loads(out.stdout)
    return found


WORDS = [b"lighthouse", b"manager", b"fired", b"deadline"]
HEADER = b"SQLite format 3"


def assert_unreadable(path: Path) -> None:
    data = path.read_bytes()
    assert data, path
    assert HEADER not in data
    for word in WORDS:
        assert word not in data, (path, word)


LADDER = {
    "goal": "Drive on the motorway",
    "ladder": {
        "name": "driving",
        "steps": [
            {"step": "Drive on the motorway for one junction", "suds": 80},
            {"step": "Sit in the parked car", "suds": 20},
            {"Drive around the block": 40},
        ],
    },
}


def entries(cli, *args: str) -> list[dict]:
    return cli.json("journal", "--json", *args)


def practise(
    cli, peak: int, step: object = None, happened: str = "no", likely: int = 30, used=()
) -> str:
    before = {"expectation": "I'll panic", "expectation_likelihood": 70, "suds_before": 50}
    if step is not None:
        before["ladder_step"] = step
    cli.ok(
        "ladder", "practice", "driving", "--answers", str(cli.write_answers(before, "before.yaml"))
    )
    entry_id = next(e["id"] for e in entries(cli) if e["status"] == "awaiting")
    after = {
        "duration_minutes": 20,
        "suds_peak": peak,
        "suds_after": 10,
        "what_happened": "Felt tense, then it eased",
        "feared_outcome_happened": happened,
        "likelihood_after": likely,
        "learned": "I can stay with it",
        "surprise": 60,
    }
    if used:
        after["safety_behaviours_used"] = list(used)
    result = cli.ok("review", entry_id, "--answers", str(cli.write_answers(after, "after.yaml")))
    return flat(result.output)


def phq9(total: int) -> dict[str, Any]:
    """PHQ-9 answers adding up to `total`, item 9 always 0."""
    scores = [min(3, max(0, total - 3 * i)) for i in range(8)] + [0]
    return {"phq9": dict(zip(PHQ9_ITEMS, scores, strict=True))}


def dated_phq9(total: int, days_ago: int) -> str:
    """A PHQ-9 written `days_ago`, through the journal as `cbt` writes one."""
    with open_journal() as journal:
        when = now_local() - timedelta(days=days_ago)
        return add_entry(journal, "phq9", when, phq9(total)).id
