"""Shell completion: `cbt completion bash|zsh|fish` prints the script; the candidates for a
partly typed word (exercise ids, ladder names, entry ids, settings) come from here.

The shell runs `cbt` with `_CBT_COMPLETE` set; Click's machinery (inside Typer) answers before
any command runs. Only the parameter being completed opens anything, and the journal is opened
read-only and never created: pressing Tab must not change a file."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SHELLS = ("bash", "zsh", "fish")
MEASURES = ("phq9", "gad7")


def completion_script(shell: str, prog_name: str = "cbt") -> str:
    from typer._completion_shared import get_completion_script

    variable = f"_{prog_name.replace('-', '_').upper()}_COMPLETE"
    return get_completion_script(prog_name=prog_name, complete_var=variable, shell=shell)


def starting_with(values: Any, incomplete: str) -> list[str]:
    return sorted({value for value in values if value.startswith(incomplete)})


def exercise_ids(ctx: Any, param: Any, incomplete: str) -> list[str]:
    from ..definitions.catalog import load_catalog

    ids = set(load_catalog().exercises)
    if param.name == "exercise":
        from ..definitions.check_in import CHECK_IN

        ids.add(CHECK_IN.id)  # check-ins, for --exercise mood
    return starting_with(ids, incomplete)


@contextmanager
def journal_if_there(ctx: Any) -> Iterator[Any]:
    """The journal for reading, or None when there is none yet (never created by a Tab)."""
    from .. import paths
    from ..errors import CbtError
    from ..journal import open_journal

    given = ctx.find_root().params.get("db") or os.environ.get("CBT_DB")
    path = Path(given) if given else paths.default_journal_path()
    if not path.is_file():
        yield None
        return
    try:
        journal = open_journal(path, for_writing=False)
    except CbtError:
        yield None
        return
    try:
        yield journal
    finally:
        journal.close()


def entry_ids(ctx: Any, param: Any, incomplete: str) -> list[str]:
    with journal_if_there(ctx) as journal:
        if journal is None:
            return []
        return [entry.id for entry in journal.entries() if entry.id.startswith(incomplete)][:50]


def ladder_names(ctx: Any, param: Any, incomplete: str) -> list[str]:
    from ..journal.ladders import all_ladders

    with journal_if_there(ctx) as journal:
        if journal is None:
            return []
        return starting_with((ladder.name for ladder in all_ladders(journal)), incomplete)


def config_keys(ctx: Any, param: Any, incomplete: str) -> list[str]:
    from ..config import KEYS

    return starting_with(KEYS, incomplete)


def measure_ids(ctx: Any, param: Any, incomplete: str) -> list[str]:
    return starting_with(MEASURES, incomplete)


Completer = Callable[[Any, Any, str], list[str]]


def completer_for(path: tuple[str, ...], name: str | None) -> Completer | None:
    """Which candidates a parameter takes, by its name and the command it belongs to."""
    if name in ("entry_id", "continue_id"):
        return entry_ids
    if name in ("exercise", "target", "resume"):
        return exercise_ids
    if name == "name" and path[:1] == ("ladder",):
        return ladder_names
    if name == "key" and path[:1] == ("config",):
        return config_keys
    if name == "measure":
        return measure_ids
    return None


def quietly(completer: Completer) -> Completer:
    """A Tab that cannot be answered offers nothing; it never prints a traceback."""

    def complete(ctx: Any, param: Any, incomplete: str) -> list[str]:
        try:
            return completer(ctx, param, incomplete)
        except Exception:
            return []

    return complete


def attach_completers(command: Any, path: tuple[str, ...] = ()) -> None:
    for param in getattr(command, "params", []):
        completer = completer_for(path, param.name)
        if completer is not None and getattr(param, "_custom_shell_complete", None) is None:
            param._custom_shell_complete = quietly(completer)
    for name, sub in getattr(command, "commands", {}).items():
        attach_completers(sub, (*path, name))
