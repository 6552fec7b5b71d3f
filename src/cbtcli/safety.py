"""Care when someone may be at risk: a phrase check on free text, alerts from questionnaire
items such as PHQ-9 item 9, and what cbt shows then. cbt never blocks, never diagnoses and
never sends anything anywhere; it shows where help is, once per entry, and notes it."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from .journal import now_local
from .model import Step
from .paths import data_file

WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    # "don't" and "self-harm" become "dont" and "self harm", as the phrase list writes them
    return WORD.findall(text.lower().replace("'", "").replace("’", ""))


@lru_cache(maxsize=1)
def phrases() -> tuple[tuple[str, ...], ...]:
    import yaml

    text = data_file("safety_phrases.yaml").read_text(encoding="utf-8")
    return tuple(tuple(words(p)) for p in yaml.safe_load(text)["phrases"])


def mentions_self_harm(text: str) -> bool:
    """True when the text contains a listed phrase as whole words in order."""
    tokens = words(text)
    for phrase in phrases():
        size = len(phrase)
        if any(tuple(tokens[i : i + size]) == phrase for i in range(len(tokens) - size + 1)):
            return True
    return False


def texts_in(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


class SafetyWatch:
    """Watches answers as they are given; `show` is called at most once per entry."""

    def __init__(
        self, show: Callable[[str], None], earlier: list[dict[str, Any]] | None = None
    ) -> None:
        self.show = show
        self.alerts: list[dict[str, Any]] = list(earlier or [])
        self.shown = bool(self.alerts)
        self.seen: set[str] = {a.get("key", "") for a in self.alerts}

    def alert(self, key: str, reason: str) -> None:
        if key in self.seen:
            return
        self.seen.add(key)
        self.alerts.append(
            {"key": key, "reason": reason, "at": now_local().isoformat(timespec="seconds")}
        )
        if not self.shown:
            self.shown = True
            self.show(reason)

    def item(self, step: Step, item_id: str, value: Any) -> None:
        """Called as each questionnaire item is answered, so help shows before the next one."""
        item = next((i for i in step.items if i.id == item_id), None)
        if item is None or item.alert_above is None:
            return
        try:
            score = int(value)
        except (TypeError, ValueError):
            return
        if score > item.alert_above:
            label = next((o.label for o in step.options if o.value == score), str(score))
            self.alert(f"{step.id}.{item_id}", f'"{item.text}" was answered "{label}".')

    def answer(self, step: Step, value: Any) -> None:
        if step.type == "questionnaire" and isinstance(value, dict):
            for item_id, score in value.items():
                self.item(step, item_id, score)
            return
        if any(mentions_self_harm(text) for text in texts_in(value)):
            self.alert("text", "Something written here mentioned suicide or self-harm.")
