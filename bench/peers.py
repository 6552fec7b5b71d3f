"""jrnl beside cbt, on the same words: `bench/run.py --peers` times `jrnl --export md` on a
plain-text jrnl journal holding every word of the cbt journal being measured.

jrnl is installed from PyPI into a virtual environment of its own (under the scratch folder),
so it never mixes with cbt's; nothing else is fetched."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

JRNL = "jrnl==4.6"


def install_jrnl(folder: Path) -> Path:
    """A virtual environment with jrnl, made once per folder; the path of its `jrnl`."""
    script = folder / "bin" / "jrnl"
    if not script.exists():
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
        subprocess.run([str(folder / "bin" / "pip"), "install", "--quiet", JRNL], check=True)
    return script


def texts(value: object) -> Iterator[str]:
    """Every piece of text in an answer, however nested (a feeling's name included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from texts(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from texts(item)


def write_jrnl_journal(cbt_journal: Path, target: Path) -> int:
    """One jrnl entry per cbt entry and per noted check-in, with the same words and times."""
    conn = sqlite3.connect(f"file:{cbt_journal}?mode=ro", uri=True)
    count = 0
    try:
        with target.open("w", encoding="utf-8") as out:
            rows = conn.execute(
                "SELECT datetime(COALESCE(completed_at, started_at), started_offset || ' minutes'),"
                " exercise_title, answers FROM entries ORDER BY COALESCE(completed_at, started_at)"
            )
            for when, title, answers in rows:
                body = "\n".join(texts(list(json.loads(answers).values())))
                out.write(f"[{when[:16]}] {title}.\n{body}\n\n")
                count += 1
            for when, note in conn.execute(
                "SELECT datetime(recorded_at, utc_offset || ' minutes'), note FROM moods"
                " WHERE note != '' ORDER BY recorded_at"
            ):
                out.write(f"[{when[:16]}] Mood check-in.\n{note}\n\n")
                count += 1
    finally:
        conn.close()
    return count


def jrnl_config(journal: Path, config: Path) -> Path:
    """jrnl's settings for a plain, unencrypted journal with cbt's date format (YAML: jrnl
    takes a JSON settings file for a jrnl 1 one, and offers to upgrade it)."""
    import yaml

    config.write_text(
        yaml.safe_dump(
            {
                "version": "v4.6",
                "journals": {"default": {"journal": str(journal)}},
                "encrypt": False,
                "timeformat": "%Y-%m-%d %H:%M",
                "tagsymbols": "#@",
                "default_hour": 9,
                "default_minute": 0,
                "editor": "",
                "highlight": False,
                "linewrap": 79,
                "indent_character": "|",
                "template": False,
                "colors": {"body": "none", "date": "none", "tags": "none", "title": "none"},
            }
        ),
        encoding="utf-8",
    )
    return config
