"""A keyring kept in a JSON file, for timing a remembered key without the desktop's keyring
(`PYTHON_KEYRING_BACKEND=file_keyring.FileKeyring` when the key is remembered, with this
folder on PYTHONPATH and the file in CBT_BENCH_KEYRING), and for the tests of reading a key
from the backend that kept it. Never for real keys: it keeps them in plain text."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @property
    def file(self) -> Path:
        return Path(os.environ["CBT_BENCH_KEYRING"])

    def kept(self) -> dict[str, str]:
        return json.loads(self.file.read_text()) if self.file.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        self.file.write_text(json.dumps({**self.kept(), f"{service}\n{username}": password}))

    def delete_password(self, service: str, username: str) -> None:
        kept = self.kept()
        if kept.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError("not there")
        self.file.write_text(json.dumps(kept))
