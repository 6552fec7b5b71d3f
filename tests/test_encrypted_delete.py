"""Deleting from an encrypted journal wipes the words as it does in a plain one: every page of
the journal (free pages too) and of its log, decrypted with the key, holds none of them.

On disk an encrypted page never shows words, deleted or not, so the pages are decrypted here
as SQLCipher 4 lays them out with its default settings: a 16-byte salt opening the file, and
at the end of each 4096-byte page 80 reserved bytes, a 16-byte IV and a 64-byte HMAC, the rest
AES-256-CBC with a key derived by PBKDF2-HMAC-SHA512 (256,000 rounds)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .conftest import PASSPHRASE
from .helpers import THOUGHT_RECORD_ANSWERS

PAGE, RESERVED, SALT = 4096, 80, 16


def decrypted(path: Path, salt: bytes) -> bytes:
    """Every page of an SQLCipher 4 journal (or of its write-ahead log), decrypted."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    key = hashlib.pbkdf2_hmac("sha512", PASSPHRASE.encode(), salt, 256_000, 32)
    data = path.read_bytes()
    pages: list[bytes] = []
    if path.name.endswith("-wal"):  # a 32-byte header, then frames: a 24-byte header and a page
        frames = [data[at + 24 : at + 24 + PAGE] for at in range(32, len(data), PAGE + 24)]
    else:
        frames = [data[at : at + PAGE] for at in range(0, len(data), PAGE)]
    for number, page in enumerate(frames):
        start = SALT if number == 0 and not path.name.endswith("-wal") else 0
        iv = page[PAGE - RESERVED : PAGE - RESERVED + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        pages.append(decryptor.update(page[start : PAGE - RESERVED]) + decryptor.finalize())
    return b"".join(pages)


def everything_decrypted(journal: Path) -> bytes:
    salt = journal.read_bytes()[:SALT]
    found = decrypted(journal, salt)
    wal = journal.with_name(journal.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        found += decrypted(wal, salt)
    return found


def test_a_deleted_entry_leaves_no_words_in_any_decrypted_page(cli, encrypted) -> None:
    secret = "Zanzibar-umbrella-secret-4417"
    kept = "a marmalade zeppelin over Harwich"
    for situation, name in ((secret, "a.yaml"), (kept, "b.yaml")):
        answers = cli.write_answers({**THOUGHT_RECORD_ANSWERS, "situation": situation}, name)
        cli.ok("do", "thought-record", "--answers", str(answers))
    [doomed] = [e for e in cli.json("journal", "--json") if e["answers"].get("situation") == secret]
    before = everything_decrypted(encrypted)
    assert secret.encode() in before and kept.encode() in before  # the pages really decrypt
    assert secret.encode() not in encrypted.read_bytes()

    cli.ok("delete", doomed["id"], "--yes")

    after = everything_decrypted(encrypted)
    assert kept.encode() in after
    assert secret.encode() not in after
    situations = [e["answers"].get("situation") for e in cli.json("journal", "--json")]
    assert secret not in situations and kept in situations
