"""Memory that stays flat as a journal grows: measured in a child process at two sizes."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .helpers import many_thought_records

LONG = "A long, detailed situation written out in full. " * 40  # about 2 KB per entry


def build(folder: Path, entries: int) -> Path:
    return many_thought_records(folder, entries, LONG)


def peak_kib(args: list[str]) -> int:
    """The peak resident memory of one run, read from the kernel's accounting."""
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, process.stderr.read() if process.stderr else ""
    return usage.ru_maxrss


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
