"""`cbt encrypt`, `cbt decrypt` and `cbt passphrase`: the journal unreadable without the
person's passphrase, plain again, or under a new passphrase."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .app import app
from .state import State, state

if TYPE_CHECKING:
    from ..journal.backups import BackupsKeyed


@app.command("encrypt")
def encrypt(
    ctx: typer.Context,
    remember: Annotated[
        bool,
        typer.Option(
            "--remember", help="Also remember the key on this computer (see cbt passphrase)."
        ),
    ] = False,
) -> None:
    """Encrypt the journal with a passphrase (run it before the first entry to start encrypted).

    Without the passphrase nobody, cbt included, can open or recover the journal.

    Write it down somewhere safe, or keep it in a password manager."""
    from .. import paths
    from ..errors import CbtError
    from ..journal import cipher, passphrase, remembered
    from ..journal.backups import key_backups, plain_backups

    s = state(ctx)
    path = s.db_path or paths.default_journal_path()
    if path.exists() and cipher.looks_encrypted(path):
        if not plain_backups(path):
            raise CbtError(f"The journal {path} is already encrypted.")
        key = s.journal().cipher_key  # opened with its passphrase, for the plain backups
        s.close()
        assert key is not None  # an encrypted journal opens only with its passphrase
        s.console.print(f"The journal {path} is already encrypted.")
        say_backups_keyed(s, key_backups(path, None, key), "encrypted", "still plain")
        return
    if remember and not remembered.has_keyring():  # said before anything is changed
        raise CbtError(
            "This computer has no keyring cbt can use to remember the key (such as GNOME "
            "Keyring, KWallet or the macOS Keychain), so nothing was changed; `cbt encrypt` "
            "without --remember encrypts the journal, and cbt then asks for the passphrase."
        )
    cipher.refuse_if_open(path)
    key = passphrase.new_passphrase(path)
    s.journal()  # made if new, migrated and checked
    s.close(wipe_log=True)  # and let go of, so the encrypted copy is the whole journal
    cipher.encrypt_file(path, key)
    s.console.print(
        f"Your journal {path} is now encrypted. Keep the passphrase safe: without it, nobody, "
        "cbt included, can read the journal."
    )
    say_backups_keyed(s, key_backups(path, None, key), "encrypted", "still plain")
    if remember:
        try:
            remember_key(s, path, key)
        except CbtError as exc:  # the journal is encrypted, as asked: a note, not a failure
            s.console.print(str(exc))


def say_backups_keyed(s: State, done: "BackupsKeyed", verb: str, left_as: str = "") -> None:
    """How many of cbt's backups now open with the journal's passphrase, and, in one
    sentence, each one left as it was and why."""
    from ..wording import counted

    if done.rewritten:
        one = len(done.rewritten) == 1
        s.console.print(
            f"{counted(len(done.rewritten), 'backups')} in {done.rewritten[0].parent} "
            f"{'was' if one else 'were'} {verb} too."
        )
    if done.left:
        one = len(done.left) == 1
        names = "; ".join(f"{path.name} ({why})" for path, why in done.left)
        s.console.print(
            f"{counted(len(done.left), 'backups')} could not be {verb} and "
            f"{'was' if one else 'were'} left exactly as {'it was' if one else 'they were'}"
            f"{', ' + left_as if left_as else ''}: {names}."
        )


@app.command("decrypt")
def decrypt(
    ctx: typer.Context,
    yes: Annotated[
        bool,
        typer.Option("--yes", "-y", help="Don't ask for confirmation (needed without a terminal)."),
    ] = False,
) -> None:
    """Turn encryption off: the journal becomes a plain file again (asks for the passphrase)."""
    import sys

    from .. import paths
    from ..errors import CbtError, UsageError
    from ..journal import cipher, open_journal, passphrase

    s = state(ctx)
    path = s.db_path or paths.default_journal_path()
    if not path.exists() or not cipher.looks_encrypted(path):
        raise CbtError(f"The journal {path} is not encrypted.")
    if not yes:
        if not sys.stdin.isatty():
            raise UsageError(
                "Turning encryption off needs confirmation; add --yes to do it without being asked."
            )
        question = (
            f"Store {path} unencrypted, readable by anyone who copies the file or its backups?"
        )
        if not typer.confirm(question, default=False):
            s.console.print("Kept it encrypted; nothing was changed.")
            return
    cipher.refuse_if_open(path)
    key = passphrase.owners_passphrase(path)  # never a remembered key: it is not proof enough
    # migrated and checked, and let go of, so the plain copy is the whole journal
    open_journal(path, key=key).close(wipe_log=True)
    cipher.decrypt_file(path, key)
    from ..journal import remembered

    remembered.forget(path)  # nothing left to open with it
    s.console.print(f"Your journal {path} is no longer encrypted.")
    from ..journal.backups import backups_folder, encrypted_backups
    from ..wording import counted

    kept = encrypted_backups(path)
    if kept:
        s.console.print(
            f"{counted(len(kept), 'backups')} in {backups_folder(path)} "
            f"{'stays' if len(kept) == 1 else 'stay'} encrypted and still "
            f"{'opens' if len(kept) == 1 else 'open'} with the passphrase (the README says "
            "how to restore one); any backup made elsewhere while it was encrypted needs it too."
        )


@app.command("passphrase")
def change_passphrase(
    ctx: typer.Context,
    remember: Annotated[
        bool,
        typer.Option(
            "--remember",
            help="Keep the journal's key in this computer's keyring, so cbt opens it without "
            "asking (anyone who can use your account here can then read it).",
        ),
    ] = False,
    forget: Annotated[
        bool,
        typer.Option("--forget", help="Take the key out of the keyring: cbt asks again."),
    ] = False,
) -> None:
    """Change the encrypted journal's passphrase, or remember or forget its key on this computer."""
    from .. import paths
    from ..errors import CbtError, UsageError
    from ..journal import cipher, open_journal, passphrase, remembered

    s = state(ctx)
    path = s.db_path or paths.default_journal_path()
    if remember and forget:
        raise UsageError("Choose --remember or --forget, not both.")
    if forget:
        if remembered.forget(path):
            s.console.print(f"Forgot the key of {path} on this computer; cbt will ask again.")
        else:
            s.console.print(f"No key of {path} was remembered on this computer.")
        return
    if not path.exists() or not cipher.looks_encrypted(path):
        raise CbtError(f"The journal {path} is not encrypted; `cbt encrypt` encrypts it.")
    if remember:
        key = s.journal().cipher_key  # opened as usual, migrated and checked
        s.close()
        assert key is not None  # an encrypted journal opens only with its key
        remember_key(s, path, key)
        return
    cipher.refuse_if_open(path)
    key = passphrase.owners_passphrase(path)  # never a remembered key: it is not proof enough
    # migrated and checked, and let go of, so the new copy is the whole journal
    open_journal(path, key=key).close(wipe_log=True)
    new = passphrase.new_passphrase(path, replacing=True)
    was_remembered = remembered.marker(path).exists()
    cipher.rekey_file(path, key, new)
    s.console.print(f"The passphrase of {path} is changed.")
    from ..journal.backups import key_backups

    say_backups_keyed(s, key_backups(path, key, new), "given the new passphrase")
    if was_remembered:  # the old key opens nothing now
        remember_key(s, path, new)


def remember_key(s: State, path: Path, key: str) -> None:
    from ..journal.cipher import remember_key as keep

    keep(path, key)
    s.console.print(
        "Its key is remembered on this computer: cbt opens the journal without asking. "
        "`cbt passphrase --forget` undoes this."
    )
