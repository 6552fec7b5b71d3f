"""The package's own error types; the CLI turns each into one sentence and an exit code."""

from __future__ import annotations


class CbtError(Exception):
    """A problem the person can fix; its message is shown as it is, without a traceback."""

    exit_code = 1


class UsageError(CbtError):
    """A bad argument or option value."""

    exit_code = 2


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


class EntryNotFound(CbtError):
    """No entry (or more than one) matches an id prefix."""


class Interrupted(CbtError):
    """The person stopped part way (Ctrl-C or end of input)."""

    exit_code = 130


class SafetyStop(Interrupted):
    """The person chose to stop after crisis resources were shown: a choice, not a failure."""

    exit_code = 0
