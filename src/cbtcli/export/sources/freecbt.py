"""FreeCBT and Quirk: thought records from a JSON archive or FreeCBT's CSV.

The archive is `{"v": "Archive-v2", "thoughts": [{automaticThought, cognitiveDistortions,
challenge, alternativeThought, createdAt, updatedAt, uuid}]}`, distortions as slugs or, in
older archives, as `{"slug": ...}` objects. The automatic thought becomes the hot thought (and
the first automatic thought), the challenge the evidence against, the alternative thought the
balanced thought; distortions map to cbt's thinking traps. Neither app rated feelings or
belief, so no ratings are made up."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from .common import ForeignEntry, Found, SourceError, parse_iso, parse_json, slug, stable_id

EXERCISE = "thought-record"
# Quirk's and FreeCBT's distortion slugs (and their labels, as slugs) -> cbt's thinking traps.
TRAPS = {
    "all-or-nothing": "all-or-nothing",
    "all-or-nothing-thinking": "all-or-nothing",
    "catastrophizing": "catastrophising",
    "catastrophising": "catastrophising",
    "emotional-reasoning": "emotional-reasoning",
    "fortune-telling": "fortune-telling",
    "labeling": "labelling",
    "labelling": "labelling",
    "magnification-of-the-negative": "mental-filter",
    "mental-filter": "mental-filter",
    "minimization-of-the-positive": "discounting-positives",
    "minimisation-of-the-positive": "discounting-positives",
    "mind-reading": "mind-reading",
    "other-blaming": "blaming",
    "blaming-others": "blaming",
    "over-generalization": "overgeneralising",
    "overgeneralization": "overgeneralising",
    "overgeneralizing": "overgeneralising",
    "self-blaming": "personalising",
    "should-statements": "should-statements",
}
CSV_SPLIT = re.compile(r"\s*[;|,]\s*")


def traps(raw: Any, where: str, found: Found) -> list[str]:
    picked: list[str] = []
    for item in raw or []:
        name = item.get("slug") if isinstance(item, dict) else item
        if isinstance(item, dict) and item.get("selected") is False:
            continue  # the oldest archives list every distortion, marking the chosen ones
        key = slug(str(name or ""))
        if key in TRAPS:
            picked.append(TRAPS[key])
        elif key:
            found.unmapped.append(f"{where}: the distortion '{name}' has no match in cbt's list.")
    return list(dict.fromkeys(picked))


def thought(raw: dict[str, Any], where: str, found: Found) -> None:
    automatic = str(raw.get("automaticThought") or "").strip()
    if not automatic:
        found.unmapped.append(f"{where} has no automatic thought and was left out.")
        return
    answers: dict[str, Any] = {"automatic_thoughts": [automatic], "hot_thought": automatic}
    picked = traps(raw.get("cognitiveDistortions"), where, found)
    if picked:
        answers["distortions"] = picked
    challenge = str(raw.get("challenge") or "").strip()
    if challenge:
        answers["evidence_against"] = [challenge]
    alternative = str(raw.get("alternativeThought") or "").strip()
    if alternative:
        answers["balanced_thought"] = alternative
    when = parse_iso(raw.get("createdAt"), where)
    found.entries.append(
        ForeignEntry(
            source_id=str(raw.get("uuid") or stable_id(raw)),
            exercise_id=EXERCISE,
            when=when,
            answers=answers,
            raw=raw,
        )
    )


def read_archive(data: Any) -> Found:
    if not isinstance(data, dict) or not isinstance(data.get("thoughts"), list):
        raise SourceError("This is not a FreeCBT or Quirk archive (it has no 'thoughts' list).")
    found = Found()
    for number, raw in enumerate(data["thoughts"], start=1):
        if not isinstance(raw, dict):
            raise SourceError(f"Thought {number} in the archive is not a record.")
        thought(raw, f"Thought {number}", found)
    return found


def read_csv(text: str) -> Found:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    # Headers as written ("Automatic Thought") or as in the archive ("automaticThought").
    names = {re.sub(r"[^a-z]", "", (n or "").lower()): n for n in reader.fieldnames or []}
    if "automaticthought" not in names:
        raise SourceError("This is not a FreeCBT CSV export (it has no automatic thought column).")
    found = Found()
    for line, row in enumerate(reader, start=2):

        def get(key: str, row: dict[str, str] = row) -> str:
            return row.get(names.get(key, ""), "") or ""

        raw = {
            "automaticThought": get("automaticthought"),
            "cognitiveDistortions": [d for d in CSV_SPLIT.split(get("cognitivedistortions")) if d],
            "challenge": get("challenge"),
            "alternativeThought": get("alternativethought"),
            "createdAt": get("createdat") or get("date"),
            "uuid": get("uuid") or get("id"),
        }
        thought(raw, f"Line {line}", found)
        if found.entries and found.entries[-1].raw is raw:
            found.entries[-1].raw = dict(row)
    return found


def read(text: str, options: dict[str, Any]) -> Found:
    if text.lstrip("\ufeff \n\t").startswith(("{", "[")):
        return read_archive(parse_json(text, "The FreeCBT file"))
    return read_csv(text)
