"""`cbt prep`: one page for the next session, with exactly what may leave the journal, in the
terminal and in every file format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cbtcli import paths

from .helpers import PHQ9_ITEMS, THOUGHT_RECORD_ANSWERS, flat


def latest_id(cli) -> str:
    return cli.json("journal", "--json")[0]["id"]


def written_before_version_2(cli, entry_id: str) -> None:
    """Make an entry one of thought record version 1, when evidence against was optional and
    could be left out (version 2 requires it), by bringing it back in through `cbt import`."""
    path = cli.home / "partial.json"
    cli.ok("export", "-f", "json", "-e", "thought-record", "-o", str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    [entry] = [e for e in data["entries"] if e["id"] == entry_id]
    del entry["answers"]["evidence_against"]
    entry["exercise_version"] = 1
    data["entries"] = [entry]
    path.write_text(json.dumps(data), encoding="utf-8")
    cli.ok("import", "--replace", str(path))
    path.unlink()


@pytest.fixture
def prepared(cli) -> Path:
    """A session yesterday with homework; since then a complete thought record (flagged), one
    without evidence against, a private flagged one, a diary entry with a private answer
    (flagged), and a PHQ-9 that showed crisis resources."""
    session = {
        "date": "yesterday",
        "worked_on": "Worry about the new job",
        "homework": ["thought-record 3/week", "behavioural-activation 2/week", "Ask Sam"],
        "goals": "add",
        "heard": 8,
        "my_topics": 8,
        "approach": 8,
        "overall": 8,
    }
    cli.ok("session", "--answers", str(cli.write_answers(session, "s.yaml")))
    cli.ok(
        "do",
        "thought-record",
        "--flag",
        "--answers",
        str(cli.write_answers(THOUGHT_RECORD_ANSWERS, "t1.yaml")),
    )
    partial = {**THOUGHT_RECORD_ANSWERS, "situation": "Partial one"}
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(partial, "t2.yaml")))
    written_before_version_2(cli, latest_id(cli))
    secret = {**THOUGHT_RECORD_ANSWERS, "situation": "A PRIVATE SITUATION"}
    cli.ok("do", "thought-record", "--flag", "--answers", str(cli.write_answers(secret, "t3.yaml")))
    cli.ok("private", latest_id(cli))
    folder = paths.user_exercises_dir()
    folder.mkdir(parents=True)
    (folder / "diary.yaml").write_text(
        "id: diary\ntitle: Diary\nsteps:\n  - {id: public_bit, type: text, prompt: Shareable?}\n"
        "  - {id: secret, type: text, prompt: Just for you?, private: true}\n",
        encoding="utf-8",
    )
    diary = {"public_bit": "Shared words", "secret": "HIDDEN WORDS"}
    cli.ok("do", "diary", "--flag", "--answers", str(cli.write_answers(diary, "d.yaml")))
    scores = dict(zip(PHQ9_ITEMS, [2, 2, 2, 2, 1, 1, 1, 1, 1], strict=True))
    cli.ok("measure", "phq9", "--answers", str(cli.write_answers({"phq9": scores}, "p.yaml")))
    cli.ok("mood", "5")
    return cli.home


def check_page(text: str, include_private: bool = False) -> None:
    text = flat(text)
    assert "Thought record: agreed 3 a week" in text
    assert "done 2" in text if not include_private else "done 3" in text
    assert "Activity plan: agreed 2 a week" in text and "not yet" in text
    assert "complete" in text
    assert "without evidence against" in text  # the partial record, said kindly
    assert "Also agreed: Ask Sam" in text
    assert "PHQ-9: 13 of 27" in text
    assert "Average 5 out of 10" in text
    assert "Shared words" in text  # the flagged diary entry in full...
    assert "She thanked me on Friday" in text  # ...and the flagged thought record
    assert "Times cbt showed crisis resources" in text and "(PHQ-9" in text
    # The PHQ-9 that showed crisis resources is not flagged: its date only, no answers.
    assert "Feeling down" not in text
    assert ("HIDDEN WORDS" in text) is include_private
    assert ("A PRIVATE SITUATION" in text) is include_private


def test_prep_in_the_terminal(cli, prepared) -> None:
    check_page(cli.ok("prep", "--talk-about", "Sleep, mostly").output)
    check_page(cli.ok("prep", "--include-private").output, include_private=True)


def test_prep_in_every_file_format(cli, prepared, tmp_path) -> None:
    from pypdf import PdfReader

    for fmt in ("md", "html", "pdf"):
        for private in (False, True):
            target = tmp_path / f"prep-{private}.{fmt}"
            extra = ["--include-private"] if private else []
            cli.ok("prep", "-f", fmt, "-o", str(target), "--talk-about", "Sleep", *extra)
            assert target.stat().st_mode & 0o777 == 0o600
            if fmt == "pdf":
                text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
            else:
                text = target.read_text(encoding="utf-8")
                text = text.replace("\\", "").replace("&#x27;", "'")
            check_page(text, include_private=private)
            assert "Sleep" in text


def test_talk_about_is_kept_in_the_journal(cli) -> None:
    cli.ok("prep", "--talk-about", "How to say no at work")
    shown = flat(cli.ok("journal").output)
    assert "To talk about next session" in shown


def test_bad_format_is_one_sentence(cli) -> None:
    result = cli("prep", "-f", "docx", "-o", "x.docx")
    assert result.exit_code == 2 and "not a prep format" in flat(result.output)


def test_an_empty_journal_says_so(cli) -> None:
    assert "Nothing in the journal for this period yet" in flat(cli.ok("prep").output)
