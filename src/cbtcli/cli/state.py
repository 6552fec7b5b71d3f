"""What every command shares: the journal path and the things opened once when first needed
(the journal, the exercises, the console, the prompter). Kept apart from the root command so
that commands and the home screen import it without importing each other."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer
    from rich.console import Console

    from ..definitions.catalog import Catalog
    from ..guide.engine import Prompter
    from ..journal import Journal


@dataclass
class State:
    """What commands share: the journal path, and things opened once when first needed."""

    db_path: Path | None = None
    plain: bool = False
    reads_only: bool = False
    _journal: Journal | None = field(default=None, repr=False)
    _catalog: Catalog | None = field(default=None, repr=False)
    _console: Console | None = field(default=None, repr=False)

    @property
    def console(self) -> Console:
        if self._console is None:
            from ..terminal.console import make_console

            self._console = make_console(plain=self.plain)
        return self._console

    @property
    def plain_output(self) -> bool:
        """No colour, boxes or charts: --plain and CBT_PLAIN, and NO_COLOR too (which leaves
        the arrow-key prompts as they are: it asks for no colour, not another way to answer)."""
        from ..terminal.no_colour import no_colour_requested

        return self.plain or no_colour_requested()

    @property
    def err_console(self) -> Console:
        from ..terminal.console import make_console

        return make_console(stderr=True, plain=self.plain)

    def journal(self) -> Journal:
        if self._journal is None:
            from .. import paths
            from ..errors import JournalError
            from ..journal import open_journal

            path = self.db_path or paths.default_journal_path()
            if self.reads_only and not path.exists():
                if self.db_path is not None:
                    raise JournalError(
                        f"There is no journal at {self.db_path}; check the path (a command "
                        "that only reads never creates one)."
                    )
                from ..journal.store import empty_journal

                self._journal = empty_journal(path)  # nothing yet, and nothing created
                return self._journal
            self._journal = open_journal(path, for_writing=not self.reads_only)
            if self._journal.created:  # plain, so an exercise's first question comes before rich
                from ..terminal.safe_text import for_terminal

                sys.stderr.write(for_terminal(f"Started a new journal at {path}.") + "\n")
        return self._journal

    def use_journal(self, journal: Journal) -> None:
        """A journal opened here another way (with a passphrase typed late, say); closed as the
        command ends, like one opened by journal()."""
        self.close()
        self._journal = journal

    def catalog(self) -> Catalog:
        if self._catalog is None:
            from ..definitions.catalog import load_catalog

            self._catalog = load_catalog()
            # Said on standard error, once per file: standard output is for data (JSON, exports).
            for notice in self._catalog.notices:
                self.err_console.print(notice, style="dim")
            for path, count in self._catalog.broken.values():
                from ..wording import counted

                self.err_console.print(
                    f"{path.name} has {counted(count, 'problems')}; "
                    f"`cbt exercises validate {path}` shows them.",
                    style="yellow",
                )
        return self._catalog

    @property
    def interactive(self) -> bool:
        return sys.stdin.isatty() and sys.stdout.isatty()

    def prompter(self) -> Prompter:
        """Arrow-key prompts in a terminal; plain lines when input is piped or --plain."""
        if self.interactive and not self.plain:
            from ..guide.prompters.interactive import InteractivePrompter

            # rich loads when first needed, after the first question is on the screen
            return InteractivePrompter(lambda: self.console)
        from ..guide.prompters.plain import PlainPrompter

        if not self.plain:
            # asked in plain lines (a pipe, a screen reader): what comes with them is plain too
            self.plain, self._console = True, None
        return PlainPrompter(self.console)

    def close(self, wipe_log: bool = False) -> None:
        if self._journal is not None:
            self._journal.close(wipe_log)
            self._journal = None


def state(ctx: typer.Context) -> State:
    return ctx.find_root().obj


# Commands that only read the journal: given a --db that does not exist, they say so rather
# than create an empty journal there (a mistyped backup name, say). Commands inside a group
# (`cbt ladder list`) say so themselves with `reading(ctx)`.
READ_ONLY = {
    "journal",
    "show",
    "summary",
    "today",
    "patterns",
    "export",
    "due",
    "doctor",
    "help-now",  # never held up, and never creates anything, when someone needs help
}


def reads_only(ctx: typer.Context) -> bool:
    return ctx.invoked_subcommand in READ_ONLY


def reading(ctx: typer.Context) -> State:
    """The state, for a command that only reads the journal."""
    found = state(ctx)
    found.reads_only = True
    return found
