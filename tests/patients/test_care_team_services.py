"""The record and care-team services in `patients.services`, branch by branch: each
refusal changes nothing, each change is one audit entry."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone
from signin_support import sign_in
from team_support import audit_since, last_audit_id, refused, team_tables

from alsmove.demo.seed import Demo
from alsmove.patients.clock import today_for
from alsmove.patients.invitations import accept, invite, leave
from alsmove.patients.models import CareLink, Patient, Permission, Relation
from alsmove.patients.services import (
    UNDO_WINDOW,
    RecordError,
    core_profile,
    create_patient_for_clinic,
    recently_removed,
    restore_member,
    revoke_member,
    update_record,
)

pytestmark = pytest.mark.django_db


def _caregiver_link(demo: Demo) -> CareLink:
    return demo.patient.care_links.active().get(member=demo.caregiver)


def _removed_caregiver(demo: Demo, *, hours_ago: float = 1) -> CareLink:
    link = revoke_member(patient=demo.patient, by=demo.person, link_id=_caregiver_link(demo).pk)
    link.revoked_at = timezone.now() - timedelta(hours=hours_ago)
    link.save(update_fields=["revoked_at"])
    return link


# Opening a record.


def test_a_therapist_who_opens_a_record_is_linked_with_full_rights_and_it_is_audited(
    demo: Demo,
) -> None:
    since = last_audit_id()
    patient = create_patient_for_clinic(
        therapist=demo.therapist, display_name="Lee Park", time_zone="Europe/Berlin"
    )
    assert patient.organisation == demo.therapist.organisation
    assert patient.created_by == demo.therapist
    assert patient.time_zone == "Europe/Berlin"
    link = patient.care_links.active().get()
    assert (link.member, link.relation, link.permission, link.added_by) == (
        demo.therapist,
        Relation.THERAPIST,
        Permission.EDIT_PLAN,
        demo.therapist,
    )
    assert link.consent_note
    assert audit_since(since) == [("record_created", demo.therapist.pk, patient.pk, "")]


@pytest.mark.parametrize("who", ["person", "caregiver", "admin"])
def test_only_a_therapist_can_open_a_record_for_someone_else(demo: Demo, who: str) -> None:
    client = Client()
    sign_in(client, getattr(demo, who))
    before = team_tables()
    response = client.post("/patients/new/", {"display_name": "Lee Park"})
    assert response.status_code == 403
    assert team_tables() == before


# Removing a member.


def test_removing_a_member_ends_their_link_and_is_audited(demo: Demo) -> None:
    link = _caregiver_link(demo)
    since = last_audit_id()
    removed = revoke_member(patient=demo.patient, by=demo.person, link_id=link.pk)
    link.refresh_from_db()
    assert removed.pk == link.pk
    assert link.revoked_at is not None and link.revoked_by == demo.person
    assert not demo.patient.care_links.active().filter(member=demo.caregiver).exists()
    assert audit_since(since) == [
        ("member_revoked", demo.person.pk, demo.patient.pk, demo.caregiver.email)
    ]


@pytest.mark.parametrize("which", ["unknown", "already removed", "another record's"])
def test_removing_someone_who_is_not_on_the_team_is_refused_and_changes_nothing(
    demo: Demo, which: str
) -> None:
    if which == "unknown":
        link_id = CareLink.objects.order_by("-pk").values_list("pk", flat=True)[0] + 1
    elif which == "already removed":
        link_id = _removed_caregiver(demo).pk
    else:
        link_id = demo.other_patient.care_links.active().get().pk
    refused(
        lambda: revoke_member(patient=demo.patient, by=demo.person, link_id=link_id),
        "no longer on the care team",
    )


# Undoing a removal.


def test_undoing_a_removal_gives_back_the_same_link_and_is_audited(demo: Demo) -> None:
    link = _removed_caregiver(demo, hours_ago=23)
    since = last_audit_id()
    restored = restore_member(patient=demo.patient, by=demo.person, link_id=link.pk)
    assert restored.pk == link.pk
    link.refresh_from_db()
    assert link.revoked_at is None and link.revoked_by is None
    assert (link.relation, link.permission) == (Relation.CAREGIVER, Permission.LOG)
    assert audit_since(since) == [
        ("member_restored", demo.person.pk, demo.patient.pk, demo.caregiver.email)
    ]


def test_undoing_is_refused_for_a_link_that_was_never_removed_or_does_not_exist(
    demo: Demo,
) -> None:
    never_removed = _caregiver_link(demo).pk
    unknown = CareLink.objects.order_by("-pk").values_list("pk", flat=True)[0] + 1
    elsewhere = demo.other_patient.care_links.active().get()
    revoke_member(patient=demo.other_patient, by=demo.other_person, link_id=elsewhere.pk)
    for link_id in (never_removed, unknown, elsewhere.pk):
        refused(
            lambda link_id=link_id: restore_member(
                patient=demo.patient, by=demo.person, link_id=link_id
            ),
            "already on the care team",
        )


def test_undoing_is_refused_for_someone_who_left_on_their_own(demo: Demo) -> None:
    link = leave(patient=demo.patient, user=demo.caregiver)
    refused(
        lambda: restore_member(patient=demo.patient, by=demo.person, link_id=link.pk),
        "left this care team themselves",
    )


def test_undoing_is_refused_once_the_undo_window_has_passed(demo: Demo) -> None:
    link = _removed_caregiver(demo, hours_ago=UNDO_WINDOW.total_seconds() / 3600 + 1)
    refused(
        lambda: restore_member(patient=demo.patient, by=demo.person, link_id=link.pk),
        "too old to undo",
    )


def test_undoing_is_refused_when_the_member_is_back_through_an_invitation(demo: Demo) -> None:
    link = _removed_caregiver(demo)
    sent = invite(
        patient=demo.patient,
        by=demo.person,
        email=demo.caregiver.email,
        relation=Relation.CAREGIVER,
        permission=Permission.VIEW,
    )
    accept(sent.invitation, user=demo.caregiver, by_link=False)
    refused(
        lambda: restore_member(patient=demo.patient, by=demo.person, link_id=link.pk),
        "already on the care team",
    )


def test_undoing_is_refused_for_an_account_that_was_switched_off(demo: Demo) -> None:
    link = _removed_caregiver(demo)
    demo.caregiver.is_active = False
    demo.caregiver.save(update_fields=["is_active"])
    refused(
        lambda: restore_member(patient=demo.patient, by=demo.person, link_id=link.pk),
        "switched off",
    )


def test_the_undo_list_holds_only_removals_from_the_last_day_of_people_still_off_the_team(
    demo: Demo,
) -> None:
    caregiver = _removed_caregiver(demo, hours_ago=2)
    assert recently_removed(demo.patient) == [caregiver]
    assert recently_removed(demo.patient, now=timezone.now() + UNDO_WINDOW) == []
    therapist = demo.patient.care_links.active().get(member=demo.therapist)
    leave(patient=demo.patient, user=demo.therapist)  # left on their own: no undo
    assert therapist not in recently_removed(demo.patient)
    restore_member(patient=demo.patient, by=demo.person, link_id=caregiver.pk)
    assert recently_removed(demo.patient) == []


# Changing the record's details.


def test_changing_the_record_saves_the_fields_and_is_audited(demo: Demo) -> None:
    since = last_audit_id()
    first_assessment = min(demo.patient.assessments.current().values_list("taken_on", flat=True))
    onset = first_assessment - timedelta(days=200)
    update_record(
        patient=demo.patient,
        by=demo.therapist,
        display_name="Sam R.",
        onset_date=onset,
        onset_region=None,
    )
    stored = Patient.objects.get(pk=demo.patient.pk)
    assert (stored.display_name, stored.onset_date, stored.onset_region) == ("Sam R.", onset, "")
    assert audit_since(since) == [("record_updated", demo.therapist.pk, demo.patient.pk, "")]


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ("onset after a saved ALSFRS-R record", {"onset_date": "today"}),
        ("diagnosis before the onset", {"diagnosis_date": date(1990, 1, 1)}),
        ("onset in the future", {"onset_date": "tomorrow"}),
    ],
)
def test_a_record_change_the_stored_data_contradicts_is_refused_and_changes_nothing(
    demo: Demo, change: str, fields: dict[str, object]
) -> None:
    today = today_for(demo.patient)
    named = {"today": today, "tomorrow": today + timedelta(days=1)}
    fields = {name: named.get(str(value), value) for name, value in fields.items()}
    before = team_tables()
    with pytest.raises(RecordError) as raised:
        update_record(patient=demo.patient, by=demo.therapist, display_name="Changed", **fields)
    assert raised.value.problems
    assert {p.field for p in raised.value.problems} <= {"onset_date", "diagnosis_date"}
    assert str(raised.value)
    assert team_tables() == before


def test_the_engine_reads_the_profile_of_a_record_that_has_one_and_none_otherwise(
    demo: Demo,
) -> None:
    assert core_profile(demo.patient) is not None
    assert core_profile(demo.patient, on_day=0) is not None
    assert core_profile(demo.other_patient) is None
