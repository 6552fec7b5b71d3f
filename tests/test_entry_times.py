"""One time for an entry everywhere (when it was finished), and no internal id ever shown."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from cbtcli.journal import COMPLETE, Entry, open_journal

from .helpers import THOUGHT_RECORD_ANSWERS

ZONE = timezone(timedelta(hours=1))


def test_show_journal_and_exports_give_the_finishing_time(cli, tmp_path) -> None:
    begun = datetime(2026, 3, 2, 9, 5, tzinfo=ZONE)
    entry = Entry.new(
        "thought-record", 1, "Thought record", begun, COMPLETE, answers=THOUGHT_RECORD_ANSWERS
    )
    entry.completed = entry.updated = begun + timedelta(minutes=95)  # finished at 10:40
    with open_journal() as journal:
        journal.insert(entry)
    finished = "Mon 02 Mar 2026, 10:40"
    outputs = {
        "show": cli.ok("show", entry.short_id).output,
        "journal": cli.ok("journal", "--since", "2026-03-01").output,
    }
    for fmt in ("md", "html", "pdf"):
        path = tmp_path / f"e.{fmt}"
        cli.ok("export", "-f", fmt, "-o", str(path), "--since", "2026-03-01")
        if fmt == "pdf":
            from pypdf import PdfReader

            outputs[fmt] = "".join(page.extract_text() for page in PdfReader(path).pages)
        else:
            outputs[fmt] = path.read_text(encoding="utf-8")
    for where, text in outputs.items():
        assert finished in text, where
        assert "09:05" not in text, where


def test_a_ladder_step_is_offered_by_its_words_not_its_id(cli) -> None:
    ladder = {"goal": "Drive", "ladder": {"name": "driving", "steps": [{"Sit in the car": 20}]}}
    cli.ok("ladder", "new", "--answers", str(cli.write_answers(ladder)))
    result = cli.ok("ladder", "practice", "driving", input="\nI'll panic\n70\n\n40\n")
    assert "Press Enter to keep: driving: Sit in the car (SUDS 20)." in result.output
    uuid_like = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}|[0-9a-f]{8}:[0-9a-f]{8}")
    assert not uuid_like.search(result.output), result.output  # short ids (8 hex) are fine
