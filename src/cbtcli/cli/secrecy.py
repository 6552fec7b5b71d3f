"""`cbt encrypt` and `cbt decrypt`: the journal unreadable without the person's passphrase,
or plain again."""

import typer

from .app import app, state


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


@app.command("decrypt")
def decrypt(ctx: typer.Context) -> None:
    """Turn encryption off: the journal becomes a plain file again (asks for the passphrase)."""
    from .. import paths
    from ..errors import CbtError
    from ..journal import cipher

    s = state(ctx)
    path = s.db_path or paths.default_journal_path()
    if not path.exists() or not cipher.looks_encrypted(path):
        raise CbtError(f"The journal {path} is not encrypted.")
    key = s.journal().cipher_key  # opened with the passphrase, migrated and checked
    s.close()  # and let go of, so the plain copy is the whole journal
    assert key is not None  # an encrypted journal opens only with its passphrase
    cipher.decrypt_file(path, key)
    s.console.print(
        f"Your journal {path} is no longer encrypted. Backups made while it was encrypted "
        "still need the passphrase."
    )
