"""Where cbt keeps things: the journal, the config and the person's own exercises."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

APP_NAME = "cbtcli"
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def _home() -> Path | None:
    value = os.environ.get("CBT_HOME")
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    home = _home()
    if home:
        return home
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    home = _home()
    if home:
        return home
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def default_journal_path() -> Path:
    return data_dir() / "journal.db"


def config_file() -> Path:
    return config_dir() / "config.yaml"


def user_exercises_dir() -> Path:
    return config_dir() / "exercises"


def builtin_exercises_dir() -> Path:
    """The exercises shipped in the wheel, or the checkout's folder in an editable install."""
    packaged = Path(__file__).resolve().parent / "exercises"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "exercises"


def data_file(name: str) -> Path:
    """A file shipped inside the package (helplines, phrase lists, templates, fonts)."""
    return Path(__file__).resolve().parent / "data" / name


def read_given_file(path: Path, what: str) -> str:
    """The text of a file the person named on the command line, or one clear sentence (a
    problem with a file: exit 1)."""
    from .errors import CbtError

    limit = 256 * 1024 * 1024  # a device or pipe that never ends is read this far, no further
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise CbtError(f"The {what} {path} is larger than cbt reads (256 MB).")
        return data.decode("utf-8")
    except FileNotFoundError:
        raise CbtError(f"The {what} {path} does not exist.") from None
    except IsADirectoryError:
        raise CbtError(f"The {what} {path} is a folder, not a file.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CbtError(f"The {what} {path} cannot be read ({exc}).") from None


def ensure_private_dir(path: Path) -> list[Path]:
    """Create a folder, and every missing folder above it, readable by its owner alone whatever
    the umask (`mkdir(parents=True)` would give the ones above it the umask's mode). Returns
    the folders it made, the deepest first."""
    missing: list[Path] = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    made: list[Path] = []
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            continue  # another cbt made it a moment ago; it is left as that one made it
        folder.chmod(PRIVATE_DIR)
        made.insert(0, folder)
    return made


@contextlib.contextmanager
def private_dir(path: Path) -> Iterator[None]:
    """The folder `path` (see ensure_private_dir) for something about to be written in it:
    when the writing fails (a full disk, say), the folders made for it are taken away again,
    so a failed command leaves nothing behind, not even an empty folder."""
    made = ensure_private_dir(path)
    try:
        yield
    except BaseException:
        remove_empty(made)
        raise


def remove_empty(folders: list[Path]) -> None:
    """Take away each folder, the deepest first, that nothing has been put in."""
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()


def out_of_room(exc: OSError) -> bool:
    """A write refused for lack of room: a full disk, a used-up quota, or a file grown past
    the size this process may write (all the same to the person: there is no room)."""
    import errno

    return exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def disk_is_full(path: Path) -> bool:
    """Whether there is no room to write beside `path`. SQLite calls only ENOSPC "full" and any
    other failed write a "disk I/O error", so after one cbt looks for itself: a limit on the
    size of files this process writes that its files have reached, or a small file that cannot
    be written there."""
    import tempfile

    try:
        import resource
    except ImportError:  # Windows: no such limit
        limit = None
    else:
        limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
        limit = None if limit == resource.RLIM_INFINITY else limit
    if limit is not None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                if path.with_name(path.name + suffix).stat().st_size + 65536 >= limit:
                    return True
    try:
        with tempfile.TemporaryFile(dir=path.parent) as probe:
            probe.write(b"\0" * 65536)
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as exc:
        return out_of_room(exc)
    return False


def sqlite_out_of_room(exc: BaseException, path: Path) -> bool:
    """Whether an SQLite error writing the database at `path` means there is no room."""
    text = str(exc).lower()
    return "full" in text or ("disk i/o error" in text and disk_is_full(path))


def path_problem(path: Path, exc: OSError) -> str:
    """One sentence for a file that could not be written, naming it (nothing is left behind)."""
    import errno

    if out_of_room(exc):
        return f"The disk is full, so {path} was not written."
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"{path} cannot be written: you do not have permission there."
    if exc.errno == errno.EROFS:
        return f"{path} cannot be written: that place is read-only."
    return f"{path} cannot be written ({exc.strerror or exc})."


def write_private_text(path: Path, text: str, replace: bool = True) -> None:
    """Write a whole file readable by its owner alone: a private temporary file beside it,
    moved into place only once written, so a full disk leaves no empty or partial file."""
    import contextlib
    import tempfile

    from .errors import CbtError

    if not replace and path.exists():
        raise CbtError(f"{path} already exists.")
    temporary = None
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        os.fchmod(fd, PRIVATE_FILE)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        if temporary is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        raise CbtError(path_problem(path, exc)) from None


def create_private_file(path: Path) -> None:
    """Create an empty file with mode 0600 before anything writes to it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    os.close(fd)
    path.chmod(PRIVATE_FILE)
