"""The plan's services: every write asks the policy again, keeps a PlanChange and an
audit entry, and a change that changes nothing is not kept."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from alsmove.accounts.models import AuditEvent
from alsmove.demo.seed import Demo
from alsmove.equipment.models import PlanChange, PlanItem
from alsmove.equipment.services import (
    PlanConflict,
    PlanError,
    add_item,
    plan_for,
    set_status,
    write_note,
)
from alsmove.patients.clock import today_for


def test_a_status_change_keeps_who_when_what_and_an_audit_entry(demo: Demo) -> None:
    target = today_for(demo.patient) + timedelta(days=20)
    item = set_status(
        patient=demo.patient,
        by=demo.caregiver,
        slug="hospital-bed",
        status="ordered",
        target_date=target,
        note="Delivery booked",
    )
    change = item.changes.first()
    assert change is not None
    assert (change.from_status, change.to_status, change.target_date, change.note) == (
        "suggested",
        "ordered",
        target,
        "Delivery booked",
    )
    assert change.changed_by == demo.caregiver
    assert AuditEvent.objects.filter(
        action="equipment_status", detail="hospital-bed suggested -> ordered"
    ).exists()


def test_a_change_that_changes_nothing_is_not_kept(demo: Demo) -> None:
    item = PlanItem.objects.get(patient=demo.patient, slug="ramp")
    count = PlanChange.objects.count()
    set_status(
        patient=demo.patient,
        by=demo.person,
        slug="ramp",
        status=item.status,
        target_date=item.target_date,
    )
    assert PlanChange.objects.count() == count


def test_the_services_ask_the_policy_themselves(demo: Demo) -> None:
    with pytest.raises(Http404):
        set_status(patient=demo.patient, by=demo.other_therapist, slug="ramp", status="ordered")
    with pytest.raises(PermissionDenied):
        add_item(patient=demo.patient, by=demo.caregiver, name="Bidet seat")
    with pytest.raises(PermissionDenied):
        write_note(patient=demo.patient, by=demo.person, slug="ramp", note="x")
    # The views ask first, outside the transaction, so there the refusal is audited.
    assert not PlanItem.objects.filter(patient=demo.patient, slug="own-bidet-seat").exists()


def test_adding_takes_a_catalogue_item_or_a_name_never_both_or_neither(demo: Demo) -> None:
    with pytest.raises(PlanError):
        add_item(patient=demo.patient, by=demo.therapist)
    with pytest.raises(PlanError):
        add_item(patient=demo.patient, by=demo.therapist, slug="stair-lift", name="Lift")
    with pytest.raises(PlanConflict):
        add_item(patient=demo.patient, by=demo.therapist, slug="ramp")
    item = add_item(patient=demo.patient, by=demo.therapist, name="Électrique bed  ")
    assert item.slug == "own-electrique-bed" and item.name == "Électrique bed"


def test_a_note_replaces_the_last_and_the_history_keeps_both(demo: Demo) -> None:
    write_note(patient=demo.patient, by=demo.therapist, slug="ramp", note="First")
    write_note(patient=demo.patient, by=demo.therapist, slug="ramp", note="Second")
    item = PlanItem.objects.get(patient=demo.patient, slug="ramp")
    assert item.note == "Second"
    assert [c.note for c in item.changes.all()][:2] == ["Second", "First"]


def test_settling_an_item_takes_it_out_of_the_suggestions(demo: Demo) -> None:
    def suggested() -> set[str]:
        return {s.item.id for s in plan_for(demo.patient).suggestions or []}

    assert "stair-lift" in suggested()
    set_status(patient=demo.patient, by=demo.person, slug="stair-lift", status="in_use")
    assert "stair-lift" not in suggested()
    set_status(patient=demo.patient, by=demo.person, slug="stair-lift", status="discussing")
    assert "stair-lift" in suggested()


def test_a_record_without_onset_or_assessments_says_what_is_missing(demo: Demo) -> None:
    demo.other_patient.onset_date = None
    demo.other_patient.save(update_fields=["onset_date"])
    plan = plan_for(demo.other_patient)
    assert plan.suggestions is None and "first symptoms" in plan.missing
