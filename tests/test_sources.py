"""`cbt import --from APP FILE`: each app's real format, the dry run, a second import, and
refusals that leave the journal as it was."""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path

import pytest

from cbtcli.journal import open_journal
from cbtcli.journal.imported import origin

from .helpers import assert_one_clear_sentence, flat

SAMPLES = Path(__file__).parent / "data" / "sources"


@pytest.fixture(autouse=True)
def london(monkeypatch):
    """Times written without a zone are local: fix the zone so the tests never depend on it."""
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def sample(tmp_path: Path, name: str) -> Path:
    return Path(shutil.copy(SAMPLES / name, tmp_path / name))


def journal_state(home: Path) -> tuple[int, int, int]:
    with open_journal() as journal:
        counts = journal.query(
            "SELECT (SELECT count(*) FROM entries) AS e, (SELECT count(*) FROM moods) AS m,"
            " (SELECT count(*) FROM imported) AS i"
        )[0]
    return counts["e"], counts["m"], counts["i"]


def test_daylio_moods_activities_notes_and_times(cli, home, tmp_path) -> None:
    path = sample(tmp_path, "daylio.csv")
    refused = cli("import", "--from", "daylio", str(path))
    assert_one_clear_sentence(refused, "Line 4", "'fine'", "--mood-map")
    assert journal_state(home) == (0, 0, 0)
    result = cli.ok("import", "--from", "daylio", str(path), "--mood-map", "fine=6")
    assert "Imported from Daylio: 4 mood check-ins; 0 already here." in flat(result.output)
    with open_journal() as journal:
        moods = {m.recorded.strftime("%Y-%m-%d %H:%M"): m for m in journal.moods()}
    assert moods["2025-03-04 18:50"].score == 7
    assert moods["2025-03-04 18:50"].activities == ["work", "friends"]
    assert moods["2025-03-04 18:50"].note == "Dinner\n\nDinner with Sam, laughed a lot."
    assert moods["2025-03-03 14:58"].note == "" and moods["2025-03-03 14:58"].score == 5
    assert moods["2025-03-02 09:05"].score == 6  # renamed mood, scored by --mood-map
    assert moods["2025-03-01 00:00"].score == 1  # 12:00 am is midnight
    assert moods["2025-03-01 00:00"].note == "Couldn't sleep.\nLay awake until 3."
    again = cli.ok("import", "--from", "daylio", str(path), "--mood-map", "fine=6")
    assert "nothing new; 4 already here" in flat(again.output)
    assert journal_state(home) == (0, 4, 4)


def test_daylio_older_export_without_note_titles(cli, home, tmp_path) -> None:
    cli.ok("import", "--from", "daylio", str(sample(tmp_path, "daylio-old.csv")))
    with open_journal() as journal:
        moods = journal.moods()
    assert [(m.score, m.note, m.activities) for m in moods] == [
        (3, "", ["work"]),
        (9, "Best night in ages", ["party", "friends"]),
    ]


def test_jrnl_entries_become_journal_notes(cli, home, tmp_path) -> None:
    path = sample(tmp_path, "jrnl.json")
    result = cli.ok("import", "--from", "jrnl", str(path))
    text = flat(result.output)
    assert "Imported from jrnl: 2 entries (Journal note); 0 already here." in text
    assert "jrnl entry 3 (2025-03-03) is empty and was left out." in text
    data = cli.json("journal", "--json")
    notes = {e["answers"]["body"]: e for e in data}
    long_day = notes["The meeting ran late again and I snapped at Alex."]
    assert long_day["answers"]["title"] == "Long day."
    assert long_day["answers"]["tags"] == ["@work"]
    assert long_day["flagged"] is True  # starred in jrnl
    assert notes["Quiet morning"]["flagged"] is False  # a title alone is the whole note
    assert "title" not in notes["Quiet morning"]["answers"]
    with open_journal() as journal:
        kept = origin(journal, long_day["id"])
    assert kept is not None and '"starred":true' in kept["raw"]  # the app's whole record
    assert "nothing new; 2 already here" in flat(
        cli.ok("import", "--from", "jrnl", str(path)).output
    )


def test_freecbt_archive_maps_thoughts_and_traps(cli, home, tmp_path) -> None:
    result = cli.ok("import", "--from", "freecbt", str(sample(tmp_path, "freecbt.json")))
    text = flat(result.output)
    assert "3 entries (Thought record)" in text
    assert "the distortion 'jumping-to-conclusions' has no match in cbt's list" in text
    entries = {e["answers"]["hot_thought"]: e for e in cli.json("journal", "--json")}
    party = entries["Everyone at the party thought I was boring"]["answers"]
    assert party["automatic_thoughts"] == ["Everyone at the party thought I was boring"]
    assert party["distortions"] == ["mind-reading", "overgeneralising"]
    assert party["evidence_against"] == ["Two people asked for my number"]
    assert party["balanced_thought"] == "Some people enjoyed talking to me"
    assert "belief_before" not in party and "emotions" not in party  # no ratings made up
    legacy = entries["I'm a failure"]["answers"]
    assert legacy["distortions"] == ["labelling", "personalising"]  # the unselected one is not
    assert "evidence_against" not in legacy


def test_freecbt_csv(cli, home, tmp_path) -> None:
    cli.ok("import", "--from", "freecbt", str(sample(tmp_path, "freecbt.csv")))
    entries = {e["answers"]["hot_thought"]: e for e in cli.json("journal", "--json")}
    first = entries["I'll never get this right"]["answers"]
    assert first["distortions"] == ["all-or-nothing", "catastrophising"]
    assert first["balanced_thought"] == "I'm still learning"


def test_om_thoughts_and_moods_scale_intensity_to_feelings(cli, home, tmp_path) -> None:
    cli.ok("import", "--from", "om", str(sample(tmp_path, "om-thoughts.json")))
    entries = {e["answers"]["hot_thought"]: e for e in cli.json("journal", "--json")}
    fired = entries["I'm about to be let go"]["answers"]
    assert fired["situation"] == "Boss cancelled our one-to-one"
    assert fired["emotions"] == {"anxious": 80}
    assert fired["emotions_after"] == {"anxious": 40}
    assert entries["I ruin everything"]["answers"]["emotions"] == {"sad": 70}
    cli.ok("import", "--from", "om", str(sample(tmp_path, "om-moods.json")))
    with open_journal() as journal:
        moods = journal.moods()
    # om's intensity is how strong the named feeling is, never a 0-10 mood score
    assert [(m.score, m.emotions, m.note) for m in moods] == [
        (None, {"anxious": 70}, "Work again"),
        (None, {"calm": 50}, ""),
    ]
    assert moods[0].activities == ["work"]


def test_dry_run_reports_and_changes_nothing(cli, home, tmp_path) -> None:
    cli.ok("mood", "5")  # the journal exists, with something in it
    db = home / "journal.db"
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    result = cli.ok(
        "import", "--from", "freecbt", "--dry-run", str(sample(tmp_path, "freecbt.json"))
    )
    text = flat(result.output)
    assert "Would import from FreeCBT or Quirk: 3 entries (Thought record)" in text
    assert "Nothing was changed (--dry-run)." in text
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert journal_state(home) == (0, 1, 0)


@pytest.mark.parametrize(
    ("source", "name", "content", "fragment"),
    [
        ("daylio", "broken.csv", "full_date,time,mood\n2025-02-30,9:00 am,good\n", "Line 2"),
        ("daylio", "notes.csv", "name,notes\nx,y\n", "not a Daylio CSV export"),
        ("daylio", "time.csv", "full_date,time,mood\n2025-02-03,25:61,good\n", "time"),
        ("jrnl", "cut.json", '{"entries": [{"title": "a", "date": "2025-0', "not valid JSON"),
        ("jrnl", "other.json", '{"thoughts": []}', "not a jrnl JSON export"),
        (
            "freecbt",
            "bad.json",
            '{"thoughts": [{"automaticThought": "x", "createdAt": "soon"}]}',
            "Thought 1",
        ),
        ("om", "bad.json", '[{"mood": "sad", "intensity": 70, "date": "2025-01-01"}]', "intensity"),
        ("om", "list.json", '[{"weather": "rain"}]', "Record 1"),
    ],
)
def test_a_corrupt_or_foreign_file_imports_nothing(
    cli, home, tmp_path, source, name, content, fragment
) -> None:
    cli.ok("import", "--from", "daylio", str(sample(tmp_path, "daylio-old.csv")))
    state = journal_state(home)
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    result = cli("import", "--from", source, str(bad))
    assert_one_clear_sentence(result, fragment, "nothing was imported")
    assert result.exit_code == 1
    assert journal_state(home) == state


def test_an_unknown_app_is_named(cli, home, tmp_path) -> None:
    result = cli("import", "--from", "diaro", str(sample(tmp_path, "jrnl.json")))
    assert_one_clear_sentence(result, "'diaro'", "daylio, freecbt, jrnl, om")
    assert result.exit_code == 2


def test_deleting_an_imported_entry_removes_the_apps_copy_too(cli, home, tmp_path) -> None:
    cli.ok("import", "--from", "jrnl", str(sample(tmp_path, "jrnl.json")))
    entry_id = next(
        e["id"] for e in cli.json("journal", "--json") if "ran late" in e["answers"]["body"]
    )
    cli.ok("delete", entry_id, "--yes")
    with open_journal() as journal:
        assert origin(journal, entry_id) is None
    assert b"ran late again" not in (home / "journal.db").read_bytes()


def test_check_ins_written_before_imports_existed_are_kept_whole(home: Path) -> None:
    from sqlite_utils import Database

    from cbtcli.journal.schema import build_migrations

    home.mkdir()
    db = Database(home / "journal.db")
    build_migrations().apply(db, stop_before="0009_imported")
    db.execute(
        "INSERT INTO moods VALUES ('m1', 4, 'tired', '{\"sad\": 40}',"
        " '2026-01-01T10:00:00+00:00', 60, '2026-01-01')"
    )
    db.close()
    with open_journal() as journal:
        (mood,) = journal.moods()
        assert (mood.score, mood.note, mood.emotions, mood.activities) == (
            4,
            "tired",
            {"sad": 40},
            [],
        )
        journal.add_mood(6, when=mood.recorded)  # the practice-day trigger was rebuilt too
        assert journal.query("SELECT done FROM activity WHERE local_day = '2026-01-01'") == [
            {"done": 2}
        ]
        with pytest.raises(Exception, match="CHECK"):
            journal.conn.execute(
                "INSERT INTO moods (id, score, recorded_at, utc_offset, local_day)"
                " VALUES ('m3', 11, '2026-01-01T10:00:00+00:00', 0, '2026-01-01')"
            )


def test_imported_check_ins_survive_an_export_and_import(cli, home, tmp_path) -> None:
    cli.ok("import", "--from", "om", str(sample(tmp_path, "om-moods.json")))
    cli.ok("import", "--from", "daylio", str(sample(tmp_path, "daylio-old.csv")))
    export = tmp_path / "all.json"
    cli.ok("export", "-f", "json", "-o", str(export))
    cli.ok("--db", str(tmp_path / "new.db"), "import", str(export))
    moods = {
        m["id"]: m
        for m in cli.json("--db", str(tmp_path / "new.db"), "export", "-f", "json", "-o", "-")[
            "moods"
        ]
    }
    assert len(moods) == 4
    assert {(m["score"], tuple(m["activities"])) for m in moods.values()} >= {
        (None, ("work",)),
        (9, ("party", "friends")),
    }


@pytest.mark.parametrize(
    ("source", "name", "extra"),
    [
        ("daylio", "daylio.csv", ("--mood-map", "fine=6")),
        ("daylio", "daylio-old.csv", ()),
        ("jrnl", "jrnl.json", ()),
        ("freecbt", "freecbt.json", ()),
        ("freecbt", "freecbt.csv", ()),
        ("om", "om-thoughts.json", ()),
        ("om", "om-moods.json", ()),
    ],
)
def test_every_source_has_a_dry_run_and_a_second_import_adds_nothing(
    cli, home, tmp_path, source, name, extra
) -> None:
    cli.ok("mood", "5")  # the journal exists, with something in it
    db = home / "journal.db"
    path = str(sample(tmp_path, name))
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    dry = flat(cli.ok("import", "--from", source, "--dry-run", path, *extra).output)
    assert "Would import from" in dry and "Nothing was changed (--dry-run)." in dry
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    first = flat(cli.ok("import", "--from", source, path, *extra).output)
    assert "Imported from" in first and "0 already here" in first
    state = journal_state(home)
    again = flat(cli.ok("import", "--from", source, path, *extra).output)
    assert "nothing new" in again
    assert journal_state(home) == state
