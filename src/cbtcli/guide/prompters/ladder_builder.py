"""Building a fear ladder in a real terminal: rung by rung, then add, re-rate, reword, remove."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any

from ..answers import LADDER_NOTE
from ..engine import Ask
from . import menus
from .menus import GO_BACK, HELP, run_question


class LadderBuilder(ABC):
    """The ladder step of the interactive prompter (a mixin: it needs `message`, `intensity`,
    `console`)."""

    console: Any
    show_help: Callable[[Ask], None]  # the step's help, as every other step shows it

    @abstractmethod
    def message(self, request: Ask) -> str:
        """The question as the prompter words it."""

    @abstractmethod
    def intensity(self, message: str, default: int | None) -> str:
        """A 0-100 rating read with the prompter's own widget."""

    def ask_ladder(self, request: Ask) -> Any:
        """Build a ladder rung by rung, then add, re-rate, rename or remove until done."""
        import questionary

        old = request.default or {}
        editing = bool(old.get("name"))
        ask_name = " Its name (Enter keeps it):" if editing else " First, a short name for it:"
        name = run_question(
            questionary.text(
                self.message(request) + ask_name,
                default=old.get("name", ""),
                instruction=None if editing else "(like 'driving' or 'phone calls')",
                qmark="›",
            )
        ).strip()
        if name in (HELP, GO_BACK):
            return name
        rungs: list[dict[str, Any]] = [dict(s) for s in old.get("steps", [])]

        def keep() -> None:
            request.keep_partial(
                {"name": name, "steps": list(rungs), "ladder_id": old.get("ladder_id")}
            )

        if not rungs:
            self.console.print(
                "  Now the steps, easiest first if you like; they'll be sorted by distress.",
                style="dim",
            )
            self.add_rungs(rungs, keep, request)
        shown = True
        while True:
            rungs.sort(key=lambda r: int(r["suds"]))
            if shown:
                self.show_rungs(rungs)
            shown = True
            action = run_question(
                menus.select(
                    "Anything to change?",
                    [
                        questionary.Choice("No, the ladder is ready", value="done"),
                        questionary.Choice("Add steps", value="add"),
                        questionary.Choice("Change a step's rating", value="rerate"),
                        questionary.Choice("Reword a step", value="rename"),
                        questionary.Choice("Remove a step", value="remove"),
                        *menus.extra_choices(can_go_back=False),
                    ],
                )
            )
            if action in menus.EXTRAS:  # `?`; `<` has nowhere further back to go
                if action == menus.HELP_CHOICE:
                    self.show_help(request)
                shown = False
                continue
            if action == "done":
                if len(rungs) < 8:
                    self.console.print(f"  {LADDER_NOTE}", style="dim")
                return {"name": name, "steps": rungs, "ladder_id": old.get("ladder_id")}
            if action == "add":
                self.add_rungs(rungs, keep, request)
                continue
            rung = self.pick_rung(rungs, request)
            if rung is None:
                continue
            if action == "remove":
                rungs.remove(rung)
            elif action == "rerate":
                rung["suds"] = self.intensity(f"Distress for '{rung['text']}'", int(rung["suds"]))
            else:
                rung["text"] = (
                    run_question(
                        questionary.text("New wording:", default=rung["text"], qmark="  ›")
                    ).strip()
                    or rung["text"]
                )

    def add_rungs(
        self, rungs: list[dict[str, Any]], keep: Callable[[], None], request: Ask
    ) -> None:
        """Rungs typed one by one, each kept (`keep`) as soon as its distress is given. `?`
        shows the step's help; `<` (or Enter on an empty line) goes back to the ladder."""
        import questionary

        while True:
            text = run_question(
                questionary.text(
                    f"Step {len(rungs) + 1}:",
                    instruction="(a situation to face; Enter on an empty line when done; ? help)",
                    qmark="  ›",
                )
            ).strip()
            if text == HELP:
                self.show_help(request)
                continue
            if not text or text == GO_BACK:
                return
            suds = self.intensity(
                "How much distress would it bring? (SUDS: 0 calm, 100 the most)", None
            )
            rungs.append({"text": text, "suds": suds})
            keep()

    def pick_rung(self, rungs: list[dict[str, Any]], request: Ask) -> dict[str, Any] | None:
        """The step to change; None for "Never mind" or `<`."""
        import questionary

        choices = [
            questionary.Choice(f"{r['text']} ({r['suds']})", value=index)
            for index, r in enumerate(rungs)
        ]
        choices.append(questionary.Choice("Never mind", value=None))
        choices.extend(menus.extra_choices(can_go_back=True))
        while True:
            picked = run_question(menus.select("Which step?", choices, qmark="  ›"))
            if picked != menus.HELP_CHOICE:
                return None if picked in (None, menus.BACK_CHOICE) else rungs[picked]
            self.show_help(request)

    def show_rungs(self, rungs: list[dict[str, Any]]) -> None:
        from rich.table import Table

        table = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
        table.add_column("#", justify="right", style="dim")
        table.add_column("Step")
        table.add_column("SUDS", justify="right")
        for number, rung in enumerate(rungs, 1):
            table.add_row(str(number), rung["text"], str(rung["suds"]))
        self.console.print(table)
