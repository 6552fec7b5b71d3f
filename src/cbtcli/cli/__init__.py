"""The `cbt` command line: thin commands that parse options, call the package and render."""

from . import practice, summary, entries, ladders, exercises, sharing, settings, upkeep, safety  # noqa: F401, I001  (order = help order)
from .app import app

__all__ = ["app"]
