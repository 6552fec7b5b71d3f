"""The integrity gate's cost: a writing command (`cbt mood`) on a bench journal, timed as a
whole process, when the journal is as cbt last left it (the stamp matches: no page is read)
and when it is not (the stamp removed, as after another program touched the file: SQLite's
quick_check reads every page first). Runs take turns so machine noise falls on both alike.

    .venv/bin/python bench/make_journal.py /tmp/cbt-20k
    .venv/bin/python bench/integrity.py /tmp/cbt-20k
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def timed(cbt: str, home: Path, fresh: bool) -> float:
    if fresh:
        (home / "journal.db-checked").unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run(
        [cbt, "mood", "5"],
        env={**os.environ, "CBT_HOME": str(home)},
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("home", type=Path, help="a folder made by bench/make_journal.py")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    beside = Path(sys.executable).parent / "cbt"  # the cbt of this environment
    cbt = str(beside) if beside.exists() else shutil.which("cbt") or "cbt"
    timed(cbt, args.home, False)  # warm the file cache and leave a matching stamp
    stamped, checked = [], []
    for _ in range(args.runs):
        checked.append(timed(cbt, args.home, True))
        stamped.append(timed(cbt, args.home, False))
    gate = gate_alone(args.home / "journal.db", args.runs)
    size = (args.home / "journal.db").stat().st_size / 1e6
    a, b = statistics.median(stamped), statistics.median(checked)
    print(f"journal: {size:.0f} MB; `cbt mood 5`, median of {args.runs} runs each")
    print(f"- stamp matches (no check):        {a * 1000:.0f} ms")
    print(f"- first open (quick_check, all pages): {b * 1000:.0f} ms (+{(b - a) * 1000:.0f} ms)")
    print(
        f"- the gate alone, in process: {gate[0] * 1e6:.0f} µs stamped, "
        f"{gate[1] * 1000:.0f} ms quick_check"
    )


def gate_alone(path: Path, runs: int) -> tuple[float, float]:
    """check_before_writing itself: with the stamp matching, and with SQLite's quick_check."""
    import sqlite3

    from cbtcli.journal.integrity import check, check_before_writing

    conn = sqlite3.connect(path)
    stamped, checked = [], []
    for _ in range(runs):  # first, before any read makes a write-ahead log beside it
        started = time.perf_counter()
        check_before_writing(conn, path)
        stamped.append(time.perf_counter() - started)
    for _ in range(runs):
        started = time.perf_counter()
        check(conn, path, "PRAGMA quick_check")
        checked.append(time.perf_counter() - started)
    conn.close()
    return statistics.median(stamped), statistics.median(checked)


if __name__ == "__main__":
    main()
