"""`questionnaire`: items answered on one scale (`options`), scored by `scoring` for a
standard measure such as the PHQ-9; an item's `alert_above` marks an answer that needs care."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...errors import AnswerError
from ..parts import Item, Option, ScaleOption, as_text
from ..scoring import Band, Scoring
from .base import Answers, Field, StepType, named_numbers_problem, plain_text, to_int

if TYPE_CHECKING:
    from ..cross_checks import CrossStepChecks
    from ..model import Exercise, Step


def total_text(step: Step, value: dict[str, Any]) -> str:
    total = sum(v for v in value.values() if isinstance(v, int))
    if step.scoring is None:
        return f"total {total}"
    return f"{total} of {step.scoring.high} ({step.scoring.band(total)})"


class Questionnaire(StepType):
    name = widget = "questionnaire"
    keys = frozenset({"items", "options", "scoring"})

    def parse(
        self, checks: CrossStepChecks, raw: dict, earlier: dict[str, Step], where: str
    ) -> dict[str, Any]:
        """Items, the answer scale and the scoring of a questionnaire step."""
        options: list[ScaleOption] = []
        for index, option in enumerate(raw.get("options") or []):
            if (
                not isinstance(option, dict)
                or not isinstance(option.get("value"), int)
                or not option.get("label")
            ):
                checks.problem(
                    where, f"option {index + 1} needs a whole-number 'value' and a 'label'."
                )
                continue
            options.append(ScaleOption(option["value"], as_text(option["label"])))
        if not options:
            checks.problem(
                where,
                "a questionnaire needs 'options': the answer scale, like {value: 0, label: Not at all}.",
            )
        items: list[Item] = []
        seen: set[str] = set()
        for index, item in enumerate(raw.get("items") or []):
            if not isinstance(item, dict) or not item.get("id") or not item.get("text"):
                checks.problem(where, f"item {index + 1} needs an 'id' and a 'text'.")
                continue
            item_id = as_text(item["id"])
            if item_id in seen:
                checks.problem(where, f"duplicate item id '{item_id}'.")
            seen.add(item_id)
            alert = item.get("alert_above")
            if alert is not None and (isinstance(alert, bool) or not isinstance(alert, int)):
                checks.problem(where, f"item '{item_id}': 'alert_above' must be a whole number.")
                alert = None
            items.append(Item(item_id, as_text(item["text"]).strip(), alert))
        if not items:
            checks.problem(where, "a questionnaire needs 'items'.")
        scoring = self.scoring(checks, raw.get("scoring"), items, options, where)
        return {"items": tuple(items), "options": tuple(options), "scoring": scoring}

    def scoring(
        self,
        checks: CrossStepChecks,
        raw: Any,
        items: list[Item],
        options: list[ScaleOption],
        where: str,
    ) -> Scoring | None:
        if raw is None:
            return None
        if not isinstance(raw, dict) or not isinstance(raw.get("bands"), list):
            checks.problem(where, "'scoring' needs 'bands': [{max: 4, label: minimal}, ...].")
            return None
        values = [o.value for o in options] or [0]
        low, high = min(values) * len(items), max(values) * len(items)
        bands: list[Band] = []
        for band in raw["bands"]:
            if (
                not isinstance(band, dict)
                or not isinstance(band.get("max"), int)
                or not band.get("label")
            ):
                checks.problem(where, "each band needs a whole-number 'max' and a 'label'.")
                return None
            bands.append(Band(band["max"], as_text(band["label"])))
        if any(b.max <= a.max for a, b in itertools.pairwise(bands)):
            checks.problem(where, "bands must go up: each 'max' above the one before.")
        if bands and bands[-1].max != high:
            checks.problem(where, f"the last band must end at the highest possible total, {high}.")
        thresholds = {}
        for key in ("caseness", "reliable_change"):
            value = raw.get(key)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                checks.problem(where, f"'{key}' must be a whole number.")
                value = None
            thresholds[key] = value
        unknown = set(raw) - {"bands", "caseness", "reliable_change"}
        if unknown:
            checks.problem(where, f"unknown scoring key '{sorted(unknown)[0]}'.")
        return Scoring(low, high, tuple(bands), **thresholds)

    def check(self, step: Step, value: Any, answers: Answers, options: Sequence[Option]) -> Any:
        """{item id: scale value} for every item; a value may be given by its number or label."""
        if not isinstance(value, dict):
            raise AnswerError(
                step.id, "the answer must give each item its score, like {interest: 1}."
            )
        scores: dict[str, int] = {}
        allowed = {o.value for o in step.options}
        by_label = {o.label.lower(): o.value for o in step.options}
        known = {item.id for item in step.items}
        for key in value:
            if as_text(key) not in known:
                raise AnswerError(
                    step.id, f"'{key}' is not one of the items ({', '.join(sorted(known))})."
                )
        for item in step.items:
            given = value.get(item.id)
            if given is None:
                raise AnswerError(step.id, f"item '{item.id}' needs an answer.")
            if isinstance(given, str) and given.strip().lower() in by_label:
                given = by_label[given.strip().lower()]
            number = to_int(step, given, f"item '{item.id}'", min(allowed), max(allowed))
            if number not in allowed:
                raise AnswerError(step.id, f"item '{item.id}' must be one of {sorted(allowed)}.")
            scores[item.id] = number
        return scores

    def shape_problem(self, value: Any) -> str:
        return named_numbers_problem(value)

    def text(self, step: Step, value: Any) -> str:
        if not isinstance(value, dict):
            return plain_text(step, value)
        return total_text(step, value)

    def field(self, step: Step, value: Any, answers: Answers, exercise: Exercise) -> Field:
        if not isinstance(value, dict):
            return super().field(step, value, answers, exercise)
        labels = {o.value: o.label for o in step.options}
        lines = [
            f"{item.text}: {labels.get(value.get(item.id, -1), value.get(item.id))}"
            for item in step.items
        ]
        return Field(step.short_label, f"Total {self.text(step, value)}", lines)


QUESTIONNAIRE = Questionnaire()
