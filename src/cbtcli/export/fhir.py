"""FHIR R4: the PHQ-9 and GAD-7 and mood check-ins as a Bundle a clinic's system can read.

Each questionnaire becomes a QuestionnaireResponse whose items are linked by their LOINC codes
and answered with LOINC answer codes, and an Observation of its total (category `survey`)
derived from it. Codes checked against LOINC (loinc.org: panels 44249-1 and 69737-5, totals
44261-6 and 70274-6, answer list LL358-3 and the difficulty answers) and the HL7 FHIR R4
resource definitions (hl7.org/fhir/R4: Bundle, QuestionnaireResponse, Observation).

Mood check-ins have no LOINC code for a 0-10 self-rating, so their Observation names itself in
plain text rather than borrowing a code that means something else."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from ..clock import now_local
from ..journal import COMPLETE, Entry, Mood
from .selection import Selection

LOINC = "http://loinc.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
# A fixed namespace so the same entry always gets the same resource id, export after export.
NAMESPACE = uuid.UUID("5b0c6f2e-4c1a-4f7e-9a57-0c3b2d1e8f40")


@dataclass(frozen=True)
class Questionnaire:
    step: str  # the questionnaire step's id in the exercise
    panel: tuple[str, str]
    total: tuple[str, str]
    items: dict[str, str]  # the exercise's item ids -> LOINC question codes


PHQ9 = Questionnaire(
    "phq9",
    ("44249-1", "PHQ-9 quick depression assessment panel"),
    ("44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]"),
    {
        "interest": "44250-9",
        "down": "44255-8",
        "sleep": "44259-0",
        "tired": "44254-1",
        "appetite": "44251-7",
        "failure": "44258-2",
        "concentration": "44252-5",
        "movement": "44253-3",
        "self_harm": "44260-8",
    },
)
GAD7 = Questionnaire(
    "gad7",
    ("69737-5", "Generalized anxiety disorder 7 item (GAD-7)"),
    ("70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]"),
    {
        "nervous": "69725-0",
        "control": "68509-9",
        "worrying": "69733-4",
        "relaxing": "69734-2",
        "restless": "69735-9",
        "irritable": "69689-8",
        "afraid": "69736-7",
    },
)
QUESTIONNAIRES = {"phq9": PHQ9, "gad7": GAD7}
FREQUENCY = {
    0: ("LA6568-5", "Not at all"),
    1: ("LA6569-3", "Several days"),
    2: ("LA6570-1", "More than half the days"),
    3: ("LA6571-9", "Nearly every day"),
}
DIFFICULTY_ITEM = "69722-7"
DIFFICULTY = {
    "not-difficult": ("LA6572-7", "Not difficult at all"),
    "somewhat": ("LA6573-5", "Somewhat difficult"),
    "very": ("LA6575-0", "Very difficult"),
    "extremely": ("LA6574-3", "Extremely difficult"),
}


def resource_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def coding(system: str, code: str, display: str) -> dict[str, str]:
    return {"system": system, "code": code, "display": display}


def when(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def response(entry: Entry, form: Questionnaire, answers: dict[str, Any]) -> dict[str, Any]:
    scored = answers.get(form.step) or {}
    items = []
    for item_id, code in form.items.items():
        if item_id in scored and scored[item_id] in FREQUENCY:
            answer = {"valueCoding": coding(LOINC, *FREQUENCY[scored[item_id]])}
            items.append({"linkId": code, "answer": [answer]})
    difficulty = answers.get("difficulty")
    if form is PHQ9 and difficulty in DIFFICULTY:
        answer = {"valueCoding": coding(LOINC, *DIFFICULTY[difficulty])}
        items.append({"linkId": DIFFICULTY_ITEM, "answer": [answer]})
    moment = entry.completed or entry.updated
    return {
        "resourceType": "QuestionnaireResponse",
        "id": resource_id(entry.id, "response"),
        "questionnaire": f"{LOINC}/q/{form.panel[0]}",
        "status": "completed",
        "authored": when(moment),
        "item": items,
    }


def total_observation(entry: Entry, form: Questionnaire, total: int) -> dict[str, Any]:
    moment = entry.completed or entry.updated
    return {
        "resourceType": "Observation",
        "id": resource_id(entry.id, "total"),
        "status": "final",
        "category": [{"coding": [coding(CATEGORY, "survey", "Survey")]}],
        "code": {"coding": [coding(LOINC, *form.total)], "text": form.total[1]},
        "effectiveDateTime": when(moment),
        "valueInteger": total,
        "derivedFrom": [{"reference": f"urn:uuid:{resource_id(entry.id, 'response')}"}],
    }


def mood_observation(mood: Mood) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": resource_id(mood.id, "mood"),
        "status": "final",
        "category": [{"coding": [coding(CATEGORY, "survey", "Survey")]}],
        "code": {"text": "Mood check-in, self-rated from 0 (worst) to 10 (best)"},
        "effectiveDateTime": when(mood.recorded),
        "valueInteger": mood.score,
    }


def totals(selection: Selection) -> dict[str, int]:
    """cbt's own score for each questionnaire (measures.score_rows), so the two agree."""
    from ..definitions.scoring import Band, Scoring
    from ..insights.measures import score_rows

    any_band = Scoring(0, 0, (Band(10**6, ""),))  # the band is not exported
    found: dict[str, int] = {}
    for exercise_id, form in QUESTIONNAIRES.items():
        rows = score_rows(selection.journal, exercise_id, form.step, any_band, None, None)
        found.update((score.entry_id, score.total) for score in rows)
    return found


def resources(selection: Selection) -> tuple[list[dict[str, Any]], int]:
    found: list[dict[str, Any]] = []
    count = 0
    scores = totals(selection)
    for entry in selection.entries():
        form = QUESTIONNAIRES.get(entry.exercise_id)
        if form is None or entry.status != COMPLETE:
            continue
        answers = selection.answers(entry)
        total = scores.get(entry.id)
        if form.step not in answers or total is None:
            continue  # the answers are withheld as private: nothing to send
        found += [response(entry, form, answers), total_observation(entry, form, total)]
        count += 1
    found += [mood_observation(m) for m in selection.moods() if m.score is not None]
    return found, count


def write(selection: Selection, out: IO[str]) -> int:
    found, count = resources(selection)
    bundle: dict[str, Any] = {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "type": "collection",
        "timestamp": when(now_local()),
    }
    if found:  # FHIR allows no empty lists: an empty Bundle has no `entry` at all
        bundle["entry"] = [
            {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource} for resource in found
        ]
    out.write(json.dumps(bundle, ensure_ascii=False, indent=2) + "\n")
    return count
