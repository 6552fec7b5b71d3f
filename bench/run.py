"""Time cbt as whole processes on synthetic journals, and print a table for the README.

    python bench/make_journal.py /tmp/cbt-20k                     # 10 years, 20,000 entries
    python bench/make_journal.py /tmp/cbt-100k --entries 100000   # optional, to see growth
    python bench/run.py /tmp/cbt-20k [/tmp/cbt-100k] [--runs 9]

Every measurement runs `--runs` times, round-robin over all commands (after a warm-up round),
so a busy moment of the machine falls on all of them alike; the table shows medians.

- `cbt --version` is compared with the same option on a minimal one-command Typer app, the
  framework's own floor (a Typer command normally imports pydantic, about 80 ms).
- `cbt do thought-record` is timed in a pseudo-terminal until its first question is on the
  screen, and compared with `python -c "import typer, questionary, yaml"` (the imports it
  cannot avoid), started the same way.
- Exports also report their peak memory (maximum resident set size).
- `--encrypted` adds `cbt summary` and `cbt journal` on an encrypted copy of the journal,
  opened with the passphrase from CBT_PASSPHRASE (SQLCipher's key derivation every time) and
  with the key remembered in a keyring (a file keyring, bench/file_keyring.py: the desktop's
  own keyring adds its lookup, a D-Bus call on Linux).
- `--only TEXT` (repeatable) times only the commands whose label holds TEXT, and their
  baselines.
- `--peers` adds jrnl (installed from PyPI into its own virtual environment) exporting a
  plain-text journal of the same words to Markdown, beside cbt's exports (see peers.py)."""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

MINIMAL_TYPER_APP = """
import typer

app = typer.Typer()


@app.command()
def main(version: bool = typer.Option(False, "--version")) -> None:
    if version:
        print("minimal 1.0")


app()
"""


def cbt() -> str:
    found = Path(sys.executable).parent / "cbt"
    return str(found) if found.exists() else shutil.which("cbt") or "cbt"


def timed_process(args: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time and peak memory (KiB) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        args,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed")
    return elapsed, usage.ru_maxrss


def first_prompt(env: dict[str, str]) -> tuple[float, int]:
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(
        cbt(),
        ["do", "thought-record"],
        env={**env, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm"},
        dimensions=(40, 120),
    )
    child.expect_exact(b"What was happening", timeout=30)
    elapsed = time.perf_counter() - start
    child.sendintr()  # nothing was answered, so nothing is kept
    child.expect(pexpect.EOF)
    child.close()
    return elapsed, 0


def imports_in_a_terminal(env: dict[str, str]) -> tuple[float, int]:
    """The baseline for the first question, started the same way: in a pseudo-terminal."""
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(
        sys.executable, ["-c", "import typer, questionary, yaml"], env=env, dimensions=(40, 120)
    )
    child.expect(pexpect.EOF, timeout=30)
    elapsed = time.perf_counter() - start
    child.close()
    return elapsed, 0


JRNL_MD = "`jrnl --export md` (jrnl 4.6, the same words)"
PDF = "`cbt export --format pdf --since 1y`"
PDF_PAGES: dict[Path, int] = {}  # pages of that PDF, per journal


def pdf_export(env: dict[str, str], home: Path, target: Path) -> Callable[[], tuple[float, int]]:
    def run() -> tuple[float, int]:
        target.unlink(missing_ok=True)
        took = timed_process(
            [cbt(), "export", "--format", "pdf", "--since", "1y", "-o", str(target)], env
        )
        # Counted in a process of its own: reading the PDF here would swell this one, and every
        # process it starts afterwards would report that memory as its own peak.
        program = "import sys, pypdf; print(len(pypdf.PdfReader(sys.argv[1]).pages))"
        counted = subprocess.run(
            [sys.executable, "-c", program, str(target)], capture_output=True, text=True
        )
        PDF_PAGES[home] = int(counted.stdout)
        return took

    return run


PASSPHRASE = "a bench passphrase"
ENCRYPTED = {
    "`cbt summary`, encrypted, passphrase given": ("summary", "passphrase"),
    "`cbt summary`, encrypted, key remembered": ("summary", "remembered"),
    "`cbt journal`, encrypted, passphrase given": ("journal", "passphrase"),
    "`cbt journal`, encrypted, key remembered": ("journal", "remembered"),
}


def encrypted_copy(home: Path, scratch: Path) -> dict[str, dict[str, str]]:
    """An encrypted copy of the journal, and the environments that open it with the
    passphrase and with the key remembered in a file keyring."""
    copy = scratch / "encrypted"
    copy.mkdir(mode=0o700)
    shutil.copy(home / "journal.db", copy / "journal.db")
    base = {**os.environ, "CBT_HOME": str(copy), "COLUMNS": "100"}
    given = {**base, "CBT_PASSPHRASE": PASSPHRASE}
    remembered = {
        **base,
        "PYTHONPATH": str(Path(__file__).parent),
        "CBT_BENCH_KEYRING": str(scratch / "keyring.json"),
    }
    subprocess.run([cbt(), "encrypt"], env=given, check=True, capture_output=True)
    # The file keyring is chosen when the key is remembered, as a desktop's keyring would be
    # found then; opening uses the backend the marker names, as it does on a desktop.
    subprocess.run(
        [cbt(), "passphrase", "--remember"],
        env={
            **remembered,
            "CBT_PASSPHRASE": PASSPHRASE,
            "PYTHON_KEYRING_BACKEND": "file_keyring.FileKeyring",
        },
        check=True,
        capture_output=True,
    )
    return {"passphrase": given, "remembered": remembered}


def measurements(
    home: Path, scratch: Path, peers: bool = False, encrypted: bool = False
) -> tuple[dict[str, Callable[[], tuple[float, int]]], Path]:
    env = {**os.environ, "CBT_HOME": str(home), "COLUMNS": "100"}
    minimal = scratch / "minimal_typer_app.py"
    locked: dict[str, Callable[[], tuple[float, int]]] = {}
    if encrypted:
        opened = encrypted_copy(home, scratch)
        for label, (command, how) in ENCRYPTED.items():
            locked[label] = lambda command=command, how=how: timed_process(
                [cbt(), command], opened[how]
            )

    def export(fmt: str) -> Callable[[], tuple[float, int]]:
        target = scratch / f"export.{fmt}"

        def run() -> tuple[float, int]:
            target.unlink(missing_ok=True)
            return timed_process([cbt(), "export", "--format", fmt, "-o", str(target)], env)

        return run

    exports = {f"`cbt export --format {fmt}`": export(fmt) for fmt in ("json", "md", "html", "csv")}
    exports[PDF] = pdf_export(env, home, scratch / "export.pdf")
    if peers:
        import peers as jrnl_peer

        jrnl = jrnl_peer.install_jrnl(Path(tempfile.gettempdir()) / "cbt-bench-jrnl")
        journal = scratch / "jrnl.txt"
        jrnl_peer.write_jrnl_journal(home / "journal.db", journal)
        config = jrnl_peer.jrnl_config(journal, scratch / "jrnl.yaml")
        exports[JRNL_MD] = lambda: timed_process(
            [str(jrnl), "--config-file", str(config), "--export", "md"], env
        )
    return {
        "minimal Typer app `--version` (floor)": lambda: timed_process(
            [sys.executable, str(minimal), "--version"], env
        ),
        "`cbt --version`": lambda: timed_process([cbt(), "--version"], env),
        "`cbt --help`": lambda: timed_process([cbt(), "--help"], env),
        "`cbt` (home)": lambda: timed_process([cbt()], env),
        "`cbt summary`": lambda: timed_process([cbt(), "summary"], env),
        "`cbt summary --since 10y`": lambda: timed_process(
            [cbt(), "summary", "--since", "10y"], env
        ),
        "`cbt journal`": lambda: timed_process([cbt(), "journal"], env),
        "`cbt patterns --since 10y`": lambda: timed_process(
            [cbt(), "patterns", "--since", "10y"], env
        ),
        '`python -c "import typer, questionary, yaml"`, in a terminal': lambda: (
            imports_in_a_terminal(env)
        ),
        "`cbt do thought-record`, to the first question": lambda: first_prompt(env),
        **exports,
        **locked,
    }, minimal


def entries_in(home: Path) -> int:
    conn = sqlite3.connect(f"file:{home / 'journal.db'}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    finally:
        conn.close()


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


def measure(
    home: Path,
    runs: int,
    peers: bool = False,
    encrypted: bool = False,
    only: list[str] | None = None,
) -> tuple[dict[str, list[float]], dict[str, int]]:
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        tasks, minimal = measurements(home, scratch, peers, encrypted)
        if only:
            wanted = {n for n in tasks if any(text in n for text in only)}
            for _, command, baseline, _ in [*TARGETS, *ENCRYPTED_TARGETS]:
                if command in wanted:
                    wanted.add(baseline)
            if peers and any(n.startswith("`cbt export --format") for n in wanted):
                wanted.add(JRNL_MD)  # the exports' ratios are to jrnl's
            tasks = {n: task for n, task in tasks.items() if n in wanted}
        minimal.write_text(MINIMAL_TYPER_APP, encoding="utf-8")
        samples: dict[str, list[float]] = {name: [] for name in tasks}
        peaks: dict[str, int] = {}
        for task in tasks.values():
            task()  # warm up: file cache, bytecode, a journal migration if any
        for _ in range(runs):
            for name, task in tasks.items():
                elapsed, peak = task()
                samples[name].append(elapsed)
                peaks[name] = max(peaks.get(name, 0), peak)
    return samples, peaks


def paired_ratio(samples: dict[str, list[float]], command: str, baseline: str) -> float:
    """The median of round-by-round ratios: each round ran both, moments apart, so a busy
    stretch of the machine slows both sides of a ratio alike."""
    return statistics.median(
        a / b for a, b in zip(samples[command], samples[baseline], strict=True)
    )


TARGETS = [
    (
        "`cbt --version` / minimal Typer app",
        "`cbt --version`",
        "minimal Typer app `--version` (floor)",
        1.3,
    ),
    (
        "`cbt summary --since 10y` / `cbt --version`",
        "`cbt summary --since 10y`",
        "`cbt --version`",
        2.0,
    ),
    (
        "first question / unavoidable imports",
        "`cbt do thought-record`, to the first question",
        '`python -c "import typer, questionary, yaml"`, in a terminal',
        1.3,
    ),
]


# An encrypted journal against the same plain one: a remembered key as a ratio, a typed or
# given passphrase (SQLCipher's key derivation, kept at its defaults) as added seconds.
ENCRYPTED_TARGETS = [
    (
        "`cbt summary`, key remembered / plain",
        "`cbt summary`, encrypted, key remembered",
        "`cbt summary`",
        1.2,
    ),
    (
        "`cbt journal`, key remembered / plain",
        "`cbt journal`, encrypted, key remembered",
        "`cbt journal`",
        1.2,
    ),
]
ADDED_TARGETS = [
    (
        "`cbt summary`, passphrase given",
        "`cbt summary`, encrypted, passphrase given",
        "`cbt summary`",
        0.15,
    ),
    (
        "`cbt journal`, passphrase given",
        "`cbt journal`, encrypted, passphrase given",
        "`cbt journal`",
        0.15,
    ),
]


def paired_difference(samples: dict[str, list[float]], command: str, baseline: str) -> float:
    return statistics.median(
        a - b for a, b in zip(samples[command], samples[baseline], strict=True)
    )


# Absolute targets, in seconds, on the first (ten-year, 20,000-entry) journal.
LIMITS = [("`cbt patterns --since 10y`", 0.5)]


def compiled_as_installed() -> None:
    """cbt's modules compiled once, as `pip install .` does: from an editable install, or with
    PYTHONDONTWRITEBYTECODE set, every timed run would otherwise compile cbt's source again
    while the libraries it is compared with load compiled, and cbt would look slower than
    it is (by 40-80 ms a command on the reference machine)."""
    import compileall

    import cbtcli

    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # the timed processes inherit this
    compileall.compile_dir(Path(cbtcli.__file__).parent, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("homes", type=Path, nargs="+", help="folders made by make_journal.py")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument(
        "--peers", action="store_true", help="also time jrnl's Markdown export of the same words"
    )
    parser.add_argument(
        "--encrypted", action="store_true", help="also time an encrypted copy of the journal"
    )
    parser.add_argument(
        "--only", action="append", default=[], help="time only commands whose label has this"
    )
    args = parser.parse_args()
    if importlib.util.find_spec("pexpect") is None:
        sys.exit("bench/run.py drives a terminal with pexpect: install cbt with '.[test]'.")
    compiled_as_installed()
    print(f"Machine: {machine()}\n")
    results = [
        (home, entries_in(home), *measure(home, args.runs, args.peers, args.encrypted, args.only))
        for home in args.homes
    ]
    head = " | ".join(f"{n:,} entries" for _, n, _, _ in results)
    growth = " | growth" if len(results) > 1 else ""
    print(f"| command | {head}{growth} |")
    print("|---|" + "---:|" * (len(results) + (1 if growth else 0)))
    medians = [
        {name: statistics.median(v) for name, v in samples.items()} for _, _, samples, _ in results
    ]
    for name in medians[0]:
        cells = []
        for (_, _, _, peaks), median in zip(results, medians, strict=True):
            cell = f"{median[name] * 1000:.0f} ms"
            if peaks.get(name):
                cell += f", {peaks[name] / 1024:.0f} MB peak"
            cells.append(cell)
        if growth:
            cells.append(f"x{medians[-1][name] / medians[0][name]:.2f}")
        print(f"| {name} | {' | '.join(cells)} |")
    print()
    first = results[0][2]
    for label, command, baseline, target in TARGETS + ENCRYPTED_TARGETS:
        if command not in first or baseline not in first:
            continue
        ratio = paired_ratio(first, command, baseline)
        print(
            f"- {label}: {ratio:.2f} (target at most {target}; median of paired runs on {results[0][1]:,} entries)"
        )
    for label, command, baseline, limit in ADDED_TARGETS:
        if command in first and baseline in first:
            added = paired_difference(first, command, baseline)
            print(
                f"- {label}: +{added * 1000:.0f} ms over plain (target at most +{limit * 1000:.0f} "
                f"ms; median of paired runs on {results[0][1]:,} entries)"
            )
    if args.peers:
        for fmt in ("md", "html", "csv"):
            if f"`cbt export --format {fmt}`" not in results[0][2]:
                continue  # left out by --only
            ratio = paired_ratio(results[0][2], f"`cbt export --format {fmt}`", JRNL_MD)
            print(
                f"- `cbt export --format {fmt}` / {JRNL_MD}: {ratio:.2f} (target at most 1.0; "
                f"median of paired runs on {results[0][1]:,} entries)"
            )
    for home, entries, samples, _ in results:
        pages = PDF_PAGES.get(home)
        if pages:
            per_page = statistics.median(samples[PDF]) / pages * 1000
            print(
                f"- {PDF}: {pages} pages, {per_page:.1f} ms a page (target at most 3.2 ms, half"
                f" the 6.3 ms of 12 s for 1,900 pages before; {entries:,} entries)"
            )
    for command, limit in LIMITS:
        if command not in medians[0]:
            continue
        took = medians[0][command]
        print(f"- {command}: {took:.2f} s (target under {limit} s on {results[0][1]:,} entries)")


if __name__ == "__main__":
    main()
