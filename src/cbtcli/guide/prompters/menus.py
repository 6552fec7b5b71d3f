"""Arrow-key menus whose keys do what the hint above every step says: `?` help, `<` back.

questionary's select and checkbox ignore typed characters and, in a checkbox, Enter submits
the ticks whatever the pointer is on. Here `?` and `<` act the moment they are typed, Enter
on "Show help" or "Go back" does that (keeping what was ticked), a letter typed in a tick-box
menu moves to the next choice starting with it (never ticking anything), and a choice's
description wraps at the terminal's edge instead of being cut.
"""

from __future__ import annotations

import string
from typing import Any

from ...errors import Interrupted
from .base import GO_BACK, HELP

HELP_CHOICE = "\x00help"
BACK_CHOICE = "\x00back"
EXTRAS = (HELP_CHOICE, BACK_CHOICE)


def wrapped(text: str, lead: int = 2, indent: int = 2) -> str:
    """Text broken at spaces to fit the terminal (prompt_toolkit would break it mid-word),
    its first line starting `lead` columns in, after the question mark, the rest `indent`."""
    import shutil
    import textwrap

    width = shutil.get_terminal_size().columns - 1
    if lead + len(text) <= width or "\n" in text:
        return text
    lines = textwrap.wrap(text, width, initial_indent=" " * lead, subsequent_indent=" " * indent)
    return "\n".join(lines)[lead:]


def placed(message: str, instruction: str, lead: int = 2) -> str:
    """The hint after a question, on a line of its own (and wrapped) when it would otherwise
    run past the terminal's edge and be broken mid-word."""
    import shutil

    width = shutil.get_terminal_size().columns - 1
    last = message.split("\n")[-1]
    start = lead if "\n" not in message else 0
    if start + len(last) + len(instruction) + 2 <= width:
        return instruction
    return "\n  " + wrapped(instruction, lead=2, indent=2)


def run_question(question: Any) -> Any:
    """questionary's ask() swallows Ctrl-C; unsafe_ask() lets us save a draft instead."""
    try:
        return question.unsafe_ask()
    except (KeyboardInterrupt, EOFError):
        raise Interrupted("Stopped part way.") from None


def extra_answer(answer: Any) -> Any:
    """A menu's answer, with its help and back entries turned into the typed `?` and `<`."""
    return {HELP_CHOICE: HELP, BACK_CHOICE: GO_BACK}.get(answer, answer)


def extra_choices(can_go_back: bool) -> list[Any]:
    """The entries below every menu's separator: help, and back when there is a step before."""
    import questionary

    extras = [questionary.Separator(), questionary.Choice("Show help", value=HELP_CHOICE)]
    if can_go_back:
        extras.append(questionary.Choice("Go back", value=BACK_CHOICE))
    return extras


def select(message: str, choices: list[Any], default: Any = None, qmark: str = "›") -> Any:
    """One choice; returns its value, or HELP_CHOICE / BACK_CHOICE for `?` / `<`."""
    import questionary

    question = questionary.select(message, choices=choices, default=default, qmark=qmark)
    return _with_keys(question, ticks=False)


def checkbox(message: str, choices: list[Any], instruction: str, qmark: str = "›") -> Any:
    """Ticked values; for `?`, `<` or Enter on an extra entry, a list starting with
    HELP_CHOICE or BACK_CHOICE followed by what was ticked, so asking again can keep it."""
    import questionary

    question = questionary.checkbox(
        message,
        choices=choices,
        instruction=placed(message, instruction, len(qmark) + 1),
        qmark=qmark,
    )
    return _with_keys(question, ticks=True)


def split_extra(picked: list[Any]) -> tuple[str | None, list[Any]]:
    """(HELP_CHOICE or BACK_CHOICE or None, the ticked values without them)."""
    extra = next((value for value in picked if value in EXTRAS), None)
    return extra, [value for value in picked if value not in EXTRAS]


def _with_keys(question: Any, ticks: bool) -> Any:
    from prompt_toolkit.filters import to_filter
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from prompt_toolkit.layout import Window
    from questionary.prompts.common import InquirerControl

    app = question.application
    control = next(c for c in app.layout.find_all_controls() if isinstance(c, InquirerControl))
    mark = 5 if ticks else 3  # " » " before a menu's entry, " » ○ " before a tick box's
    for choice in control.choices:
        if isinstance(choice.title, str):  # a long entry is broken at a space, not mid-word
            choice.title = wrapped(choice.title, lead=mark, indent=mark)
        description = getattr(choice, "description", None)
        if description:  # shown after "  Description: "
            choice.description = wrapped(description, lead=15, indent=4)
    for window in app.layout.find_all_windows():
        if isinstance(window, Window) and window.content is control:
            window.wrap_lines = to_filter(True)

    def leave(event: Any, extra: str) -> None:
        if ticks:
            ticked = [c.value for c in control.get_selected_values() if c.value not in EXTRAS]
            event.app.exit(result=[extra, *ticked])
            return
        index = next((i for i, c in enumerate(control.choices) if c.value == extra), None)
        if index is not None:  # the answered line then reads "Show help" or "Go back"
            control.pointed_at = index
            control.is_answered = True
        event.app.exit(result=extra)

    keys = KeyBindings()

    @keys.add("?", eager=True)
    def _help(event: Any) -> None:
        leave(event, HELP_CHOICE)

    @keys.add("<", eager=True)
    def _back(event: Any) -> None:
        leave(event, BACK_CHOICE)

    if ticks:

        @keys.add("enter", eager=True)
        def _enter(event: Any) -> None:
            pointed = control.get_pointed_at().value
            ticked_extra = [c.value for c in control.get_selected_values() if c.value in EXTRAS]
            if pointed in EXTRAS or ticked_extra:
                leave(event, pointed if pointed in EXTRAS else ticked_extra[0])
                return
            control.submission_attempted = True
            ticked = [c.value for c in control.get_selected_values() if c.value not in EXTRAS]
            control.is_answered = True
            event.app.exit(result=ticked)

    if ticks:
        # questionary's checkbox ticks every box on "a" and flips them all on "i": someone
        # typing a feeling ("sad 90") ticked a dozen. A letter or digit moves to the next
        # choice that starts with it instead, as in most menus; only space ticks.
        def jump(event: Any) -> None:
            typed = event.data.lower()
            count = len(control.choices)
            for step in range(1, count + 1):
                index = (control.pointed_at + step) % count
                choice = control.choices[index]
                title = choice.title if isinstance(choice.title, str) else ""
                if not choice.disabled and title.lower().startswith(typed):
                    control.pointed_at = index
                    return

        for char in string.ascii_letters + string.digits:
            keys.add(char, eager=True)(jump)

    # the last matching binding wins, so these come after questionary's own
    app.key_bindings = merge_key_bindings([app.key_bindings, keys])
    return question
