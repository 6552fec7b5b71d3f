"""The journal's schema as a list of migrations, applied in order when a journal is opened."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .ratings import rating_rows
from .records import FINISHED_SQL

if TYPE_CHECKING:
    from sqlite_utils import Database

MIGRATION_SET = "cbtcli"
MIGRATIONS_TABLE = "_sqlite_migrations"
# The names of the migrations below, in order: opening an up-to-date journal compares
# against this list without importing sqlite-utils, which only a migration needs.
MIGRATION_NAMES = (
    "0001_entries_and_moods",
    "0002_ratings",
    "0003_ladders",
    "0004_goals",
    "0005_activity",
    "0006_alerts",
    "0007_measures",
    "0008_meta",
    "0009_imported",
    "0010_mood_alerts",
    "0011_private_steps",
    "0012_shared_entries_index",
    "0013_assignments",
    "0014_day_ordered_counts",
    "0015_firsts_and_latests",
)


def build_migrations():  # -> sqlite_utils.Migrations, imported lazily for start-up speed
    from sqlite_utils import Migrations

    migrations = Migrations(MIGRATION_SET)

    @migrations(name="0001_entries_and_moods")
    def entries_and_moods(db: Database) -> None:
        db.execute(
            """
            CREATE TABLE entries (
                id TEXT PRIMARY KEY,
                exercise_id TEXT NOT NULL,
                exercise_version INTEGER NOT NULL,
                exercise_title TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('draft', 'awaiting', 'complete')),
                phase INTEGER NOT NULL DEFAULT 0,
                cursor INTEGER NOT NULL DEFAULT 0,
                started_at TEXT NOT NULL,
                started_offset INTEGER NOT NULL,
                updated_at TEXT NOT NULL,
                completed_at TEXT,
                completed_offset INTEGER,
                local_day TEXT NOT NULL,
                answers TEXT NOT NULL DEFAULT '{}',
                flagged INTEGER NOT NULL DEFAULT 0,
                private INTEGER NOT NULL DEFAULT 0
            )
            """
        )
        db.execute("CREATE INDEX entries_by_day ON entries (local_day)")
        db.execute("CREATE INDEX entries_by_exercise ON entries (exercise_id, local_day)")
        db.execute("CREATE INDEX entries_by_status ON entries (status, updated_at)")
        db.execute(
            """
            CREATE TABLE moods (
                id TEXT PRIMARY KEY,
                score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
                note TEXT NOT NULL DEFAULT '',
                emotions TEXT NOT NULL DEFAULT '{}',
                recorded_at TEXT NOT NULL,
                utc_offset INTEGER NOT NULL,
                local_day TEXT NOT NULL
            )
            """
        )
        db.execute("CREATE INDEX moods_by_day ON moods (local_day)")

    @migrations(name="0002_ratings")
    def ratings(db: Database) -> None:
        db.execute(
            """
            CREATE TABLE ratings (
                entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
                exercise_id TEXT NOT NULL,
                step_id TEXT NOT NULL,
                item TEXT NOT NULL DEFAULT '',
                value INTEGER NOT NULL,
                local_day TEXT NOT NULL,
                status TEXT NOT NULL,
                main INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (entry_id, step_id, item)
            )
            """
        )
        # Covers the summary's queries: one index range per figure, no table lookups.
        db.execute(
            "CREATE INDEX ratings_by_step ON ratings"
            " (exercise_id, step_id, status, main, local_day, item, value)"
        )
        # In item order, so counting each feeling needs no sort.
        db.execute(
            "CREATE INDEX ratings_by_item ON ratings (exercise_id, step_id, status, item, local_day)"
        )
        # Which choices were picked (thinking traps, say), for counting without reading JSON.
        db.execute(
            """
            CREATE TABLE choices (
                entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
                exercise_id TEXT NOT NULL,
                step_id TEXT NOT NULL,
                choice TEXT NOT NULL,
                status TEXT NOT NULL,
                local_day TEXT NOT NULL,
                label TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (entry_id, step_id, choice)
            )
            """
        )
        db.execute(
            "CREATE INDEX choices_by_step ON choices"
            " (exercise_id, step_id, status, choice, local_day, label)"  # grouped without a sort
        )
        # Entries written before this table existed get their ratings now.
        for entry_id, exercise_id, day, status, answers in db.execute(
            "SELECT id, exercise_id, local_day, status, answers FROM entries"
        ).fetchall():
            for step_id, item, value, main in rating_rows(json.loads(answers)):
                db.execute(
                    "INSERT INTO ratings VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [entry_id, exercise_id, step_id, item, value, day, status, main],
                )

    @migrations(name="0003_ladders")
    def ladders(db: Database) -> None:
        db.execute(
            """
            CREATE TABLE ladders (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                entry_id TEXT,
                created_at TEXT NOT NULL,
                archived INTEGER NOT NULL DEFAULT 0
            )
            """
        )
        db.execute(
            """
            CREATE TABLE ladder_steps (
                id TEXT NOT NULL,
                ladder_id TEXT NOT NULL REFERENCES ladders(id),
                text TEXT NOT NULL,
                suds INTEGER NOT NULL CHECK (suds BETWEEN 0 AND 100),
                removed INTEGER NOT NULL DEFAULT 0,
                mastered_at TEXT,
                PRIMARY KEY (ladder_id, id)
            )
            """
        )
        # One row per exposure practice; kept when a step is edited or removed.
        db.execute(
            """
            CREATE TABLE ladder_practices (
                entry_id TEXT PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
                ladder_id TEXT NOT NULL,
                step_id TEXT NOT NULL,
                peak INTEGER,
                practised_at TEXT NOT NULL,
                local_day TEXT NOT NULL
            )
            """
        )
        db.execute(
            "CREATE INDEX practices_by_step ON ladder_practices (ladder_id, step_id, practised_at)"
        )

    @migrations(name="0004_goals")
    def goals(db: Database) -> None:
        db.execute(
            """
            CREATE TABLE goals (
                exercise_id TEXT PRIMARY KEY,
                per_week INTEGER NOT NULL CHECK (per_week BETWEEN 1 AND 50),
                set_at TEXT NOT NULL
            )
            """
        )
        db.execute("CREATE INDEX entries_by_completion ON entries (status, exercise_id, local_day)")
        # `cbt journal` lists the newest first by this expression; the index serves it directly.
        db.execute("CREATE INDEX entries_by_time ON entries (COALESCE(completed_at, started_at))")
        db.execute("CREATE INDEX moods_by_time ON moods (recorded_at)")

    @migrations(name="0005_activity")
    def activity(db: Database) -> None:
        """Practice per local day, kept by triggers, so streaks never scan every entry."""
        db.execute(
            """
            CREATE TABLE activity (
                local_day TEXT PRIMARY KEY,
                done INTEGER NOT NULL DEFAULT 0
            ) WITHOUT ROWID
            """
        )
        bump = (
            "INSERT INTO activity (local_day, done) VALUES ({day}, {n})"
            " ON CONFLICT(local_day) DO UPDATE SET done = done + {n};"
        )
        triggers = {
            "entry_added": f"AFTER INSERT ON entries WHEN NEW.status IN {FINISHED_SQL} BEGIN {bump.format(day='NEW.local_day', n=1)} END",
            "entry_removed": f"AFTER DELETE ON entries WHEN OLD.status IN {FINISHED_SQL} BEGIN {bump.format(day='OLD.local_day', n=-1)} END",
            "entry_left": f"AFTER UPDATE OF status, local_day ON entries WHEN OLD.status IN {FINISHED_SQL} BEGIN {bump.format(day='OLD.local_day', n=-1)} END",
            "entry_joined": f"AFTER UPDATE OF status, local_day ON entries WHEN NEW.status IN {FINISHED_SQL} BEGIN {bump.format(day='NEW.local_day', n=1)} END",
            "mood_added": f"AFTER INSERT ON moods BEGIN {bump.format(day='NEW.local_day', n=1)} END",
            "mood_removed": f"AFTER DELETE ON moods BEGIN {bump.format(day='OLD.local_day', n=-1)} END",
        }
        for name, body in triggers.items():
            db.execute(f"CREATE TRIGGER activity_{name} {body}")
        db.execute(
            f"""INSERT INTO activity (local_day, done)
                SELECT local_day, sum(n) FROM (
                  SELECT local_day, count(*) AS n FROM entries WHERE status IN {FINISHED_SQL} GROUP BY local_day
                  UNION ALL
                  SELECT local_day, count(*) AS n FROM moods GROUP BY local_day)
                GROUP BY local_day"""
        )

    @migrations(name="0006_alerts")
    def alerts(db: Database) -> None:
        # when cbt showed crisis resources during an entry, and why, so exports can say so
        db.execute("ALTER TABLE entries ADD COLUMN alerts TEXT NOT NULL DEFAULT '[]'")

    @migrations(name="0007_measures")
    def measures(db: Database) -> None:
        # how each questionnaire done so far is scored, so summaries need no YAML
        db.execute(
            """
            CREATE TABLE measures (
                exercise_id TEXT PRIMARY KEY,
                step_id TEXT NOT NULL,
                title TEXT NOT NULL,
                scoring TEXT NOT NULL
            )
            """
        )

    @migrations(name="0008_meta")
    def meta(db: Database) -> None:
        # small facts about the journal itself, such as when it was last backed up
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")

    @migrations(name="0009_imported")
    def imported(db: Database) -> None:
        """Records brought in from other apps: their ids there (so a second import adds
        nothing) and the whole record as the app wrote it (so nothing is lost). Check-ins gain
        activities, and a score becomes optional: some apps record only feelings."""
        db.execute(
            """
            CREATE TABLE imported (
                source TEXT NOT NULL,
                source_id TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('entry', 'mood')),
                record_id TEXT NOT NULL,
                raw TEXT NOT NULL,
                imported_at TEXT NOT NULL,
                PRIMARY KEY (source, source_id)
            )
            """
        )
        db.execute("CREATE INDEX imported_by_record ON imported (record_id)")
        # Deleting an entry or a check-in deletes the app's copy of it too: no words stay.
        for kind, table in (("entry", "entries"), ("mood", "moods")):
            db.execute(
                f"CREATE TRIGGER imported_{table}_removed AFTER DELETE ON {table} BEGIN"
                f" DELETE FROM imported WHERE kind = '{kind}' AND record_id = OLD.id; END"
            )
        rebuild_moods_with_optional_score(db)

    @migrations(name="0010_mood_alerts")
    def mood_alerts(db: Database) -> None:
        # when a check-in's note or feelings suggested risk: crisis lines were shown, and why
        db.execute("ALTER TABLE moods ADD COLUMN alerts TEXT NOT NULL DEFAULT '[]'")

    @migrations(name="0011_private_steps")
    def private_steps(db: Database) -> None:
        """Which steps of an entry were private when it was written, and their labels, so
        what is withheld never depends on the exercise file of today."""
        db.execute("ALTER TABLE entries ADD COLUMN private_steps TEXT NOT NULL DEFAULT '[]'")
        db.execute("ALTER TABLE entries ADD COLUMN labels TEXT NOT NULL DEFAULT '{}'")
        backfill_private_steps(db)

    @migrations(name="0012_shared_entries_index")
    def shared_entries_index(db: Database) -> None:
        """Exports and summaries count entries by status, privacy, day and exercise before
        reading any: with these columns in one index, they never read the entries' text."""
        db.execute(
            "CREATE INDEX entries_shared ON entries"
            " (status, private, local_day, exercise_id, exercise_title, private_steps)"
        )

    @migrations(name="0013_assignments")
    def assignments(db: Database) -> None:
        """Homework a therapist sent (`cbt assign`): who from, their note, what it added, kept
        whole (the file as it came, too). A goal remembers the assignment that set it, so a
        later assignment replaces its own goals and never one the person set."""
        db.execute(
            """
            CREATE TABLE assignments (
                id TEXT PRIMARY KEY,
                sender TEXT NOT NULL,
                note TEXT NOT NULL,
                until TEXT,
                exercises TEXT NOT NULL,
                goals TEXT NOT NULL,
                measures TEXT NOT NULL,
                received_at TEXT NOT NULL,
                local_day TEXT NOT NULL,
                replaced_at TEXT,
                file TEXT NOT NULL
            )
            """
        )
        db.execute("ALTER TABLE goals ADD COLUMN assignment_id TEXT")

    @migrations(name="0014_day_ordered_counts")
    def day_ordered_counts(db: Database) -> None:
        """The summary counts a month's thinking traps and feelings: in day order, that month
        is one short range of the index, where the item-ordered indexes hold every year."""
        db.execute(
            "CREATE INDEX choices_by_day ON choices"
            " (exercise_id, step_id, status, local_day, choice, label)"
        )
        db.execute(
            "CREATE INDEX ratings_items_by_day ON ratings"
            " (exercise_id, step_id, status, local_day, item)"
        )

    @migrations(name="0015_firsts_and_latests")
    def firsts_and_latests(db: Database) -> None:
        """A summary wants a questionnaire's first score (the baseline change is counted from)
        and its latest, and each ladder's latest practice: in these orders they are found at
        an end of the index, where SQLite read and sorted every one, a table lookup each."""
        db.execute(
            "CREATE INDEX entries_by_completed ON entries"
            " (exercise_id, status, completed_at, local_day, id)"
        )
        db.execute(
            "CREATE INDEX practices_in_order ON ladder_practices (ladder_id, practised_at, peak)"
        )

    return migrations


def backfill_private_steps(db: Database) -> None:
    """Entries written before steps were recorded take them from today's definitions: the
    best knowledge there is (an exercise that cannot be read is left as it is)."""
    try:
        from ..definitions.catalog import load_catalog

        exercises = load_catalog().exercises.values()
    except Exception:  # a broken exercise folder must not stop the journal from opening
        return
    for exercise in exercises:
        private = sorted(s.id for s in exercise.steps if s.private)
        labels = {s.id: s.short_label for s in exercise.steps if s.has_answer}
        db.execute(
            "UPDATE entries SET private_steps = ?, labels = ? WHERE exercise_id = ?",
            [json.dumps(private), json.dumps(labels, ensure_ascii=False), exercise.id],
        )


def rebuild_moods_with_optional_score(db: Database) -> None:
    """SQLite cannot drop a NOT NULL or CHECK in place: build the table anew from its own
    definition (with any columns later migrations added), then its indexes and triggers."""
    (table_sql,) = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'moods'"
    ).fetchone()
    others = [
        row[0]
        for row in db.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'moods'"
            " AND type IN ('index', 'trigger') AND sql IS NOT NULL"
        ).fetchall()
    ]
    old_score = "score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10)"
    assert old_score in table_sql, "the moods table is not as migration 0001 made it"
    new_sql = table_sql.replace(
        old_score, "score INTEGER CHECK (score IS NULL OR score BETWEEN 0 AND 10)"
    ).replace("CREATE TABLE moods", "CREATE TABLE moods_rebuilt", 1)
    db.execute(new_sql)
    db.execute("INSERT INTO moods_rebuilt SELECT * FROM moods")
    db.execute("DROP TABLE moods")
    db.execute("ALTER TABLE moods_rebuilt RENAME TO moods")
    db.execute("ALTER TABLE moods ADD COLUMN activities TEXT NOT NULL DEFAULT '[]'")
    for sql in others:
        db.execute(sql)
