"""om (`om-cli`): thought records from `cbt_thoughts.json`, and its mood entries.

A thought has `situation`, `original_thought`, `original_emotion`, `original_intensity` (1-10),
`balanced_thought`, `new_emotion`, `new_intensity`; a mood entry `mood`, `intensity`, `notes`
and `date`. om's intensity is how strong the named feeling is, so it becomes that feeling's
0-100 (times ten); it is never taken for a 0-10 mood score, which om does not record."""

from __future__ import annotations

from typing import Any

from .common import ForeignEntry, ForeignMood, Found, SourceError, parse_iso, parse_json, stable_id

EXERCISE = "thought-record"


def intensity(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 10:
        raise SourceError(f"{where} has an intensity cbt cannot read ({value!r}); om's are 1-10.")
    return round(value * 10)


def when_of(raw: dict[str, Any], where: str) -> Any:
    return parse_iso(raw.get("timestamp") or raw.get("date") or raw.get("created_at"), where)


def thought(raw: dict[str, Any], where: str, found: Found) -> None:
    original = str(raw.get("original_thought") or "").strip()
    if not original:
        found.unmapped.append(f"{where} has no thought and was left out.")
        return
    answers: dict[str, Any] = {"automatic_thoughts": [original], "hot_thought": original}
    if str(raw.get("situation") or "").strip():
        answers["situation"] = str(raw["situation"]).strip()
    feeling = str(raw.get("original_emotion") or "").strip().lower()
    if feeling and raw.get("original_intensity") is not None:
        answers["emotions"] = {feeling: intensity(raw["original_intensity"], where)}
    if str(raw.get("balanced_thought") or "").strip():
        answers["balanced_thought"] = str(raw["balanced_thought"]).strip()
    after = str(raw.get("new_emotion") or "").strip().lower()
    if after and raw.get("new_intensity") is not None:
        answers["emotions_after"] = {after: intensity(raw["new_intensity"], where)}
    found.entries.append(
        ForeignEntry(
            source_id=str(raw.get("id") or stable_id(raw)),
            exercise_id=EXERCISE,
            when=when_of(raw, where),
            answers=answers,
            raw=raw,
        )
    )


def mood(raw: dict[str, Any], where: str, found: Found) -> None:
    feeling = str(raw.get("mood") or "").strip().lower()
    if not feeling:
        raise SourceError(f"{where} has no mood.")
    emotions = {}
    if raw.get("intensity") is not None:
        emotions[feeling] = intensity(raw["intensity"], where)
    found.moods.append(
        ForeignMood(
            source_id=str(raw.get("id") or stable_id(raw)),
            recorded=when_of(raw, where),
            score=None,
            note=str(raw.get("notes") or raw.get("note") or "").strip(),
            emotions=emotions,
            activities=[str(a) for a in raw.get("triggers") or raw.get("activities") or []],
            raw=raw,
        )
    )


def read(text: str, options: dict[str, Any]) -> Found:
    data = parse_json(text, "The om file")
    if isinstance(data, dict):  # {"thoughts": [...]} or {"entries": [...]} as well as a list
        data = data.get("thoughts") or data.get("entries") or data.get("moods")
    if not isinstance(data, list) or not data or not all(isinstance(r, dict) for r in data):
        raise SourceError("This is not an om file (a list of thoughts or mood entries).")
    found = Found()
    for number, raw in enumerate(data, start=1):
        if "original_thought" in raw:
            thought(raw, f"Thought {number}", found)
        elif "mood" in raw:
            mood(raw, f"Mood entry {number}", found)
        else:
            raise SourceError(f"Record {number} is neither an om thought nor a mood entry.")
    return found
