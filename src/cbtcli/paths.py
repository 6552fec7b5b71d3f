"""Where cbt keeps things: the journal, the config and the person's own exercises."""

from __future__ import annotations

import os
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
    """The text of a file the person named on the command line, or one clear sentence."""
    from .errors import UsageError

    limit = 256 * 1024 * 1024  # a device or pipe that never ends is read this far, no further
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise UsageError(f"The {what} {path} is larger than cbt reads (256 MB).")
        return data.decode("utf-8")
    except FileNotFoundError:
        raise UsageError(f"The {what} {path} does not exist.") from None
    except IsADirectoryError:
        raise UsageError(f"The {what} {path} is a folder, not a file.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"The {what} {path} cannot be read ({exc}).") from None


def ensure_private_dir(path: Path) -> None:
    """Create a folder readable by its owner alone (whatever the umask)."""
    if not path.exists():
        path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        path.chmod(PRIVATE_DIR)


def create_private_file(path: Path) -> None:
    """Create an empty file with mode 0600 before anything writes to it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    os.close(fd)
    path.chmod(PRIVATE_FILE)
