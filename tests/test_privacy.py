"""One privacy rule for every output, a lossless import, and drafts kept out of exports."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import yaml

from .helpers import THOUGHT_RECORD_ANSWERS, flat

SECRET = "my secret worry about Tom"
EXERCISE = {
    "id": "worry-time",
    "title": "Worry time",
    "version": 1,
    "intro": "Set worries aside for later.",
    "steps": [
        {"id": "worry", "type": "text", "label": "Worry", "prompt": "What worry?", "help": "h"},
        {
            "id": "secret",
            "type": "text",
            "label": "Private part",
            "prompt": "Anything private?",
            "private": True,
            "help": "h",
        },
        {
            "id": "level",
            "type": "rating",
            "label": "How much",
            "prompt": "How much?",
            "help": "h",
            "private": True,
        },
    ],
}


@pytest.fixture
def with_private_entry(cli, home) -> Path:
    folder = home / "exercises"
    folder.mkdir(parents=True)
    path = folder / "worry-time.yaml"
    path.write_text(yaml.safe_dump(EXERCISE), encoding="utf-8")
    answers = {"worry": "work", "secret": SECRET, "level": 7}
    cli.ok("do", "worry-time", "--answers", str(cli.write_answers(answers)))
    return path


def everything_exported(cli, tmp_path: Path, *options: str) -> str:
    texts = []
    for fmt in ("md", "html", "json", "csv"):
        out = tmp_path / f"all.{fmt}"
        cli.ok("export", "-f", fmt, "-o", str(out), "--force", *options)
        texts.append(out.read_text(encoding="utf-8"))
    folder = tmp_path / "csv"
    cli.ok("export", "-f", "csv", "-o", f"{folder}/", "--force", *options)
    texts += [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())]
    from pypdf import PdfReader

    pdf = tmp_path / "all.pdf"
    cli.ok("export", "-f", "pdf", "-o", str(pdf), "--force", *options)
    texts += [page.extract_text() for page in PdfReader(pdf).pages]
    return "\n".join(texts)


@pytest.mark.parametrize("definition", ["as it is", "removed", "broken"])
def test_private_answers_never_leave_in_any_format(
    cli, tmp_path, with_private_entry, definition
) -> None:
    if definition == "removed":
        with_private_entry.unlink()
    elif definition == "broken":
        with_private_entry.write_text("id: worry-time\nsteps: [", encoding="utf-8")
    shared = everything_exported(cli, tmp_path)
    assert "secret worry" not in shared and "Tom" not in shared
    # the rating of the private step stays out of ratings.csv too
    ratings = list(csv.DictReader((tmp_path / "csv" / "ratings.csv").open(encoding="utf-8")))
    assert not [r for r in ratings if r["step"] in ("level", "secret")]
    assert "work" in shared  # the rest of the entry is there
    assert "secret worry" in everything_exported(cli, tmp_path, "--include-private")


@pytest.mark.parametrize("definition", ["removed", "broken"])
@pytest.mark.parametrize("fmt", ["md", "json", "csv"])
def test_an_export_says_once_when_it_uses_what_entries_recorded(
    cli, tmp_path, with_private_entry, definition, fmt
) -> None:
    answers = cli.write_answers({"worry": "again", "secret": "x", "level": 3})
    cli.ok("do", "worry-time", "--answers", str(answers))  # two entries of it
    if definition == "removed":
        with_private_entry.unlink()
    else:
        with_private_entry.write_text("id: worry-time\nsteps: [", encoding="utf-8")
    result = cli.ok("export", "-f", fmt, "-o", str(tmp_path / f"out.{fmt}"))
    assert flat(result.stderr).count("The exercise 'worry-time' could not be read") == 1
    kept = cli.ok("export", "-f", fmt, "-o", str(tmp_path / f"all.{fmt}"), "-e", "mood")
    assert "could not be read" not in kept.stderr


def test_an_entry_keeps_its_labels_when_its_exercise_is_gone(
    cli, tmp_path, with_private_entry
) -> None:
    with_private_entry.unlink()
    out = tmp_path / "e.md"
    cli.ok("export", "-f", "md", "-o", str(out))
    assert "**Worry**" in out.read_text(encoding="utf-8")


def test_drafts_stay_out_of_exports_unless_asked(cli, tmp_path, home) -> None:
    from cbtcli.journal import open_journal

    with open_journal() as journal:
        entry = journal.start_entry("thought-record", 1, "Thought record")
        entry.answers = {"situation": "an unfinished draft"}
        journal.save(entry)
    out = tmp_path / "e.md"
    cli.ok("mood", "5")
    cli.ok("export", "-f", "md", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert "an unfinished draft" not in text and "Thought record 1" not in text
    cli.ok("export", "-f", "md", "-o", str(out), "--force", "--drafts")
    assert "an unfinished draft" in out.read_text(encoding="utf-8")


def test_import_keeps_alerts_scoring_and_private_steps(cli, tmp_path, with_private_entry) -> None:
    from .helpers import PHQ9_ITEMS, answers_for

    cli.ok(
        "measure",
        "phq9",
        "--answers",
        str(cli.write_answers(answers_for(PHQ9_ITEMS, [2] * 8 + [1]))),
    )
    first = tmp_path / "first.json"
    cli.ok("export", "-f", "json", "-o", str(first), "--include-private")
    fresh = tmp_path / "fresh.db"
    cli.ok("--db", str(fresh), "import", str(first))
    summary = cli.json("--db", str(fresh), "summary", "--json", "--since", "1y")
    assert [m["id"] for m in summary["measures"]] == ["phq9"]
    second = tmp_path / "second.json"
    cli.ok("--db", str(fresh), "export", "-f", "json", "-o", str(second), "--include-private")
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (first, second))
    assert a["entries"] == b["entries"] and a["scoring"] == b["scoring"]
    phq9 = next(e for e in b["entries"] if e["exercise"] == "phq9")
    assert len(phq9["alerts"]) == 1  # item 9 above "Not at all"
    worry = next(e for e in b["entries"] if e["exercise"] == "worry-time")
    assert worry["private_steps"] == ["level", "secret"]
    # and, brought to a computer without the exercise, the private answers still stay in
    with_private_entry.unlink()
    out = tmp_path / "after.md"
    cli.ok("--db", str(fresh), "export", "-f", "md", "-o", str(out))
    assert "secret worry" not in out.read_text(encoding="utf-8")


def test_an_older_export_is_still_read(cli, tmp_path, home) -> None:
    cli.ok("mood", "4", "-n", "fine")
    path = tmp_path / "v1.json"
    cli.ok("export", "-f", "json", "-o", str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["format_version"] = 1
    for key in ("scoring",):
        data.pop(key)
    path.write_text(json.dumps(data), encoding="utf-8")
    result = cli.ok("--db", str(tmp_path / "v1.db"), "import", str(path))
    assert "1 already here" in flat(result.output) or "Imported 1 mood" in flat(result.output)


def test_a_broken_exercise_file_is_said_once_on_stderr(cli, home) -> None:
    folder = home / "exercises"
    folder.mkdir(parents=True)
    (folder / "worry-time.yaml").write_text("id: worry-time\nsteps: [\n", encoding="utf-8")
    cli.ok("mood", "5")
    result = cli.ok("journal", "--json")
    assert [e["exercise"] for e in json.loads(result.stdout)] == ["mood"]  # data alone
    assert "worry-time.yaml has 1 problem" in result.stderr
    broken = cli("do", "worry-time")
    assert broken.exit_code == 1
    assert "has 1 problem, so it cannot be used yet" in flat(broken.stderr)
    assert "There is no exercise called" not in broken.output


@pytest.mark.parametrize(
    "args",
    [
        ("journal",),
        ("summary",),
        ("export", "-o", "-"),
        ("ladder", "list"),
        ("measure", "history"),
        ("goal", "list"),
        ("patterns",),
    ],
)
def test_a_command_that_only_reads_never_creates_a_journal(cli, tmp_path, args) -> None:
    missing = tmp_path / "mistyped" / "backup.db"
    result = cli("--db", str(missing), *args)
    assert result.exit_code == 1
    assert f"There is no journal at {missing}" in flat(result.output)
    assert not missing.parent.exists()


def test_a_writing_command_may_create_one_and_says_so_once(cli, tmp_path) -> None:
    new = tmp_path / "new.db"
    first = cli.ok("--db", str(new), "mood", "6")
    assert new.exists()
    assert flat(first.stderr) == f"Started a new journal at {new}."
    assert "Started" not in first.stdout  # standard output is for what was asked
    again = cli.ok("--db", str(new), "mood", "7")
    assert "Started" not in again.output
    answers = cli.write_answers(THOUGHT_RECORD_ANSWERS)
    assert (
        "Started"
        not in cli.ok("--db", str(new), "do", "thought-record", "--answers", str(answers)).output
    )


def test_the_first_entry_in_the_default_place_says_where_the_journal_is(cli, home) -> None:
    journal = home / "journal.db"
    assert cli.json("journal", "--json") == []  # reading an empty journal creates nothing
    assert "No entries yet" in cli.ok("journal").output
    assert "not created yet" in cli.ok("doctor").output
    assert not home.exists()
    answers = cli.write_answers(THOUGHT_RECORD_ANSWERS)
    result = cli.ok("do", "thought-record", "--answers", str(answers))
    assert f"Started a new journal at {journal}." in flat(result.stderr)
    assert journal.exists()
    assert "Started" not in cli.ok("mood", "5").output


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ("/proc/cbt-test.md", "cannot be written"),
        ("/sys/cbt-test.md", "cannot be written"),
    ],
)
def test_an_unwritable_destination_is_one_sentence_and_exit_1(cli, home, target, says) -> None:
    cli.ok("mood", "5")
    result = cli("export", "-o", target)
    assert result.exit_code == 1 and says in flat(result.output)
    assert "went wrong inside cbt" not in result.output


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("export", "-o", "{file}/x.md"), "{file} is a file, not a folder"),
        (("export", "-f", "csv", "-o", "{file}/folder/"), "{file}/folder cannot be written"),
        (("export", "-o", "{missing}/x.md"), "The folder {missing} does not exist"),
        (("backup", "{file}/x.db"), "{file}"),
        (("import", "{missing}/export.json"), "{missing}/export.json does not exist"),
        (("import", "{folder}"), "{folder} is a folder"),
        (
            ("do", "thought-record", "--answers", "{missing}/a.yaml"),
            "{missing}/a.yaml does not exist",
        ),
        (("--db", "{folder}", "mood", "5"), "{folder} is a folder"),
        (("--db", "{file}/journal.db", "mood", "5"), "{file}/journal.db could not be created"),
    ],
)
def test_a_path_that_cannot_be_used_is_one_sentence_and_exit_1(
    cli, home, tmp_path, args, says
) -> None:
    cli.ok("mood", "5")
    places = {"file": tmp_path / "a-file", "missing": tmp_path / "missing", "folder": tmp_path}
    places["file"].write_text("not a folder", encoding="utf-8")
    result = cli(*(arg.format(**places) for arg in args))
    assert result.exit_code == 1, result.output
    assert says.format(**places) in flat(result.output)
    assert "went wrong inside cbt" not in result.output and "Traceback" not in result.output
    assert not (tmp_path / "missing").exists()
