"""Safety helpers shared by commands: the latest safety plan, and the alert callback."""

from .app import State

SAFETY_PLAN = "safety-plan"


def latest_plan(s: State):
    """The fields of the latest complete safety plan, or None."""
    from ..journal import COMPLETE
    from ..readable import entry_fields

    journal = s.journal()
    entry = journal.latest((COMPLETE,), SAFETY_PLAN)
    if entry is None:
        return None
    return entry_fields(entry, s.catalog().get_or_none(SAFETY_PLAN))[0]


def show_alert(s: State):
    """The callback that shows crisis resources when an answer suggests risk."""

    def show(reason: str) -> None:
        from ..config import load_config
        from ..helplines import load_helplines
        from ..render_safety import alert_view

        s.console.print()
        s.console.print(
            alert_view(reason, load_helplines(), load_config().get("region"), latest_plan(s))
        )

    return show
