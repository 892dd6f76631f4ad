"""The thin layer: what the database holds about a record, as `fhir.snapshot` data.

A fixed number of queries whatever the record holds (tests/interop check it).
"""

from __future__ import annotations

from typing import Any

from django.utils import translation

from alsmove.assessments.services import shown_records
from alsmove.core.plan_of_care import recertify_by
from alsmove.documents.models import PlanOfCare
from alsmove.equipment.models import PlanItem
from alsmove.interop.fhir.snapshot import (
    AssessmentData,
    EquipmentData,
    ExerciseData,
    GoalData,
    RecordData,
    RoutineData,
)
from alsmove.patients.models import Patient
from alsmove.routines.services import plan_in_use


def record_key(patient: Patient) -> str:
    """Names the record's ids: its row id and when it was opened, so two installations'
    record 1 do not share ids."""
    return f"{patient.pk}:{patient.created_at.isoformat()}"


def _exercise(item: dict[str, Any]) -> ExerciseData:
    hold = item.get("hold_seconds")
    return ExerciseData(
        slug=str(item["exercise"]),
        name=str(item.get("name") or item["exercise"]),
        days=tuple(int(d) for d in item.get("days", [])),
        reps=item.get("reps"),
        hold_seconds=tuple(int(s) for s in hold) if hold else None,
        sides=item.get("sides"),
        minutes=item.get("minutes"),
        position=item.get("position"),
        performer=item.get("performer"),
    )


def _routine(patient: Patient) -> RoutineData | None:
    plan = plan_in_use(patient)
    if plan is None:
        return None
    # What the person exercises with: before a therapist's approval, the gentle items only
    # (as RoutinePlan.items_for_day shows them).
    chosen = [i for i in plan.items if plan.reviewed or i.get("gentle", True)]
    return RoutineData(
        version=plan.version,
        approved=plan.reviewed,
        created_on=plan.created_at.date(),
        exercises=tuple(_exercise(i) for i in chosen),
    )


def _goals(patient: Patient) -> tuple[GoalData, ...]:
    """The measurable goals of the therapist's plan of care (alsmove.documents): active
    once the therapist has signed the plan, proposed until then; due by the plan's
    recertification date (POC-RECERT-01)."""
    care = PlanOfCare.objects.filter(patient=patient).select_related("signed_by").first()
    if care is None:
        return ()
    signed = care.signed_at is not None and care.signed_by is not None
    found = []
    for n, goal in enumerate(care.goals or []):
        text = str(goal.get("text") or "").strip() if isinstance(goal, dict) else ""
        if not text:
            continue
        found.append(
            GoalData(
                key=f"plan-of-care/{n}",
                text=text,
                start=care.start_of_care,
                due=recertify_by(care.certified_on),
                status="active" if signed else "proposed",
                achievement=str(goal.get("status") or ""),
                expressed_by=care.signed_by.full_name if signed and care.signed_by else None,
            )
        )
    return tuple(found)


def _region(patient: Patient) -> str:
    if not patient.onset_region:
        return ""
    with translation.override("en"):  # the bundle is the same whatever the page's language
        return str(patient.get_onset_region_display())


def snapshot(patient: Patient) -> RecordData:
    patient = Patient.objects.select_related("organisation").get(pk=patient.pk)
    assessments = tuple(
        AssessmentData(
            key=str(a.pk),
            taken_on=a.taken_on,
            items={k: int(v) for k, v in a.items.items()},
            source=a.source,
            entered_by=a.entered_by.full_name if a.entered_by else None,
        )
        for a, _scores in shown_records(patient)
    )
    equipment = tuple(
        EquipmentData(
            slug=item.slug,
            name=item.name,
            status=item.status,
            target_date=item.target_date,
            note=item.note,
            added_on=item.created_at.date(),
        )
        for item in PlanItem.objects.filter(patient=patient).order_by("slug")
    )
    return RecordData(
        key=record_key(patient),
        name=patient.display_name,
        onset_date=patient.onset_date,
        onset_region=_region(patient),
        diagnosis_date=patient.diagnosis_date,
        organisation=patient.organisation.name if patient.organisation else None,
        assessments=assessments,
        routine=_routine(patient),
        equipment=equipment,
        goals=_goals(patient),
    )
