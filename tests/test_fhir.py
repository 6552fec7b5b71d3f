"""`cbt export -f fhir`: a FHIR R4 Bundle a clinic's system can read, checked with the
fhir.resources R4B models (R4B shares R4's Bundle, QuestionnaireResponse and Observation)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .helpers import GAD7_ITEMS, PHQ9_ITEMS


def take(cli, exercise: str, items: list[str], scores: list[int], **more: object) -> str:
    answers = {exercise: dict(zip(items, scores, strict=True)), **more}
    path = cli.write_answers(answers, name=f"{exercise}-{sum(scores)}.yaml")
    cli.ok("measure", exercise, "--answers", str(path))
    return cli.json("journal", "--json")[0]["id"]


def bundle(cli, tmp_path: Path, *args: str) -> dict:
    target = tmp_path / f"out-{len(list(tmp_path.iterdir()))}.json"
    cli.ok("export", "-f", "fhir", "-o", str(target), *args)
    return json.loads(target.read_text(encoding="utf-8"))


def of_type(data: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == kind]


@pytest.fixture
def measured(cli) -> dict[str, str]:
    ids = {
        "phq9-first": take(cli, "phq9", PHQ9_ITEMS, [3, 3, 2, 2, 2, 2, 1, 1, 0], difficulty="very"),
        "phq9-second": take(cli, "phq9", PHQ9_ITEMS, [1, 1, 1, 0, 1, 1, 0, 0, 0]),
        "gad7": take(cli, "gad7", GAD7_ITEMS, [2, 2, 2, 1, 0, 1, 1]),
        "private": take(cli, "phq9", PHQ9_ITEMS, [0, 0, 0, 0, 0, 0, 0, 0, 1]),
    }
    cli.ok("private", ids["private"])
    cli.ok("mood", "4")
    cli.ok("mood", "7")
    return ids


def test_the_bundle_is_valid_fhir_and_its_totals_are_cbts(cli, measured, tmp_path) -> None:
    from fhir.resources.R4B.bundle import Bundle

    data = bundle(cli, tmp_path)
    parsed = Bundle.model_validate(data)
    assert parsed.type == "collection"
    responses = of_type(data, "QuestionnaireResponse")
    observations = of_type(data, "Observation")
    totals = [o for o in observations if "coding" in o["code"]]
    by_code: dict[str, list[int]] = {}
    for o in totals:
        by_code.setdefault(o["code"]["coding"][0]["code"], []).append(o["valueInteger"])
        assert o["category"][0]["coding"][0]["code"] == "survey"
    cbt_scores = {
        m["id"]: [s["total"] for s in m["scores"]]
        for m in cli.json("summary", "--json")["measures"]
    }
    # The private PHQ-9 stays out; every other total is the one cbt shows.
    assert cbt_scores["phq9"] == [16, 5, 1]
    assert by_code == {"44261-6": [16, 5], "70274-6": [9]}
    assert len(responses) == 3
    full_urls = {e["fullUrl"] for e in data["entry"]}
    for o in totals:
        assert o["derivedFrom"][0]["reference"] in full_urls
    moods = [o["valueInteger"] for o in observations if "coding" not in o["code"]]
    assert moods == [4, 7]


def test_items_and_answers_are_linked_by_loinc(cli, measured, tmp_path) -> None:
    data = bundle(cli, tmp_path)
    first = of_type(data, "QuestionnaireResponse")[0]
    assert first["questionnaire"] == "http://loinc.org/q/44249-1"
    links = [item["linkId"] for item in first["item"]]
    assert links == [
        "44250-9",
        "44255-8",
        "44259-0",
        "44254-1",
        "44251-7",
        "44258-2",
        "44252-5",
        "44253-3",
        "44260-8",
        "69722-7",
    ]
    codes = [item["answer"][0]["valueCoding"]["code"] for item in first["item"]]
    assert codes[:3] == ["LA6571-9", "LA6571-9", "LA6570-1"]
    assert codes[-1] == "LA6575-0"  # "Very difficult"
    gad = of_type(data, "QuestionnaireResponse")[2]
    assert gad["questionnaire"] == "http://loinc.org/q/69737-5"
    assert [i["linkId"] for i in gad["item"]][:2] == ["69725-0", "68509-9"]
    assert gad["item"][4]["answer"][0]["valueCoding"]["code"] == "LA6568-5"


def test_private_and_selection_options(cli, measured, tmp_path) -> None:
    from fhir.resources.R4B.bundle import Bundle

    everything = bundle(cli, tmp_path, "--include-private")
    Bundle.model_validate(everything)
    assert len(of_type(everything, "QuestionnaireResponse")) == 4
    anxiety = bundle(cli, tmp_path, "-e", "gad7")
    assert [r["questionnaire"] for r in of_type(anxiety, "QuestionnaireResponse")] == [
        "http://loinc.org/q/69737-5"
    ]
    assert [o for o in of_type(anxiety, "Observation") if "coding" not in o["code"]] == []
    moods_only = bundle(cli, tmp_path, "-e", "mood")
    assert of_type(moods_only, "QuestionnaireResponse") == []
    assert len(of_type(moods_only, "Observation")) == 2
    future = bundle(cli, tmp_path, "--until", "2001-01-01")
    Bundle.model_validate(future)
    assert future.get("entry", []) == []
