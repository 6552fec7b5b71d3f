"""The quiet countdown of a `pause` step: it ends by itself, or with Enter.

The keys are the prompts' own: `?` for help, `<` to go back, Ctrl-C to stop (keeping a draft)."""

from __future__ import annotations

import math
import shutil
import time

from ...errors import Interrupted
from .base import GO_BACK, HELP

DONE, SKIPPED = "done", "skipped"


def clock(seconds: float) -> str:
    whole = math.ceil(max(0.0, seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def countdown(seconds: float, can_go_back: bool) -> str:
    """Wait up to `seconds`, showing the time left on one line that is erased afterwards.

    Returns DONE when the time ran out, SKIPPED for Enter, HELP or GO_BACK for those keys."""
    import asyncio

    from prompt_toolkit.application import Application
    from prompt_toolkit.formatted_text import StyleAndTextTuples
    from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
    from prompt_toolkit.layout import Layout, Window
    from prompt_toolkit.layout.controls import FormattedTextControl

    end = time.monotonic() + seconds
    back = " · < back" if can_go_back else ""

    keys_hint = f"· Enter to carry on · ? help{back} · Ctrl-C stops"
    if shutil.get_terminal_size().columns < len(keys_hint) + 10:
        keys_hint = "· Enter: carry on · ? help"  # one line, even at 40 columns

    def line() -> StyleAndTextTuples:
        left = clock(end - time.monotonic())
        return [("", f"  {left} "), ("fg:ansibrightblack", keys_hint)]

    keys = KeyBindings()

    def finish(app: Application, result: str) -> None:
        if not app.is_done:
            app.exit(result=result)

    @keys.add("enter")
    def _skip(event: KeyPressEvent) -> None:
        finish(event.app, SKIPPED)

    @keys.add("?")
    def _help(event: KeyPressEvent) -> None:
        finish(event.app, HELP)

    @keys.add("<")
    def _back(event: KeyPressEvent) -> None:
        if can_go_back:
            finish(event.app, GO_BACK)

    @keys.add("c-c")
    @keys.add("c-d")
    def _stop(event: KeyPressEvent) -> None:
        if not event.app.is_done:
            event.app.exit(exception=KeyboardInterrupt())

    app: Application[str] = Application(
        layout=Layout(Window(FormattedTextControl(line), height=1)),
        key_bindings=keys,
        erase_when_done=True,
    )

    async def tick() -> None:
        while (left := end - time.monotonic()) > 0:
            # wake at each whole second left, so the clock changes on time
            await asyncio.sleep(min(1.0, left - math.floor(left) or 1.0))
            app.invalidate()
        finish(app, DONE)

    def start() -> None:
        app.create_background_task(tick())

    app.pre_run_callables.append(start)
    try:
        return app.run()
    except (KeyboardInterrupt, EOFError):
        raise Interrupted("Stopped part way.") from None
