"""The `cbt` command line: thin commands that parse options, call the package and render."""

# The order of these imports is the order of `cbt --help`.
from . import do, summary, patterns, entries, ladders  # noqa: F401, I001
from . import sessions, assign, exercises, export, config, marks, upkeep, help_now, measure  # noqa: F401
from . import blueprint, remind, completion, encrypt  # noqa: F401
from .app import app

__all__ = ["app"]
