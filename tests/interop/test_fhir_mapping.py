"""The pure mapping on hand-made records: no database, each resource validated with
fhir.resources' R4B models."""

from __future__ import annotations

from datetime import date

import pytest
from fhir_support import resources, validate_bundle

from alsmove.interop.fhir.export import bundle
from alsmove.interop.fhir.parse import BundleError, one_a_day, read_bundle
from alsmove.interop.fhir.snapshot import (
    AssessmentData,
    EquipmentData,
    ExerciseData,
    GoalData,
    RecordData,
    RoutineData,
)

TUBE = {"1": 3, "2": 4, "3": 2, "4": 3, "5b": 2, "6": 3, "7": 3, "8": 2, "9": 1}
TUBE |= {"10": 4, "11": 3, "12": 4}


def _record(**changes: object) -> RecordData:
    base: dict[str, object] = {
        "key": "7:2026-01-01T00:00:00+00:00",
        "name": "Ana Example",
        "onset_date": date(2024, 3, 1),
        "diagnosis_date": None,
        "assessments": (
            AssessmentData("1", date(2025, 5, 1), TUBE, "clinician", "Tess Morgan"),
            AssessmentData("2", date(2025, 5, 1), TUBE | {"1": 2}, "self_report"),
        ),
        "routine": RoutineData(
            version=1,
            approved=False,
            created_on=date(2025, 5, 2),
            exercises=(ExerciseData("neck-forward-tilt", "Neck forward tilt", (0, 2, 4), reps=5),),
        ),
        "equipment": (EquipmentData("shower-chair", "Shower chair", "not_needed"),),
        "goals": (
            GoalData("0", "Keeps full elbow range", start=date(2025, 5, 2), achievement="met"),
            GoalData("1", "Transfers with one helper", expressed_by="Tess Morgan"),
        ),
    }
    base.update(changes)
    return RecordData(**base)  # type: ignore[arg-type]


def test_a_hand_made_record_with_a_feeding_tube_goals_and_no_diagnosis_date_validates() -> None:
    made = bundle(_record())
    validate_bundle(made)
    (condition,) = resources(made, "Condition")
    assert "verificationStatus" not in condition
    goals = resources(made, "Goal")
    assert [g["achievementStatus"]["text"] for g in goals if "achievementStatus" in g] == ["Met"]
    (care_plan,) = resources(made, "CarePlan")
    assert care_plan["status"] == "draft"
    assert len(care_plan["goal"]) == 2
    (device,) = resources(made, "DeviceRequest")
    assert device["status"] == "revoked"


def test_a_record_with_nothing_yet_still_makes_a_valid_bundle() -> None:
    made = bundle(_record(assessments=(), routine=None, equipment=(), goals=(), onset_date=None))
    validate_bundle(made)
    assert {e["resource"]["resourceType"] for e in made["entry"]} == {
        "Patient",
        "Condition",
        "Questionnaire",
        "CodeSystem",
    }


def test_a_feeding_tube_record_reads_back_with_item_5b() -> None:
    responses = read_bundle(bundle(_record()))
    kept, skipped = one_a_day(responses, "clinician")
    assert [r.items for r in kept] == [TUBE, TUBE | {"1": 2}]
    assert [r.source for r in kept] == ["clinician", "self_report"]
    assert skipped == []


def test_a_tube_answer_that_contradicts_item_5_is_refused() -> None:
    made = bundle(_record())
    number = next(
        n
        for n, e in enumerate(made["entry"], start=1)
        if e["resource"]["resourceType"] == "QuestionnaireResponse"
    )
    response = made["entry"][number - 1]["resource"]
    tube = next(i for i in response["item"] if i["linkId"] == "gastrostomy")
    tube["answer"][0]["valueBoolean"] = False
    with pytest.raises(BundleError) as refused:
        read_bundle(made)
    assert str(refused.value).startswith(f"entry {number}: the feeding tube answer")
