"""`cbt encrypt`: the journal unreadable without the person's passphrase."""

import typer

from .app import app
from .state import state


@app.command("encrypt")
def encrypt(ctx: typer.Context) -> None:
    """Encrypt the journal with a passphrase (run it before the first entry to start encrypted)."""
    from .. import paths
    from ..errors import CbtError
    from ..journal import cipher

    s = state(ctx)
    path = s.db_path or paths.default_journal_path()
    if path.exists() and cipher.looks_encrypted(path):
        raise CbtError(f"The journal {path} is already encrypted.")
    key = cipher.new_passphrase(path)
    s.journal()  # made if new, migrated and checked
    s.close()  # and let go of, so the encrypted copy is the whole journal
    cipher.encrypt_file(path, key)
    s.console.print(
        f"Your journal {path} is now encrypted. Keep the passphrase safe: without it, nobody, "
        "cbt included, can read the journal."
    )
