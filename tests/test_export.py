"""Exports in every format, filters and privacy, file safety, and import round trips."""

from __future__ import annotations

import csv
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cbtcli import paths
from cbtcli.export import markdown
from cbtcli.export.csv_files import cell
from cbtcli.terminal.console import for_terminal

from . import demo
from .helpers import THOUGHT_RECORD_ANSWERS, assert_one_clear_sentence, flat

SCRIPT = "<script>alert('hi')</script>"


@pytest.fixture
def journal_home(home: Path) -> Path:
    demo.build(home)
    return home


def export(cli, tmp_path: Path, fmt: str, *args: str, name: str | None = None) -> Path:
    target = tmp_path / (name or f"out.{fmt}")
    cli.ok("export", "--format", fmt, "-o", str(target), *args)
    return target


def exported_entries(cli, tmp_path: Path, *args: str) -> list[dict]:
    path = export(cli, tmp_path, "json", *args, name=f"e{len(list(tmp_path.iterdir()))}.json")
    return json.loads(path.read_text(encoding="utf-8"))["entries"]


def test_markdown_has_a_header_and_every_entry(cli, journal_home, tmp_path) -> None:
    text = export(cli, tmp_path, "md", "--name", "Sam").read_text(encoding="utf-8")
    assert text.startswith("# CBT practice journal: Sam")
    assert "- **Entries:** Exposure practice 3, Thought record 3" in text
    assert "- **Mood:** average 5.8 / 10 over 28 check-ins" in text
    assert text.count("\n## ") == 11  # ten entries, and the mood check-ins
    assert (
        "- **PHQ-9:** Your PHQ-9 went from 13 to 6: a drop bigger than normal week-to-week ups and downs"
        in text
    )
    assert "80 % → 30 %" in text  # belief, with its scale, before and after
    assert "anxious 85 → 45" in text
    assert "- I've presented these numbers twice before and it went fine" in text
    assert "⚑ to discuss" in text
    assert "&lt;b&gt;and had to email the client&lt;/b&gt;" in text  # typed markup stays text


def test_html_is_self_contained_and_escapes_everything(cli, journal_home, tmp_path) -> None:
    answers = {
        **THOUGHT_RECORD_ANSWERS,
        "situation": f"I wrote {SCRIPT} & <img src=x onerror=alert(1)>",
    }
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(answers)))
    html = export(cli, tmp_path, "html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt;" in html
    assert "<script" not in html and "<img" not in html
    assert "&amp; &lt;img src=x onerror=alert(1)&gt;" in html  # shown as the text typed
    for external in ("http://", "https://", "<link", "@import", "url("):
        assert external not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert '<svg class="chart"' in html and html.count("<circle") == 28
    assert html.count("<article>") == 11
    assert "@media print" in html and "break-before: page" in html


def test_pdf_is_a_real_pdf_with_the_entries_text(cli, journal_home, tmp_path) -> None:
    from pypdf import PdfReader

    unicode_answers = {
        **THOUGHT_RECORD_ANSWERS,
        "situation": "Au café with Zoë, Łukasz and 李雷 😊 — déjà vu",
    }
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(unicode_answers)))
    path = export(cli, tmp_path, "pdf")
    assert path.read_bytes().startswith(b"%PDF-")
    reader = PdfReader(str(path))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert 1 < len(reader.pages) < 12  # entries flow on; --page-per-entry gives each a page
    assert "I'll freeze and everyone will see I don't know what I'm doing" in " ".join(text.split())
    assert "café with Zoë, Łukasz" in text


def test_csv_reads_back_as_the_journal(cli, journal_home, tmp_path) -> None:
    folder = tmp_path / "csv"
    cli.ok("export", "--format", "csv", "-o", f"{folder}/")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    listed = cli.json("journal", "--json", "-n", "100")
    assert sum(e["exercise"] == "mood" for e in listed) == 28  # check-ins are listed too
    journal = {e["id"]: e for e in listed if e["exercise"] != "mood"}
    with (folder / "entries.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(journal) == 10
    for row in rows:
        entry = journal[row["id"]]
        assert row["exercise"] == entry["exercise"] and row["status"] == entry["status"]
        for step, value in entry["answers"].items():
            assert row[step] == cell(value), (step, row[step])
    record = next(r for r in rows if r["situation"].startswith("Monday 9am"))
    assert (
        record["automatic_thoughts"]
        == "I'll freeze and everyone will see I don't know what I'm doing; They'll think I'm a fraud"
    )
    with (folder / "moods.csv").open(newline="", encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == 28
    with (folder / "ratings.csv").open(newline="", encoding="utf-8") as handle:
        ratings = list(csv.DictReader(handle))
    assert {"entry_id", "exercise", "step", "item", "value", "day"} <= set(ratings[0])
    assert any(r["step"] == "belief_after" and r["value"] == "30" for r in ratings)


def test_filters_change_what_is_exported(cli, journal_home, tmp_path) -> None:
    everything = exported_entries(cli, tmp_path)
    assert len(everything) == 10
    assert [e["exercise"] for e in exported_entries(cli, tmp_path, "-e", "thought-record")] == [
        "thought-record"
    ] * 3
    two = exported_entries(cli, tmp_path, "-e", "thought-record", "-e", "behavioural-experiment")
    assert len(two) == 4
    flagged = exported_entries(cli, tmp_path, "--flagged")
    assert [e["flagged"] for e in flagged] == [True]
    recent = exported_entries(cli, tmp_path, "--since", "5d")
    assert recent and len(recent) < 10
    old = exported_entries(cli, tmp_path, "--until", "15d")
    assert {e["id"] for e in old}.isdisjoint({e["id"] for e in recent})
    assert exported_entries(cli, tmp_path, "-e", "mood") == []


def test_private_entries_and_steps_are_left_out_unless_asked(cli, journal_home, tmp_path) -> None:
    entries = exported_entries(cli, tmp_path)
    cli.ok("private", entries[0]["id"])
    folder = paths.user_exercises_dir()
    folder.mkdir(parents=True)
    (folder / "diary.yaml").write_text(
        "id: diary\ntitle: Diary\nsteps:\n  - {id: public_bit, type: text, prompt: Shareable?}\n"
        "  - {id: secret, type: text, prompt: Just for you?, private: true}\n",
        encoding="utf-8",
    )
    cli.ok(
        "do",
        "diary",
        "--answers",
        str(cli.write_answers({"public_bit": "fine", "secret": "hidden words"})),
    )
    shared = exported_entries(cli, tmp_path)
    assert len(shared) == 10  # 11 entries, one private
    diary = next(e for e in shared if e["exercise"] == "diary")
    assert diary["answers"] == {"public_bit": "fine"}
    result = cli.ok("export", "-f", "md", "-o", str(tmp_path / "p.md"))
    assert "1 private entry and 1 private answer left out" in flat(result.output)
    md = (tmp_path / "p.md").read_text(encoding="utf-8")
    assert "hidden words" not in md and "1 private entry and 1 private answer left out." in md
    everything = exported_entries(cli, tmp_path, "--include-private")
    assert len(everything) == 11
    assert (
        next(e for e in everything if e["exercise"] == "diary")["answers"]["secret"]
        == "hidden words"
    )


def test_files_are_private_and_never_overwritten_by_accident(
    cli, journal_home, tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    old = os.umask(0)
    try:
        result = cli.ok("export")
    finally:
        os.umask(old)
    [made] = list(tmp_path.glob("cbt-export-*.md"))
    assert made.name in flat(result.output)
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    before = made.read_bytes()
    assert_one_clear_sentence(cli("export", "-o", made.name), "already exists", "--force")
    assert made.read_bytes() == before
    second = tmp_path / made.name.replace(".md", "-2.md")
    assert second.name in flat(cli.ok("export").output)  # a name of cbt's own choosing is new
    assert made.read_bytes() == before and second.exists()
    cli.ok("export", "-o", made.name, "--force")
    assert list(tmp_path.glob(".cbt-export*")) == []  # no temporary file left behind
    out = cli.ok("export", "-f", "json", "-o", "-").stdout
    assert json.loads(out)["format"] == "cbtcli-export"


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["export", "-f", "docx"], ["'docx' is not an export format"]),
        (["export", "--since", "last tuesday"], ["is not a --since date"]),
        (["export", "-e", "nope"], ["no exercise called 'nope'"]),
        (["export", "-o", "/no/such/folder/x.md"], ["does not exist"]),
    ],
)
def test_bad_export_requests(cli, journal_home, args, fragments) -> None:
    assert_one_clear_sentence(cli(*args), *fragments)


def test_json_round_trip_is_lossless(cli, journal_home, tmp_path, monkeypatch) -> None:
    first = export(cli, tmp_path, "json", "--include-private")
    fresh = tmp_path / "fresh"
    monkeypatch.setenv("CBT_HOME", str(fresh))
    result = cli.ok("import", str(first))
    assert "Imported 10 entries, 28 moods, 1 ladder;" in flat(result.output)
    second = export(cli, tmp_path, "json", "--include-private", name="second.json")
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (first, second))
    assert a["entries"] == b["entries"]
    assert a["moods"] == b["moods"]
    assert a["ladders"] == b["ladders"]
    assert cli.json("summary", "--json")["ladders"] == [
        {"name": "bus", "steps": 4, "mastered": 0, "latest_peak": 15}
    ]
    again = cli.ok("import", str(first))
    assert "nothing new" in flat(again.output)
    assert len(cli.json("journal", "--json", "-n", "100")) == 10 + 28


def test_a_differing_entry_is_reported_then_replaced_on_request(
    cli, journal_home, tmp_path
) -> None:
    path = export(cli, tmp_path, "json")
    data = json.loads(path.read_text(encoding="utf-8"))
    target = next(e for e in data["entries"] if e["exercise"] == "thought-record")
    target["answers"]["situation"] = "Changed elsewhere"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = cli.ok("import", str(path))
    assert "1 entry in the file differs from yours; yours is kept" in flat(result.output)
    assert cli.json("show", target["id"], "--json")["answers"]["situation"] != "Changed elsewhere"
    replaced = flat(cli.ok("import", str(path), "--replace").output)
    assert "Imported nothing new" in replaced and "Replaced 1 entry with" in replaced
    for changed in [e for e in data["entries"] if e["exercise"] == "thought-record"][:2]:
        changed["answers"]["situation"] = "Changed again"
    path.write_text(json.dumps(data), encoding="utf-8")
    twice = flat(cli.ok("import", str(path)).output)
    assert "2 entries in the file differ from yours; yours are kept" in twice
    assert cli.json("show", target["id"], "--json")["answers"]["situation"] == "Changed elsewhere"


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (lambda text: text[: len(text) // 2], "truncated"),
        (lambda text: "just some notes", "not a cbt export"),
        (lambda text: json.dumps({"hello": 1}), "not a cbt export"),
        (
            lambda text: text.replace('"format_version": 2', '"format_version": 9'),
            "newer version of cbt",
        ),
        (
            lambda text: text.replace('"status": "complete"', '"status": "finished"', 1),
            "'status' that is not draft, awaiting or complete",
        ),
    ],
)
def test_a_bad_import_changes_nothing(cli, journal_home, tmp_path, content, fragment) -> None:
    path = export(cli, tmp_path, "json")
    path.write_text(content(path.read_text(encoding="utf-8")), encoding="utf-8")
    fresh = tmp_path / "fresh"
    os.environ["CBT_HOME"] = str(fresh)
    try:
        cli.ok("mood", "5")
        assert_one_clear_sentence(cli("import", str(path)), fragment, "nothing was imported")
        assert len(cli.json("summary", "--json")["mood"]["points"]) == 1
        assert [e["exercise"] for e in cli.json("journal", "--json")] == ["mood"]
    finally:
        os.environ["CBT_HOME"] = str(journal_home)


def test_flag_unflag_and_the_journal_filter(cli, journal_home) -> None:
    entries = cli.json("journal", "--json")
    plain = next(e for e in entries if not e["flagged"] and e["exercise"] != "mood")
    cli.ok("flag", plain["id"][:8])
    assert {e["id"] for e in cli.json("journal", "--json", "--flagged")} >= {plain["id"]}
    cli.ok("unflag", plain["id"][:8])
    assert plain["id"] not in {e["id"] for e in cli.json("journal", "--json", "--flagged")}


def test_do_can_flag_an_entry_from_an_answers_file(cli) -> None:
    cli.ok(
        "do",
        "thought-record",
        "--flag",
        "--answers",
        str(cli.write_answers(THOUGHT_RECORD_ANSWERS)),
    )
    assert cli.json("journal", "--json", "--flagged")[0]["flagged"] is True


CHROMIUM = (
    shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_html_export_renders_in_a_browser(cli, journal_home, tmp_path) -> None:
    page = export(cli, tmp_path, "html", "--name", "Sam")
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    dom = subprocess.run(
        [CHROMIUM, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120
    ).stdout
    assert dom.count("<article>") == 10 and "<polyline" in dom
    shot = tmp_path / "page.png"
    subprocess.run(
        [
            CHROMIUM,
            *flags,
            "--hide-scrollbars",
            "--window-size=1000,1400",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
    )
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000  # a rendered page, not a blank one


def test_private_can_be_undone_and_settings_listed_and_forgotten(cli, journal_home) -> None:
    entry = cli.json("journal", "--json", "-e", "thought-record")[0]
    cli.ok("private", entry["id"])
    assert cli.json("show", entry["id"], "--json")["private"] is True
    cli.ok("private", entry["id"], "--undo")
    assert cli.json("show", entry["id"], "--json")["private"] is False
    cli.ok("config", "set", "name", "Sam")
    assert "name = Sam" in cli.ok("config", "list").output
    cli.ok("config", "unset", "name")
    assert "name = (not set)" in cli.ok("config", "list").output
    assert_one_clear_sentence(cli("config", "unset", "colour"), "'colour' is not a setting")


def test_picked_choices_are_listed_whole_and_none_picked_lists_nothing(cli, tmp_path) -> None:
    folder = paths.user_exercises_dir()
    folder.mkdir(parents=True)
    (folder / "picks.yaml").write_text(
        "id: picks\ntitle: Picks\nsteps:\n"
        "  - id: kinds\n    type: multi_choice\n    prompt: Which?\n    required: false\n"
        "    choices:\n      - {id: a, label: 'Should, must and ought'}\n      - {id: b, label: Other}\n"
        "  - {id: note, type: text, prompt: Anything else?}\n",
        encoding="utf-8",
    )
    for picked in (["a", "b"], []):
        answers = {"kinds": picked, "note": "ok"}
        cli.ok("do", "picks", "--answers", str(cli.write_answers(answers)))
    md = export(cli, tmp_path, "md").read_text(encoding="utf-8")
    assert "- Should, must and ought\n- Other\n" in md
    assert "- \n" not in md  # an empty pick makes no empty bullet


# Any text, and text made of what the quick look decides on (a rating such as '7 / 10'
# starts with a digit, a numbered item with one and a dot).
TEXTS_TO_ESCAPE = st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | st.text(
    alphabet=st.sampled_from([*"0123456789٣. \t\n\r\x0b\x1b\x85\u2003#>+-*=|_`\\<a/%→"]),
    max_size=12,
)


@settings(max_examples=400, deadline=None)
@given(TEXTS_TO_ESCAPE)
def test_markdown_escape_takes_its_quick_path_only_when_nothing_would_change(text) -> None:
    """The quick look in `escape` must agree with the full treatment it skips."""
    full = markdown.SPECIAL_START.sub(
        lambda m: m.group(1) + "\\" + m.group(2),
        for_terminal(text)
        .replace("\\", "\\\\")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("*", "\\*")
        .replace("_", "\\_")
        .replace("`", "\\`"),
    )
    assert markdown.escape(text) == full


def test_a_refused_import_on_a_new_computer_creates_no_journal(cli, home, tmp_path) -> None:
    broken = tmp_path / "cut.json"
    broken.write_text('{"format": "cbt-export", "format_version": 2, "entries": [{"id"', "utf-8")
    result = cli("import", str(broken))
    assert result.exit_code == 1
    assert "Started a new journal" not in result.output
    assert not (home / "journal.db").exists()


def test_an_export_never_takes_the_login_name_unasked(cli, journal_home, tmp_path) -> None:
    import getpass

    login = getpass.getuser()
    text = export(cli, tmp_path, "md").read_text(encoding="utf-8")
    assert text.startswith("# CBT practice journal\n")
    assert f"journal: {login}" not in text
    cli.ok("config", "set", "name", "Sam")
    named = export(cli, tmp_path, "md", name="named.md").read_text(encoding="utf-8")
    assert named.startswith("# CBT practice journal: Sam\n")


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXTS_TO_ESCAPE, max_size=4))
def test_markdown_one_look_at_an_entry_passes_only_words_escaping_leaves_alone(words) -> None:
    """An entry's words are written as they are when one look at all of them finds nothing
    to escape: escaping each on its own must then change none."""
    if markdown.all_plain(words):
        assert [markdown.escape(word) for word in words] == words


def test_a_rating_kept_in_another_shape_is_shown_as_it_was_written(cli, home, clock) -> None:
    from cbtcli.journal import open_journal

    from .helpers import FROZEN_AT, JournalBuilder

    home.mkdir(mode=0o700, exist_ok=True)
    answers = {
        "situation": "At my desk",
        "belief_before": ["Not sure, maybe most of it"],  # an older version kept a list
        "belief_after": "about half",
    }
    with open_journal(home / "journal.db") as journal:
        JournalBuilder(journal).entry("thought-record", FROZEN_AT, answers)
    for fmt in ("md", "html"):
        shown = cli.ok("export", "-f", fmt, "-o", "-").output
        assert "Not sure, maybe most of it" in shown and "about half" in shown
        assert "['" not in shown and "[&#x27;" not in shown and "about half / " not in shown
