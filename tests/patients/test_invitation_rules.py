"""The care-team service's rules on their own: limits, kinds of account, the demo's
links, leaving and undo, and every branch the pages' forms refuse before it."""

from __future__ import annotations

import pytest
from django.test import Client
from signin_support import sign_in

from alsmove.accounts.models import Role
from alsmove.demo.seed import Demo
from alsmove.patients.invitations import DAILY_LIMIT, accept, invite
from alsmove.patients.models import CareLink, Invitation, Patient
from alsmove.patients.policy import Action, allowed_actions, visible_patients
from alsmove.patients.services import TeamError, create_patient_for_clinic
from alsmove.patients.signup import sign_up

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    sign_in(client, user)  # type: ignore[arg-type]
    return client


def can_view(user: object, patient: Patient) -> bool:
    return Action.VIEW in allowed_actions(user, patient) and patient in visible_patients(user)


def test_one_record_sends_a_limited_number_of_invitations_a_day(demo: Demo) -> None:
    for number in range(DAILY_LIMIT):
        invite(
            patient=demo.patient,
            by=demo.person,
            email=f"friend{number}@example.com",
            relation="caregiver",
            permission="view",
        )
    with pytest.raises(TeamError, match="Try again tomorrow"):
        invite(
            patient=demo.patient,
            by=demo.person,
            email="one-more@example.com",
            relation="caregiver",
            permission="view",
        )


def test_a_therapist_who_opens_a_record_in_their_clinic_is_linked_with_the_consent(
    demo: Demo,
) -> None:
    patient = create_patient_for_clinic(therapist=demo.therapist, display_name="Lee Park")
    link = CareLink.objects.get(patient=patient, member=demo.therapist)
    assert link.consent_note and link.revoked_at is None
    assert Action.MANAGE_TEAM in allowed_actions(demo.therapist, patient)


def test_the_demo_links_stay_accepted(demo: Demo) -> None:
    assert can_view(demo.therapist, demo.patient)
    assert can_view(demo.caregiver, demo.patient)
    assert can_view(demo.other_therapist, demo.other_patient)


def test_an_accepted_invitation_for_someone_already_on_the_team_makes_no_second_link(
    demo: Demo,
) -> None:
    sent = invite(
        patient=demo.patient,
        by=demo.person,
        email="caregiver@example.org",
        relation="caregiver",
        permission="view",
    )
    accept(sent.invitation, user=demo.caregiver, by_link=False)
    assert demo.patient.care_links.active().filter(member=demo.caregiver).count() == 1


def test_the_person_cannot_join_their_own_record(demo: Demo) -> None:
    sent = invite(
        patient=demo.patient,
        by=demo.therapist,
        email="person@example.org",
        relation="caregiver",
        permission="view",
        consent_note="asked",
    )
    with pytest.raises(TeamError):
        accept(sent.invitation, user=demo.person, by_link=True)
    assert demo.person.role == Role.PERSON


def test_someone_who_left_cannot_be_put_back_without_a_new_invitation(demo: Demo) -> None:
    from alsmove.patients.invitations import leave
    from alsmove.patients.services import restore_member

    link = leave(patient=demo.patient, user=demo.caregiver)
    team = _client(demo.person).get(f"/patients/{demo.patient.pk}/team/").content.decode()
    assert "Undo: add Alex Rivera back" not in team
    with pytest.raises(TeamError, match="left this care team themselves"):
        restore_member(patient=demo.patient, by=demo.person, link_id=link.pk)
    response = _client(demo.person).post(
        f"/patients/{demo.patient.pk}/team/{link.pk}/restore/", follow=True
    )
    assert b"left this care team themselves" in response.content
    assert not can_view(demo.caregiver, demo.patient)


# Every branch of the service that the pages cannot reach (their forms refuse first).


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"relation": "uncle", "permission": "view"}, "relation"),
        ({"relation": "caregiver", "permission": "everything"}, "permission"),
        ({"relation": "caregiver", "permission": "edit_plan"}, "permission"),
    ],
)
def test_the_service_refuses_a_bad_choice_naming_its_field(
    demo: Demo, fields: dict[str, str], field: str
) -> None:
    with pytest.raises(TeamError) as raised:
        invite(patient=demo.patient, by=demo.person, email="friend@example.com", **fields)
    assert raised.value.field == field
    assert not Invitation.objects.filter(email="friend@example.com").exists()


def test_an_invitation_made_before_the_account_needs_the_link_and_the_same_address(
    demo: Demo,
) -> None:
    from alsmove.patients.invitations import check_answerable

    sent = invite(
        patient=demo.patient,
        by=demo.person,
        email="later@example.com",
        relation="caregiver",
        permission="view",
    )
    later = sign_up(email="later@example.com", full_name="Lee", password="x" * 12, role="caregiver")
    with pytest.raises(TeamError):
        check_answerable(sent.invitation, later, by_link=False)
    with pytest.raises(TeamError):
        check_answerable(sent.invitation, demo.caregiver, by_link=True)
    check_answerable(sent.invitation, later, by_link=True)


def test_leaving_a_team_one_is_not_on_is_refused_in_words(demo: Demo) -> None:
    from alsmove.patients.invitations import leave

    with pytest.raises(TeamError, match="not on this care team"):
        leave(patient=demo.patient, user=demo.other_therapist)
