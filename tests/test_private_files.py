"""Files and folders cbt makes are its owner's alone whatever the umask, and cbt never
replaces something that is not a regular file, nor leaves a half-written one."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from .helpers import assert_one_clear_sentence


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_folder_cbt_creates_is_private_at_every_depth(
    cli, tmp_path, monkeypatch, open_umask
) -> None:
    deep = tmp_path / "a" / "b" / "c"
    monkeypatch.setenv("CBT_HOME", str(deep))
    cli.ok("mood", "5")
    for folder in (tmp_path / "a", tmp_path / "a" / "b", deep):
        assert mode(folder) == 0o700, folder
    assert mode(deep / "journal.db") == 0o600


def test_settings_and_new_exercise_files_are_private(cli, tmp_path, open_umask) -> None:
    cli.ok("config", "set", "name", "Sam")
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written and all(mode(p) == 0o600 for p in written)
    assert all(mode(p) == 0o700 for p in tmp_path.rglob("*") if p.is_dir())
    cli.ok("exercises", "new", "worry-time")
    made = list(tmp_path.rglob("worry-time.yaml"))
    assert len(made) == 1 and mode(made[0]) == 0o600
    assert not [p for p in made[0].parent.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("force", [False, True])
def test_an_output_that_is_not_a_regular_file_is_refused(cli, tmp_path, force) -> None:
    cli.ok("mood", "5")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    args = ["export", "-f", "md", "-o", str(fifo)] + (["--force"] if force else [])
    result = cli(*args)
    assert result.exit_code == 1
    assert_one_clear_sentence(result, "is not a regular file")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_full_disk_leaves_no_file_behind(cli, tmp_path, monkeypatch) -> None:
    import errno

    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = cli("exercises", "new", "worry-time")
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert result.exit_code == 1
    assert_one_clear_sentence(result, "The disk is full")
    assert not [p for p in tmp_path.rglob("*worry-time*")]
