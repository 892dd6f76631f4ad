"""Deleting an account and record: erases what the page says, keeps what it says."""

from __future__ import annotations

import pytest
from django.test import Client
from portability_support import enrich
from signin_support import sign_in

from alsmove.accounts.models import AuditEvent, User
from alsmove.assessments.models import Assessment, AssessmentDraft
from alsmove.caregiving.models import SkillTaught
from alsmove.demo.seed import DEMO_PASSWORD, Demo
from alsmove.equipment.models import PlanItem
from alsmove.logbook.models import (
    Alert,
    CheckIn,
    FeelingCheckIn,
    FlagReview,
    ReminderSchedule,
    SessionLog,
)
from alsmove.patients.models import CareLink, FunctionalProfile, Patient
from alsmove.portability.calendar import create_link
from alsmove.portability.deletion import DeletionError, delete_account_and_record
from alsmove.portability.models import CalendarToken
from alsmove.routines.models import RoutinePlan


def _record_rows(patient: Patient) -> dict[str, int]:
    return {
        "logs": SessionLog.objects.filter(patient=patient).count(),
        "checkins": CheckIn.objects.filter(patient=patient).count(),
        "feelings": FeelingCheckIn.objects.filter(patient=patient).count(),
        "alerts": Alert.objects.filter(patient=patient).count(),
        "self_reports": Assessment.objects.filter(patient=patient, source="self_report").count(),
        "clinician": Assessment.objects.filter(patient=patient, source="clinician").count(),
        "drafts": AssessmentDraft.objects.filter(patient=patient).count(),
        "profile": FunctionalProfile.objects.filter(patient=patient).count(),
        "reminders": ReminderSchedule.objects.filter(patient=patient).count(),
        "equipment": PlanItem.objects.filter(patient=patient).count(),
        "reviewed_routines": RoutinePlan.objects.filter(
            patient=patient, reviewed_at__isnull=False
        ).count(),
        "unreviewed_routines": RoutinePlan.objects.filter(
            patient=patient, reviewed_at__isnull=True
        ).count(),
        "flag_reviews": FlagReview.objects.filter(patient=patient).count(),
        "skills_taught": SkillTaught.objects.filter(patient=patient).count(),
        "caregiver_links": CareLink.objects.filter(patient=patient, relation="caregiver").count(),
        "therapist_links": CareLink.objects.filter(patient=patient, relation="therapist").count(),
        "calendar_links": CalendarToken.objects.filter(patient=patient).count(),
    }


def test_deletion_removes_what_it_says_and_keeps_what_it_says(demo: Demo) -> None:
    enrich(demo)
    create_link(patient=demo.patient, owner=demo.person)
    create_link(patient=demo.patient, owner=demo.caregiver)
    Assessment.objects.create(
        patient=demo.patient,
        taken_on=demo.patient.assessments.first().taken_on,  # type: ignore[union-attr]
        items={str(i): 3 for i in (1, 2, 3, 4, "5a", 6, 7, 8, 9, 10, 11, 12)},
        total=36,
        source="self_report",
        entered_by=demo.person,
    )
    before = _record_rows(demo.patient)
    audit_before = list(AuditEvent.objects.values_list("pk", "actor_id", "patient_id", "detail"))
    for kept in (
        "clinician",
        "reviewed_routines",
        "flag_reviews",
        "skills_taught",
        "logs",
        "self_reports",
        "feelings",
        "equipment",
        "reminders",
        "calendar_links",
    ):
        assert before[kept] > 0, kept
    person_id = demo.person.pk

    delete_account_and_record(patient=demo.patient, user=demo.person, password=DEMO_PASSWORD)

    after = _record_rows(demo.patient)
    for erased in (
        "logs",
        "checkins",
        "feelings",
        "alerts",
        "self_reports",
        "drafts",
        "profile",
        "reminders",
        "equipment",
        "unreviewed_routines",
        "caregiver_links",
        "calendar_links",
    ):
        assert after[erased] == 0, erased
    for kept in (
        "clinician",
        "reviewed_routines",
        "flag_reviews",
        "skills_taught",
        "therapist_links",
    ):
        assert after[kept] == before[kept], kept
    patient = Patient.objects.get(pk=demo.patient.pk)
    assert patient.user_id is None
    assert patient.display_name == demo.patient.display_name  # clinical entries are kept
    account = User.objects.get(pk=person_id)
    assert account.email.endswith("@deleted.invalid") and account.full_name == ""
    assert not account.is_active and not account.has_usable_password()
    # The audit trail is untouched, and the deletion is in it.
    audit_after = list(
        AuditEvent.objects.exclude(action="record_deleted").values_list(
            "pk", "actor_id", "patient_id", "detail"
        )
    )
    assert sorted(audit_after) == sorted(audit_before)
    entry = AuditEvent.objects.get(action="record_deleted", patient=patient)
    assert entry.actor_id == person_id and "session_logs" in entry.detail


def test_a_record_with_no_clinical_entries_loses_its_name_too(demo: Demo) -> None:
    patient, person = demo.other_patient, demo.other_person
    Assessment.objects.filter(patient=patient, source="clinician").delete()
    RoutinePlan.objects.filter(patient=patient).update(reviewed_at=None)
    FlagReview.objects.filter(patient=patient).delete()
    SkillTaught.objects.filter(patient=patient).delete()
    delete_account_and_record(patient=patient, user=person, password=DEMO_PASSWORD)
    patient.refresh_from_db()
    assert patient.display_name == "Deleted record"
    assert patient.onset_date is None and patient.diagnosis_date is None


def test_deletion_needs_the_password_and_a_wrong_one_changes_nothing(demo: Demo) -> None:
    before = _record_rows(demo.patient)
    with pytest.raises(DeletionError):
        delete_account_and_record(patient=demo.patient, user=demo.person, password="wrong")
    client = Client()
    sign_in(client, demo.person)
    page = client.get(f"/patients/{demo.patient.pk}/delete/")
    assert page.status_code == 200
    assert b"What is erased" in page.content and b"What is kept" in page.content
    response = client.post(f"/patients/{demo.patient.pk}/delete/", {"password": "wrong"})
    assert response.status_code == 400
    assert b"That is not your password" in response.content
    assert _record_rows(demo.patient) == before
    assert User.objects.get(pk=demo.person.pk).is_active


def test_the_person_deletes_through_the_page_and_is_signed_out(demo: Demo) -> None:
    client = Client()
    sign_in(client, demo.person)
    response = client.post(f"/patients/{demo.patient.pk}/delete/", {"password": DEMO_PASSWORD})
    assert response.status_code == 200
    assert b"Your account is deleted" in response.content
    assert client.get(f"/patients/{demo.patient.pk}/").status_code == 302  # signed out
    login = Client().post(
        "/accounts/login/", {"username": "person@example.org", "password": DEMO_PASSWORD}
    )
    assert login.status_code == 200  # the form again: no such account any more


def test_the_persons_other_signed_in_devices_are_signed_out_too(demo: Demo) -> None:
    phone, laptop = Client(), Client()
    sign_in(phone, demo.person)
    sign_in(laptop, demo.person)
    assert laptop.get(f"/patients/{demo.patient.pk}/").status_code == 200
    response = phone.post(f"/patients/{demo.patient.pk}/delete/", {"password": DEMO_PASSWORD})
    assert response.status_code == 200
    assert laptop.get(f"/patients/{demo.patient.pk}/").status_code == 302
    assert laptop.get("/api/v1/patients").status_code == 401


def test_no_one_but_the_person_may_delete_the_record_and_nothing_changes(demo: Demo) -> None:
    before = _record_rows(demo.patient)
    for user, expected in (
        (demo.caregiver, 403),
        (demo.therapist, 403),
        (demo.other_person, 404),
        (demo.admin, 404),
    ):
        client = Client()
        sign_in(client, user)
        response = client.post(f"/patients/{demo.patient.pk}/delete/", {"password": DEMO_PASSWORD})
        assert response.status_code == expected, user
        with pytest.raises(DeletionError):
            delete_account_and_record(patient=demo.patient, user=user, password=DEMO_PASSWORD)
    assert _record_rows(demo.patient) == before
