"""The package's own error types; the CLI turns each into one sentence and an exit code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class OptionName:
    """An option named in a message by what the package calls its value (the command's
    parameter name, such as "since" or "continue_id"). The package does not know the command
    line: the CLI words each OptionName as the flag a person types."""

    name: str

    def __str__(self) -> str:
        return f"`{self.name}`"  # worded without the CLI at hand (a library caller, a test)


class CbtError(Exception):
    """A problem the person can fix; its message is shown as it is, without a traceback.

    The message may be given in parts, some of them OptionNames, so the CLI can name those
    options as the flags it has (`worded`)."""

    exit_code = 1

    def __init__(self, *parts: str | OptionName) -> None:
        self.parts = parts
        super().__init__("".join(map(str, parts)))

    def worded(self, flag: Callable[[OptionName], str]) -> str:
        """The message with each option it names worded by `flag`."""
        return "".join(flag(part) if isinstance(part, OptionName) else part for part in self.parts)


class UsageError(CbtError):
    """A bad argument or option value."""

    exit_code = 2


class OutputExists(CbtError):
    """The file an output would go to is already there, and replacing it was not asked for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path} already exists; add ", OptionName("force"), " to replace it.")


class ExerciseError(CbtError):
    """One or more problems in exercise definition files."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        count = len(problems)
        head = "There is a problem" if count == 1 else f"There are {count} problems"
        super().__init__(f"{head} in an exercise file:\n" + "\n".join(f"  {p}" for p in problems))


class UnknownExercise(UsageError):
    """No exercise has the requested id (a bad argument: exit 2)."""


class AnswerError(CbtError):
    """An answer that does not fit its step."""

    def __init__(self, step_id: str, message: str) -> None:
        self.step_id = step_id
        self.message = message
        super().__init__(f"Step '{step_id}': {message}")


class JournalError(CbtError):
    """The journal file cannot be opened, read or written."""


class Locked(JournalError):
    """The journal is encrypted and no passphrase that opens it was given."""


class EntryNotFound(CbtError):
    """No entry (or more than one) matches an id prefix."""


class Interrupted(CbtError):
    """The person stopped part way (Ctrl-C or end of input)."""

    exit_code = 130


class SafetyStop(Interrupted):
    """The person chose to stop after crisis resources were shown: a choice, not a failure."""

    exit_code = 0
