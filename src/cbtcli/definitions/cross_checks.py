"""Checks across an exercise's steps: unique ids, and placeholders and `when`
conditions that point at earlier steps able to answer them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .fields import STEP_ID, FieldChecks
from .model import PLACEHOLDER, Condition, Step, as_text


class CrossStepChecks(FieldChecks):
    """The checks across steps: ids unique, placeholders and conditions naming earlier
    steps that exist and can hold what they ask of them."""

    def check_step_id(self, step_id: str, earlier: dict[str, Step], where: str) -> None:
        if not STEP_ID.match(step_id):
            self.problem(
                where, "ids use lower-case letters, digits and '_', starting with a letter."
            )
        if step_id in earlier:
            self.problem(where, "duplicate step id.")

    def check_placeholders(
        self, texts: Iterable[str], earlier: dict[str, Step], where: str
    ) -> None:
        """`{name}` in a prompt quotes an answer, so it must name an earlier answered step."""
        for text in texts:
            for name in PLACEHOLDER.findall(text):
                target = earlier.get(name)
                if target is None or not target.has_answer:
                    self.problem(
                        where, f"'{{{name}}}' refers to '{name}', which is not an earlier step."
                    )

    def earlier_of(
        self, raw: dict, wanted: str, earlier: dict[str, Step], where: str, *, required: bool
    ) -> str | None:
        """`of:` naming an earlier step of type `wanted`: for a rerate, the feelings to rate
        again; for a rating given again later, the first (shown as "before -> after")."""
        if not required and "of" not in raw:
            return None
        of = self.text(raw, "of", where, required=required) or None
        if of and (earlier.get(of) is None or earlier[of].type != wanted):
            self.problem(where, f"'of: {of}' must name an earlier {wanted} step.")
        return of

    def condition(self, raw: Any, earlier: dict[str, Step], where: str) -> Condition | None:
        if (
            not isinstance(raw, dict)
            or set(raw) - {"step", "in", "is", "any_above", "at_least", "answered"}
            or "step" not in raw
        ):
            self.problem(where, "'when' must look like {step: STEP_ID, in: [VALUE, ...]}.")
            return None
        name = as_text(raw["step"])
        if "any_above" in raw:
            return self.score_condition(name, raw, earlier, where)
        if "at_least" in raw:
            return self.rating_condition(name, raw, earlier, where)
        if "answered" in raw:
            target = earlier.get(name)
            if raw["answered"] is not True or set(raw) != {"step", "answered"}:
                self.problem(
                    where, "'when' with 'answered' looks like {step: STEP_ID, answered: true}."
                )
            elif target is None or not target.has_answer:
                self.problem(where, f"'when' refers to '{name}', which is not an earlier step.")
            return Condition(step=name, answered=True)
        values_raw = raw.get("in", raw.get("is"))
        values_list = values_raw if isinstance(values_raw, list) else [values_raw]
        values = tuple(as_text(v) for v in values_list if v is not None)
        if not values:
            self.problem(where, "'when' needs the values to match, as 'in: [...]'.")
        target = earlier.get(name)
        if target is None or not target.has_answer:
            self.problem(where, f"'when' refers to '{name}', which is not an earlier step.")
        elif target.choices:
            known = {c.id for c in target.choices}
            for value in values:
                if value not in known:
                    self.problem(where, f"'when' value '{value}' is not a choice of '{name}'.")
        return Condition(step=name, values=values)

    def score_condition(
        self, name: str, raw: dict, earlier: dict[str, Step], where: str
    ) -> Condition | None:
        """`{step: QUESTIONNAIRE, any_above: N}`: asked when any item scored above N."""
        target, above = earlier.get(name), raw["any_above"]
        if target is None or target.type != "questionnaire":
            self.problem(
                where, f"'when' with 'any_above' needs an earlier questionnaire, not '{name}'."
            )
            return None
        if (
            isinstance(above, bool)
            or not isinstance(above, int)
            or set(raw) != {"step", "any_above"}
        ):
            self.problem(where, "'when' must look like {step: QUESTIONNAIRE, any_above: NUMBER}.")
            return None
        return Condition(step=name, any_above=above)

    def rating_condition(
        self, name: str, raw: dict, earlier: dict[str, Step], where: str
    ) -> Condition | None:
        """`{step: RATING, at_least: N}`: asked when that rating was N or more."""
        target, least = earlier.get(name), raw["at_least"]
        if target is None or target.type != "rating":
            self.problem(where, f"'when' with 'at_least' needs an earlier rating, not '{name}'.")
            return None
        if (
            isinstance(least, bool)
            or not isinstance(least, int)
            or set(raw) != {"step", "at_least"}
        ):
            self.problem(where, "'when' must look like {step: RATING, at_least: NUMBER}.")
            return None
        return Condition(step=name, at_least=least)
