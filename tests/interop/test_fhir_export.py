"""The FHIR export: every resource validates with fhir.resources' R4B models, the codes
are exact, two exports are identical, and the query count does not grow with the record."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import pytest
from fhir_support import resources, validate_bundle, validate_resource

from alsmove.assessments.services import record_assessment
from alsmove.cli import main
from alsmove.core.alsfrs import ITEMS
from alsmove.demo.seed import Demo
from alsmove.equipment.models import PlanItem
from alsmove.interop.fhir.codes import (
    ALSFRS_SYSTEM,
    QUESTIONNAIRE_CANONICAL,
    QUESTIONNAIRE_URL,
)
from alsmove.interop.services import export_bundle
from alsmove.patients.clock import today_for
from alsmove.patients.models import CareLink, Patient

TYPES = (
    "Patient",
    "Condition",
    "Questionnaire",
    "CodeSystem",
    "QuestionnaireResponse",
    "Observation",
    "CarePlan",
    "DeviceRequest",
)


@pytest.fixture
def bundle(demo: Demo) -> dict[str, Any]:
    PlanItem.objects.create(
        patient=demo.patient,
        slug="ankle-foot-orthosis",
        name="Ankle-foot orthosis",
        status="ordered",
        target_date=today_for(demo.patient) + timedelta(days=20),
        note="Measured at the clinic.",
    )
    PlanItem.objects.create(
        patient=demo.patient, slug="shower-chair", name="Shower chair", status="suggested"
    )
    return export_bundle(demo.patient)


@pytest.mark.parametrize("resource_type", TYPES)
def test_each_resource_type_validates_with_fhir_resources_r4b(
    bundle: dict[str, Any], resource_type: str
) -> None:
    found = resources(bundle, resource_type)
    assert found, resource_type
    for resource in found:
        validate_resource(resource)


def test_the_demo_persons_bundle_validates_as_a_whole(bundle: dict[str, Any]) -> None:
    parsed = validate_bundle(bundle)
    assert parsed.type == "collection"
    assert json.loads(parsed.model_dump_json())["entry"][0]["resource"]["resourceType"] == (
        "Patient"
    )


def test_the_cli_prints_the_demo_persons_bundle_and_it_validates(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["fhir-export", "person@example.org"]) == 0
    printed = json.loads(capsys.readouterr().out)
    validate_bundle(printed)
    assert printed == export_bundle(demo.patient)


def test_the_cli_answers_an_unknown_email_with_one_line_and_exit_2(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["fhir-export", "nobody@example.org"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
    assert "nobody@example.org" in captured.err


def test_the_condition_codes_are_exactly_snomed_86044005_and_icd_10_cm_g12_21(
    bundle: dict[str, Any],
) -> None:
    (condition,) = resources(bundle, "Condition")
    codings = {(c["system"], c["code"]) for c in condition["code"]["coding"]}
    assert codings == {
        ("http://snomed.info/sct", "86044005"),
        ("http://hl7.org/fhir/sid/icd-10-cm", "G12.21"),
    }


def test_no_loinc_code_appears_anywhere_in_the_bundle(bundle: dict[str, Any]) -> None:
    systems = set(re.findall(r"'system': '([^']+)'", str(bundle)))
    assert systems
    assert not [s for s in systems if "loinc" in s.lower()]


def test_the_questionnaire_has_our_twelve_items_and_answers_in_our_wording(
    bundle: dict[str, Any],
) -> None:
    (questionnaire,) = resources(bundle, "Questionnaire")
    assert questionnaire["url"] == QUESTIONNAIRE_URL
    scored = [i for i in questionnaire["item"] if i["type"] == "choice"]
    assert [i["linkId"] for i in scored] == [spec.id for spec in ITEMS]
    for item, spec in zip(scored, ITEMS, strict=True):
        assert item["text"] == spec.title
        assert [o["valueCoding"]["display"] for o in item["answerOption"]] == list(spec.levels)
        assert {o["valueCoding"]["system"] for o in item["answerOption"]} == {ALSFRS_SYSTEM}


def test_there_is_one_response_with_its_observations_per_assessment(
    demo: Demo, bundle: dict[str, Any]
) -> None:
    current = demo.patient.assessments.current()
    responses = resources(bundle, "QuestionnaireResponse")
    assert len(responses) == current.count()
    assert {r["questionnaire"] for r in responses} == {QUESTIONNAIRE_CANONICAL}
    assert sorted(r["authored"] for r in responses) == sorted(
        a.taken_on.isoformat() for a in current
    )
    observations = resources(bundle, "Observation")
    assert len(observations) == 7 * current.count()
    latest = current.order_by("-taken_on").first()
    assert latest is not None
    totals = {
        o["effectiveDateTime"]: o["valueInteger"]
        for o in observations
        if o["code"]["coding"][0]["code"] == "total"
    }
    assert totals[latest.taken_on.isoformat()] == latest.total


def test_the_care_plan_has_an_activity_per_exercise_of_the_routine_in_use(
    demo: Demo, bundle: dict[str, Any]
) -> None:
    from alsmove.routines.services import plan_in_use

    plan = plan_in_use(demo.patient)
    assert plan is not None
    (care_plan,) = resources(bundle, "CarePlan")
    slugs = [a["detail"]["code"]["coding"][0]["code"] for a in care_plan["activity"]]
    assert slugs == [item["exercise"] for item in plan.items]
    assert care_plan["status"] == "active"


def test_the_equipment_plan_is_exported_as_device_requests(bundle: dict[str, Any]) -> None:
    requests = {
        r["codeCodeableConcept"]["coding"][0]["code"]: r for r in resources(bundle, "DeviceRequest")
    }
    assert requests["ankle-foot-orthosis"]["status"] == "active"
    assert requests["ankle-foot-orthosis"]["intent"] == "order"
    assert requests["shower-chair"]["status"] == "draft"


def test_the_plan_of_care_goals_are_exported_as_goals_of_the_care_plan(demo: Demo) -> None:
    from alsmove.documents.services import save_plan_of_care

    save_plan_of_care(
        patient=demo.patient,
        by=demo.therapist,
        data={
            "goal_1": "Keeps full range at both shoulders",
            "goal_1_status": "met",
            "goal_2": "Transfers bed to chair with one helper",
            "start_of_care": today_for(demo.patient) - timedelta(days=30),
            "certified_on": today_for(demo.patient) - timedelta(days=20),
            "sign": True,
        },
    )
    bundle = export_bundle(demo.patient)
    validate_bundle(bundle)
    goals = resources(bundle, "Goal")
    assert [g["description"]["text"] for g in goals] == [
        "Keeps full range at both shoulders",
        "Transfers bed to chair with one helper",
    ]
    assert {g["lifecycleStatus"] for g in goals} == {"active"}
    assert goals[0]["achievementStatus"]["coding"][0]["code"] == "achieved"
    assert "achievementStatus" not in goals[1]
    assert goals[0]["expressedBy"] == {"display": demo.therapist.full_name}
    due = (today_for(demo.patient) + timedelta(days=70)).isoformat()
    assert goals[0]["target"] == [{"dueDate": due}]
    (care_plan,) = resources(bundle, "CarePlan")
    assert care_plan["goal"] == [{"reference": f"urn:uuid:{g['id']}"} for g in goals]


def test_two_exports_of_the_same_record_are_identical(demo: Demo) -> None:
    first = json.dumps(export_bundle(demo.patient), sort_keys=True)
    assert json.dumps(export_bundle(demo.patient), sort_keys=True) == first


def test_two_records_share_no_resource_id_but_the_questionnaire_and_its_codes(
    demo: Demo,
) -> None:
    bundles = [export_bundle(p) for p in (demo.patient, demo.other_patient)]
    ids = [{e["resource"]["id"] for e in b["entry"]} for b in bundles]
    shared = ids[0] & ids[1]
    assert shared == {
        r["id"] for t in ("Questionnaire", "CodeSystem") for r in resources(bundles[0], t)
    }


def test_every_alsfrs_code_in_the_bundle_is_defined_in_its_code_system(
    bundle: dict[str, Any],
) -> None:
    (code_system,) = resources(bundle, "CodeSystem")
    defined = {c["code"]: c["display"] for c in code_system["concept"]}
    used = [
        c
        for r in resources(bundle, "QuestionnaireResponse")
        for i in r["item"]
        for a in i["answer"]
        for c in [a.get("valueCoding")]
        if c is not None
    ]
    assert used
    for coding in used:
        assert coding["system"] == code_system["url"] == ALSFRS_SYSTEM
        assert defined[coding["code"]] == coding["display"]


def _new_record(demo: Demo, count: int) -> Patient:
    patient = Patient.objects.create(
        display_name="Query Count",
        organisation=demo.riverside,
        onset_date=today_for(demo.patient) - timedelta(days=900),
    )
    CareLink.objects.create(
        patient=patient, member=demo.therapist, relation="therapist", permission="edit_plan"
    )
    items = {str(n): 4 for n in range(1, 13) if n != 5} | {"5a": 4}
    for n in range(count):
        record_assessment(
            patient=patient,
            by=demo.therapist,
            taken_on=today_for(patient) - timedelta(days=10 * (n + 1)),
            items=items,
        )
    return patient


def test_the_export_takes_a_fixed_number_of_queries_whatever_the_record_holds(
    demo: Demo, django_assert_max_num_queries: Any
) -> None:
    small, large = _new_record(demo, 1), _new_record(demo, 30)
    for patient in (small, large, demo.patient):
        with django_assert_max_num_queries(8):
            export_bundle(patient)
