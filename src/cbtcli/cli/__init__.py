"""The `cbt` command line: thin commands that parse options, call the package and render."""

# The order of these imports is the order of `cbt --help`.
from . import practice, summary, patterns, entries, ladders  # noqa: F401, I001
from . import sessions, assign, exercises, sharing, settings, upkeep, safety  # noqa: F401
from . import blueprint, remind, shell, secrecy  # noqa: F401
from .app import app

__all__ = ["app"]
