"""Memory that stays flat as a journal grows: measured in a child process at two sizes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .helpers import many_thought_records

LONG = "A long, detailed situation written out in full. " * 40  # about 2 KB per entry


def build(folder: Path, entries: int) -> Path:
    return many_thought_records(folder, entries, LONG)


# Run from a small Python of its own: a child forked from pytest starts with pytest's memory
# counted in its peak (the kernel keeps a process's high-water mark across exec), which would
# hide any growth below it.
MEASURE = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
if done.returncode:
    sys.exit(done.stderr.decode(errors="replace") or done.returncode)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_kib(args: list[str]) -> int:
    """The peak resident memory of one run, read from the kernel's accounting."""
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-c", MEASURE, *args], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout)


def test_journal_json_memory_does_not_grow_with_the_journal(cbt_script, tmp_path, home) -> None:
    small = build(tmp_path / "small", 200)
    large = build(tmp_path / "large", 4000)  # twenty times the entries, about 8 MB more text
    peaks = [
        peak_kib([cbt_script, "--db", str(path), "journal", "--json", "-n", "100000"])
        for path in (small, large)
    ]
    assert peaks[1] - peaks[0] < 6 * 1024, peaks


def test_import_memory_does_not_grow_with_the_file(cbt_script, tmp_path, home) -> None:
    peaks = []
    for name, size in (("small", 200), ("large", 4000)):
        source = build(tmp_path / name, size)
        export = tmp_path / f"{name}.json"
        peak_kib([cbt_script, "--db", str(source), "export", "-f", "json", "-o", str(export)])
        target = tmp_path / f"{name}-imported" / "journal.db"
        peaks.append(peak_kib([cbt_script, "--db", str(target), "import", str(export)]))
    assert peaks[1] - peaks[0] < 6 * 1024, peaks


def test_an_export_encrypted_to_a_key_and_its_import_stay_flat(cbt_script, tmp_path, home) -> None:
    """Encrypted as it is written, decrypted as it is read: neither the plain export nor the
    encrypted file is ever held whole."""
    import pyrage

    identity = pyrage.x25519.Identity.generate()
    keyfile = tmp_path / "key.txt"
    keyfile.write_text(f"{identity}\n", encoding="utf-8")
    exporting, importing = [], []
    for name, size in (("small", 200), ("large", 4000)):
        source = build(tmp_path / name, size)
        sealed = tmp_path / f"{name}.json.age"
        export = ["export", "-f", "json", "--encrypt-to", str(identity.to_public())]
        exporting.append(peak_kib([cbt_script, "--db", str(source), *export, "-o", str(sealed)]))
        target = tmp_path / f"{name}-imported" / "journal.db"
        importing.append(
            peak_kib([cbt_script, "--db", str(target), "import", str(sealed), "-i", str(keyfile)])
        )
    assert exporting[1] - exporting[0] < 6 * 1024, exporting
    assert importing[1] - importing[0] < 6 * 1024, importing


def test_readable_exports_and_patterns_do_not_grow_with_the_journal(
    cbt_script, tmp_path, home
) -> None:
    """Markdown and HTML open with the period's patterns, worked out before the entries are
    written: only a few numbers and shared words are kept per record, never its text."""
    journals = [build(tmp_path / name, size) for name, size in (("small", 200), ("large", 4000))]
    for command in (["export", "-f", "md"], ["export", "-f", "html"], ["patterns"]):
        peaks = []
        for path in journals:
            out = ["-o", str(path.parent / f"out.{command[-1]}")] if command[0] == "export" else []
            since = ["--since", "2020-01-01"]
            peaks.append(peak_kib([cbt_script, "--db", str(path), *command, *since, *out]))
        assert peaks[1] - peaks[0] < 6 * 1024, (command, peaks)
