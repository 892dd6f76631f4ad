"""A record as a FHIR R4 Bundle (type "collection"), as plain JSON data.

Every resource id is a UUID5 named from the record (`codes.stable_id`) and nothing in
the bundle depends on the clock, so two exports of an unchanged record are identical.
Resources refer to each other by `urn:uuid:` full URLs. Only elements that are the same
in R4 and R4B are used (the tests validate with fhir.resources' R4B models).
"""

from __future__ import annotations

from typing import Any

from alsmove.core.alsfrs import ITEMS_BY_ID, Domain, parse_items
from alsmove.core.staging import kings_stage, mitos_stage
from alsmove.interop.fhir.codes import (
    ALS_ICD10CM,
    ALS_ICD10CM_DISPLAY,
    ALS_SNOMED,
    ALS_SNOMED_DISPLAY,
    ASSERTED_DATE,
    CONDITION_CATEGORY,
    CONDITION_CLINICAL,
    CONDITION_VERIFICATION,
    EQUIPMENT_SYSTEM,
    EXERCISE_SYSTEM,
    ICD10CM,
    KINGS_SYSTEM,
    OBSERVATION_CATEGORY,
    QUESTIONNAIRE_CANONICAL,
    SCORE_SYSTEM,
    SNOMED,
    SOURCE_SYSTEM,
    stable_id,
)
from alsmove.interop.fhir.questionnaire import (
    TUBE_LINK_ID,
    answer_coding,
    code_system,
    questionnaire,
)
from alsmove.interop.fhir.snapshot import (
    AssessmentData,
    EquipmentData,
    ExerciseData,
    GoalData,
    RecordData,
    RoutineData,
)

Resource = dict[str, Any]

SCORE_CODES: tuple[tuple[str, str], ...] = (
    ("total", "ALSFRS-R total score (0-48)"),
    (Domain.BULBAR.value, "ALSFRS-R bulbar subscore, items 1-3 (0-12)"),
    (Domain.FINE_MOTOR.value, "ALSFRS-R fine motor subscore, items 4-6 (0-12)"),
    (Domain.GROSS_MOTOR.value, "ALSFRS-R gross motor subscore, items 7-9 (0-12)"),
    (Domain.RESPIRATORY.value, "ALSFRS-R respiratory subscore, items 10-12 (0-12)"),
)
KINGS_CODE = ("kings-stage", "King's clinical stage, estimated from the ALSFRS-R")
MITOS_CODE = ("mitos-stage", "MiToS functional stage, from the ALSFRS-R")
SOURCE_DISPLAY = {"clinician": "Clinician's rating", "self_report": "Self-report"}
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# equipment.models.Status -> (DeviceRequest.status, DeviceRequest.intent)
GOAL_ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement"
# The therapist's review of a goal -> Goal.achievementStatus (no review: none given).
ACHIEVEMENT: dict[str, tuple[str, str, str]] = {
    "met": ("achieved", "Achieved", "Met"),
    "partly": ("in-progress", "In Progress", "Partly met"),
    "not_met": ("not-achieved", "Not Achieved", "Not met"),
}

DEVICE_STATUS: dict[str, tuple[str, str]] = {
    "suggested": ("draft", "proposal"),
    "discussing": ("draft", "proposal"),
    "ordered": ("active", "order"),
    "delivered": ("completed", "order"),
    "in_use": ("completed", "order"),
    "not_needed": ("revoked", "proposal"),
}


def _ref(resource: Resource) -> dict[str, str]:
    return {"reference": f"urn:uuid:{resource['id']}"}


def _coding(system: str, code: str, display: str) -> dict[str, str]:
    return {"system": system, "code": code, "display": display}


def patient_resource(record: RecordData) -> Resource:
    resource: Resource = {
        "resourceType": "Patient",
        "id": stable_id("Patient", record.key),
        "active": True,
        "name": [{"text": record.name}],
    }
    if record.organisation:
        resource["managingOrganization"] = {"display": record.organisation}
    return resource


def condition_resource(record: RecordData, patient: Resource) -> Resource:
    resource: Resource = {
        "resourceType": "Condition",
        "id": stable_id("Condition", record.key, "als"),
        "clinicalStatus": {
            "coding": [_coding(CONDITION_CLINICAL, "active", "Active")],
        },
        "category": [
            {"coding": [_coding(CONDITION_CATEGORY, "problem-list-item", "Problem List Item")]}
        ],
        "code": {
            "coding": [
                _coding(SNOMED, ALS_SNOMED, ALS_SNOMED_DISPLAY),
                _coding(ICD10CM, ALS_ICD10CM, ALS_ICD10CM_DISPLAY),
            ],
            "text": ALS_ICD10CM_DISPLAY,
        },
        "subject": _ref(patient),
    }
    if record.diagnosis_date is not None:
        resource["verificationStatus"] = {
            "coding": [_coding(CONDITION_VERIFICATION, "confirmed", "Confirmed")]
        }
        resource["extension"] = [
            {"url": ASSERTED_DATE, "valueDateTime": record.diagnosis_date.isoformat()}
        ]
    if record.onset_date is not None:
        resource["onsetDateTime"] = record.onset_date.isoformat()
    if record.onset_region:
        resource["note"] = [{"text": f"Where symptoms began: {record.onset_region}"}]
    return resource


def response_resource(
    record: RecordData, assessment: AssessmentData, patient: Resource
) -> Resource:
    scores = parse_items(assessment.items)
    items: list[Resource] = []
    for item_id, score in scores.items.items():
        if item_id in ("5a", "5b"):
            items.append({"linkId": TUBE_LINK_ID, "answer": [{"valueBoolean": scores.gastrostomy}]})
        spec = ITEMS_BY_ID[item_id]
        items.append(
            {
                "linkId": item_id,
                "text": spec.title,
                "answer": [{"valueCoding": answer_coding(spec, score)}],
            }
        )
    resource: Resource = {
        "resourceType": "QuestionnaireResponse",
        "id": stable_id("QuestionnaireResponse", record.key, assessment.key),
        "meta": {
            "tag": [
                _coding(
                    SOURCE_SYSTEM,
                    assessment.source,
                    SOURCE_DISPLAY.get(assessment.source, assessment.source),
                )
            ]
        },
        "questionnaire": QUESTIONNAIRE_CANONICAL,
        "status": "completed",
        "subject": _ref(patient),
        "authored": assessment.taken_on.isoformat(),
        "item": items,
    }
    if assessment.source == "self_report":
        resource["source"] = _ref(patient)
    if assessment.entered_by:
        resource["author"] = {"display": assessment.entered_by}
    return resource


def _observation(
    record: RecordData,
    assessment: AssessmentData,
    patient: Resource,
    response: Resource,
    code: tuple[str, str],
    value: dict[str, Any],
) -> Resource:
    return {
        "resourceType": "Observation",
        "id": stable_id("Observation", record.key, assessment.key, code[0]),
        "status": "final",
        "category": [{"coding": [_coding(OBSERVATION_CATEGORY, "survey", "Survey")]}],
        "code": {"coding": [_coding(SCORE_SYSTEM, code[0], code[1])], "text": code[1]},
        "subject": _ref(patient),
        "effectiveDateTime": assessment.taken_on.isoformat(),
        "derivedFrom": [_ref(response)],
        **value,
    }


def observations(
    record: RecordData, assessment: AssessmentData, patient: Resource, response: Resource
) -> list[Resource]:
    """The total, the four domain subscores, the King's and the MiToS stage."""
    scores = parse_items(assessment.items)
    values = {"total": scores.total, **scores.domains.as_dict()}
    found = [
        _observation(record, assessment, patient, response, code, {"valueInteger": values[code[0]]})
        for code in SCORE_CODES
    ]
    kings = kings_stage(scores)
    found.append(
        _observation(
            record,
            assessment,
            patient,
            response,
            KINGS_CODE,
            {
                "valueCodeableConcept": {
                    "coding": [_coding(KINGS_SYSTEM, kings, f"King's stage {kings}")],
                    "text": kings,
                }
            },
        )
    )
    found.append(
        _observation(
            record,
            assessment,
            patient,
            response,
            MITOS_CODE,
            {"valueInteger": mitos_stage(scores)},
        )
    )
    return found


def _prescription(exercise: ExerciseData) -> str:
    parts: list[str] = []
    if exercise.reps:
        parts.append(f"{exercise.reps} repetitions")
    if exercise.hold_seconds:
        low, high = exercise.hold_seconds[0], exercise.hold_seconds[-1]
        parts.append(f"hold {low} s" if low == high else f"hold {low}-{high} s")
    if exercise.sides:
        parts.append(f"sides: {exercise.sides}")
    if exercise.position:
        parts.append(f"position: {exercise.position}")
    if exercise.performer:
        parts.append(f"done by: {exercise.performer}")
    if exercise.minutes:
        parts.append(f"about {exercise.minutes:g} min")
    return ", ".join(parts) or exercise.name


def care_plan_resource(
    record: RecordData, routine: RoutineData, patient: Resource, goals: list[Resource]
) -> Resource:
    activities = []
    for exercise in routine.exercises:
        detail: Resource = {
            "code": {
                "coding": [_coding(EXERCISE_SYSTEM, exercise.slug, exercise.name)],
                "text": exercise.name,
            },
            "status": "scheduled",
            "description": _prescription(exercise),
        }
        if exercise.days:
            detail["scheduledTiming"] = {
                "repeat": {
                    "frequency": 1,
                    "period": 1,
                    "periodUnit": "d",
                    "dayOfWeek": [WEEKDAYS[d] for d in sorted(set(exercise.days))],
                }
            }
        activities.append({"detail": detail})
    resource: Resource = {
        "resourceType": "CarePlan",
        "id": stable_id("CarePlan", record.key, "routine"),
        "status": "active" if routine.approved else "draft",
        "intent": "plan",
        "title": f"Home exercise routine, version {routine.version}",
        "description": (
            "Approved by the therapist."
            if routine.approved
            else "Waiting for the therapist's review."
        ),
        "subject": _ref(patient),
        "created": routine.created_on.isoformat(),
    }
    if goals:
        resource["goal"] = [_ref(goal) for goal in goals]
    if activities:
        resource["activity"] = activities
    return resource


def goal_resource(record: RecordData, goal: GoalData, patient: Resource) -> Resource:
    resource: Resource = {
        "resourceType": "Goal",
        "id": stable_id("Goal", record.key, goal.key),
        "lifecycleStatus": goal.status,
        "description": {"text": goal.text},
        "subject": _ref(patient),
    }
    if goal.achievement in ACHIEVEMENT:
        code, display, text = ACHIEVEMENT[goal.achievement]
        resource["achievementStatus"] = {
            "coding": [_coding(GOAL_ACHIEVEMENT, code, display)],
            "text": text,
        }
    if goal.expressed_by:
        resource["expressedBy"] = {"display": goal.expressed_by}
    if goal.start is not None:
        resource["startDate"] = goal.start.isoformat()
    if goal.due is not None:
        resource["target"] = [{"dueDate": goal.due.isoformat()}]
    return resource


def device_request_resource(record: RecordData, item: EquipmentData, patient: Resource) -> Resource:
    status, intent = DEVICE_STATUS.get(item.status, ("unknown", "proposal"))
    resource: Resource = {
        "resourceType": "DeviceRequest",
        "id": stable_id("DeviceRequest", record.key, item.slug),
        "status": status,
        "intent": intent,
        "codeCodeableConcept": {
            "coding": [_coding(EQUIPMENT_SYSTEM, item.slug, item.name)],
            "text": item.name,
        },
        "subject": _ref(patient),
    }
    if item.target_date is not None:
        resource["occurrenceDateTime"] = item.target_date.isoformat()
    if item.added_on is not None:
        resource["authoredOn"] = item.added_on.isoformat()
    if item.note:
        resource["note"] = [{"text": item.note}]
    return resource


def bundle(record: RecordData) -> Resource:
    """The whole record as a Bundle of type collection (see docs/fhir.md)."""
    patient = patient_resource(record)
    resources: list[Resource] = [
        patient,
        condition_resource(record, patient),
        questionnaire(),
        code_system(),
    ]
    found_observations: list[Resource] = []
    ordered = sorted(record.assessments, key=lambda a: (a.taken_on, a.source != "clinician", a.key))
    for assessment in ordered:
        response = response_resource(record, assessment, patient)
        resources.append(response)
        found_observations.extend(observations(record, assessment, patient, response))
    resources.extend(found_observations)
    goals = [goal_resource(record, goal, patient) for goal in record.goals]
    if record.routine is not None:
        resources.append(care_plan_resource(record, record.routine, patient, goals))
    resources.extend(goals)
    resources.extend(device_request_resource(record, item, patient) for item in record.equipment)
    return {
        "resourceType": "Bundle",
        "id": stable_id("Bundle", record.key),
        "type": "collection",
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources],
    }
