"""A remembered key is read from the keyring backend that kept it, named in the marker beside
the journal, without keyring's search through every backend installed (which imports them all
and probes D-Bus, costing as much as the key derivation the remembered key skips)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import PASSPHRASE
from .helpers import flat

BENCH = Path(__file__).resolve().parents[1] / "bench"  # file_keyring.py: a keyring in a file
# Modules only keyring's search for a backend loads: the backends it tries, and theirs.
SEARCH_ONLY = (
    "keyring.backends.chainer",
    "keyring.backends.SecretService",
    "keyring.backends.kwallet",
    "secretstorage",
    "jeepney",
)
# Modules importing `keyring` brings in (through jaraco.context's download helper and the
# plugin finder) that reading one key never uses.
NEVER_USED_WHEN_READING = (
    "ssl",
    "socket",
    "http.client",
    "email.message",
    "importlib_metadata._meta",
    "more_itertools.more",
)
RUN_AND_LIST_MODULES = """
import sys
from cbtcli.__main__ import main
try:
    main()
finally:
    print("MODULES", " ".join(sorted(sys.modules)), file=sys.stderr)
"""


def file_keyring_env(encrypted: Path, kept: Path) -> dict[str, str]:
    env = {**os.environ, "CBT_HOME": str(encrypted.parent), "COLUMNS": "200"}
    env.update(PYTHONPATH=str(BENCH), CBT_BENCH_KEYRING=str(kept))
    del env["CBT_PASSPHRASE"]
    return env


def test_the_key_is_read_from_the_backend_that_kept_it_without_searching(
    encrypted, cbt_script, tmp_path
) -> None:
    kept = tmp_path / "keyring.json"
    env = file_keyring_env(encrypted, kept)
    remembering = {
        **env,
        "PYTHON_KEYRING_BACKEND": "file_keyring.FileKeyring",
        "CBT_PASSPHRASE": PASSPHRASE,
    }
    subprocess.run([cbt_script, "passphrase", "--remember"], env=remembering, check=True)
    marker = encrypted.with_name("journal.db-remembered")
    assert marker.read_text() == "file_keyring.FileKeyring\n"
    assert marker.stat().st_mode & 0o777 == 0o600
    (raw,) = json.loads(kept.read_text()).values()
    assert raw.startswith("x'") and PASSPHRASE not in raw

    # No keyring configured now: the search would find no backend holding the key.
    env.pop("PYTHON_KEYRING_BACKEND", None)
    done = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_MODULES, "journal", "--json"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "going to be fired" in done.stdout
    loaded = set(done.stderr.split("MODULES", 1)[1].split())
    assert "file_keyring" in loaded
    assert not loaded & set(SEARCH_ONLY)
    assert not loaded & set(NEVER_USED_WHEN_READING), sorted(loaded & set(NEVER_USED_WHEN_READING))

    forgetting = {**env, "PYTHON_KEYRING_BACKEND": "file_keyring.FileKeyring"}
    subprocess.run([cbt_script, "passphrase", "--forget"], env=forgetting, check=True)
    assert json.loads(kept.read_text()) == {}
    assert not marker.exists()


def test_a_marker_from_before_backends_were_named_still_opens(
    cli, encrypted, keychain, monkeypatch
) -> None:
    cli.ok("passphrase", "--remember")
    encrypted.with_name("journal.db-remembered").write_text("")
    monkeypatch.delenv("CBT_PASSPHRASE")
    assert "going to be fired" in flat(cli.ok("journal", "--json").output)


def test_a_backend_named_in_a_marker_others_could_write_is_not_loaded(
    cli, encrypted, keychain, monkeypatch, tmp_path
) -> None:
    cli.ok("passphrase", "--remember")
    planted = tmp_path / "planted"
    planted.mkdir()
    ran = tmp_path / "ran"
    (planted / "planted_backend.py").write_text(f"open({str(ran)!r}, 'w').close()\n")
    monkeypatch.syspath_prepend(str(planted))
    marker = encrypted.with_name("journal.db-remembered")
    marker.write_text("planted_backend.Keyring\n")
    marker.chmod(0o622)
    monkeypatch.delenv("CBT_PASSPHRASE")
    assert "going to be fired" in flat(cli.ok("journal", "--json").output)  # the keyring's way
    assert not ran.exists()


def test_a_backend_no_longer_there_falls_back_to_the_keyring(
    cli, encrypted, keychain, monkeypatch
) -> None:
    cli.ok("passphrase", "--remember")
    encrypted.with_name("journal.db-remembered").write_text("no_such_module.Keyring\n")
    monkeypatch.delenv("CBT_PASSPHRASE")
    assert "going to be fired" in flat(cli.ok("journal", "--json").output)


DEFERRED_THEN_USED = """
import sys
from cbtcli.journal.remembered import defer_import

defer_import("urllib.request")
import urllib.request
from urllib import request

assert "http.client" not in sys.modules, "loaded before use"
assert request is urllib.request
assert callable(urllib.request.urlopen)  # the first use loads it
from urllib.request import Request
assert "http.client" in sys.modules
assert type(sys.modules["urllib.request"]).__name__ == "module"
assert sys.modules["urllib"].request is sys.modules["urllib.request"]
assert Request is sys.modules["urllib.request"].Request
defer_import("no_such_module_here")
assert "no_such_module_here" not in sys.modules
print("ok")
"""


def test_a_deferred_module_loads_whole_at_its_first_use() -> None:
    done = subprocess.run(
        [sys.executable, "-c", DEFERRED_THEN_USED], capture_output=True, text=True
    )
    assert done.stdout.strip() == "ok", done.stderr
