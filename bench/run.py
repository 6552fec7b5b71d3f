"""Time cbt's commands as whole processes on a synthetic journal, and print a table.

    python bench/make_journal.py /tmp/cbt-bench            # once: 10 years, 20,000 entries
    python bench/run.py /tmp/cbt-bench [--runs 7]

Each command runs `--runs` times with CBT_HOME set to the folder, the commands taking turns
(round-robin, after a warm-up round) so that a busy moment of the machine falls on all of them
alike. The table shows the median and fastest wall time, and each median as a multiple of
`cbt --version`'s. Output goes to /dev/null."""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

COMMANDS = [
    ["--version"],
    ["summary", "--since", "10y"],
    ["summary"],
    ["journal"],
    [],  # the home screen
]


def cbt() -> str:
    found = Path(sys.executable).parent / "cbt"
    return str(found) if found.exists() else shutil.which("cbt") or "cbt"


def time_once(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [cbt(), *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - start


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("home", type=Path, help="a folder made by make_journal.py")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = {**os.environ, "CBT_HOME": str(args.home), "COLUMNS": "100"}
    entries = (
        subprocess.run(
            ["sqlite3", str(args.home / "journal.db"), "SELECT count(*) FROM entries"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        if shutil.which("sqlite3")
        else "?"
    )
    print(f"Machine: {machine()}")
    print(f"Journal: {args.home / 'journal.db'} ({entries} entries)\n")
    print("| command | median | fastest | x `--version` |")
    print("| --- | ---: | ---: | ---: |")
    for command in COMMANDS:
        time_once(command, env)  # warm the file cache
    times: list[list[float]] = [[] for _ in COMMANDS]
    for _ in range(args.runs):
        for index, command in enumerate(COMMANDS):
            times[index].append(time_once(command, env))
    baseline = statistics.median(times[0])
    for command, samples in zip(COMMANDS, times, strict=True):
        median = statistics.median(samples)
        label = "cbt " + " ".join(command) if command else "cbt (home)"
        print(
            f"| `{label}` | {median * 1000:.0f} ms | {min(samples) * 1000:.0f} ms | {median / baseline:.2f} |"
        )


if __name__ == "__main__":
    main()
