"""Safety helpers shared by commands: the latest safety plan, and what cbt does at an alert."""

from __future__ import annotations

import sys
from typing import Any

from .state import State

SAFETY_PLAN = "safety-plan"


def latest_plan(s: State) -> Any:
    """The fields of the latest complete safety plan (its own words, no safety note), or None."""
    from ..journal import COMPLETE
    from ..views.fields import entry_fields

    journal = s.journal()
    entry = journal.latest((COMPLETE,), SAFETY_PLAN)
    if entry is None:
        return None
    fields = entry_fields(entry, s.catalog().get_or_none(SAFETY_PLAN))[0]
    return [field for field in fields if field.label != "Safety note"]


def location() -> Any:
    from ..config import load_config
    from ..safety.helplines import locate

    return locate(load_config().get("region"))


def show_alert(s: State, pausing: bool = True) -> Any:
    """The callback that shows where help is when an answer suggests risk. In a terminal the
    first alert of a sitting pauses the exercise and offers a choice (stopping is the default);
    with an answers file or piped input, the panel goes to standard error and cbt carries on."""

    def show(notice: Any) -> None:
        from ..safety.helplines import load_helplines
        from ..terminal.console import make_console
        from ..views.safety import alert_view, reminder_text

        helplines, where = load_helplines(), location()
        asking = sys.stdin.isatty() and sys.stdout.isatty()
        console = s.console if asking else make_console(stderr=True, plain=s.plain)
        if notice.gentle or not notice.first:
            console.print(reminder_text(notice, helplines, where))
            return
        console.print()
        console.print(alert_view(notice, helplines, where))
        if asking and pausing and not notice.stopping:  # stopping already: nothing to ask
            pause(s)

    return show


def pause(s: State) -> None:
    """Stop (the default), see the plan and lines again, or carry on: the person chooses."""
    from ..definitions.model import Choice, Step
    from ..errors import SafetyStop
    from ..guide.engine import Ask
    from ..safety.helplines import load_helplines
    from ..views.safety import help_now_view

    question = Step(
        id="after_alert",
        type="choice",
        prompt="What would you like to do now?",
        choices=(
            Choice(id="stop", label="Save what I've written and stop here"),
            Choice(id="plan", label="Show my safety plan and crisis lines"),
            Choice(id="carry_on", label="Carry on with the exercise"),
        ),
    )
    prompter = s.prompter()
    while True:
        picked = prompter.ask(Ask(step=question, prompt=question.prompt, help="", default="stop"))
        if picked == "plan":
            s.console.print(help_now_view(load_helplines(), location(), latest_plan(s)))
            continue
        if picked == "carry_on":
            return
        raise SafetyStop("Stopped after the support panel.")
