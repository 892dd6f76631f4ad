"""Care-team invitations through the API: the same services and policy as the pages."""

from __future__ import annotations

import json

import pytest
from django.http import HttpResponse
from django.test import Client
from signin_support import sign_in

from alsmove.demo.seed import Demo
from alsmove.patients.invitations import invite
from alsmove.patients.models import CareLink, Patient
from alsmove.patients.policy import Action, allowed_actions, visible_patients
from alsmove.patients.signup import sign_up

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    sign_in(client, user)  # type: ignore[arg-type]
    return client


def can_view(user: object, patient: Patient) -> bool:
    return Action.VIEW in allowed_actions(user, patient) and patient in visible_patients(user)


def _stranger() -> Patient:
    user = sign_up(email="mallory@example.net", full_name="M", password="x" * 12, role="person")
    patient = Patient.objects.get(user=user)
    patient.display_name = "Sam Rivera"
    patient.save()
    return patient


def _api(client: Client, method: str, url: str, body: object | None = None) -> HttpResponse:
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def test_the_api_invites_with_one_answer_for_every_address_and_shares_nothing(
    demo: Demo,
) -> None:
    record = _stranger()
    client = _client(record.user)
    url = f"/api/v1/patients/{record.pk}/team/invitations"
    answers = set()
    for email in ("therapist@example.org", "caregiver@example.org", "nobody@example.com"):
        response = _api(
            client, "post", url, {"email": email, "relation": "therapist", "permission": "view"}
        )
        assert response.status_code == 202
        answers.add(response.content)
    assert len(answers) == 1
    assert not CareLink.objects.filter(patient=record).exists()
    pending = _api(client, "get", url).json()
    assert {p["email"] for p in pending} == {
        "therapist@example.org",
        "caregiver@example.org",
        "nobody@example.com",
    }
    team = _api(client, "get", f"/api/v1/patients/{record.pk}/team").json()
    assert team == []
    bad = _api(
        client, "post", url, {"email": "nope", "relation": "caregiver", "permission": "view"}
    )
    assert bad.status_code == 400 and bad.json()["detail"].startswith("email:")
    plan = _api(
        client,
        "post",
        url,
        {"email": "x@example.com", "relation": "caregiver", "permission": "edit_plan"},
    )
    assert plan.status_code == 400 and plan.json()["detail"].startswith("permission:")


def test_the_api_lets_the_invitee_accept_or_decline_and_a_member_leave(demo: Demo) -> None:
    first = invite(
        patient=demo.patient,
        by=demo.person,
        email="other-therapist@example.org",
        relation="therapist",
        permission="view",
    )
    omar = _client(demo.other_therapist)
    listed = _api(omar, "get", "/api/v1/invitations").json()
    assert [i["id"] for i in listed] == [first.invitation.pk]
    assert listed[0]["record_name"] == "Sam Rivera" and listed[0]["invited_by"] == "Sam Rivera"
    # Someone else cannot answer it.
    stranger = _api(
        _client(demo.other_person), "post", f"/api/v1/invitations/{first.invitation.pk}/accept"
    )
    assert stranger.status_code == 404
    accepted = _api(omar, "post", f"/api/v1/invitations/{first.invitation.pk}/accept")
    assert accepted.status_code == 200
    assert accepted.json()["patient_id"] == demo.patient.pk
    assert can_view(demo.other_therapist, demo.patient)
    again = _api(omar, "post", f"/api/v1/invitations/{first.invitation.pk}/decline")
    assert again.status_code == 400
    left = _api(omar, "delete", f"/api/v1/patients/{demo.patient.pk}/team/me")
    assert left.status_code == 204 and not can_view(demo.other_therapist, demo.patient)
    second = invite(
        patient=demo.patient,
        by=demo.person,
        email="other-therapist@example.org",
        relation="therapist",
        permission="view",
    )
    declined = _api(omar, "post", f"/api/v1/invitations/{second.invitation.pk}/decline")
    assert declined.status_code == 200 and not can_view(demo.other_therapist, demo.patient)


def test_the_api_withdraws_an_invitation(demo: Demo) -> None:
    sent = invite(
        patient=demo.patient,
        by=demo.person,
        email="friend@example.com",
        relation="caregiver",
        permission="view",
    )
    url = f"/api/v1/patients/{demo.patient.pk}/team/invitations/{sent.invitation.pk}"
    person = _client(demo.person)
    assert _api(person, "delete", url).status_code == 204
    assert _api(person, "delete", url).status_code == 404
    caregiver = _client(demo.caregiver)  # may log, may not manage the team
    assert (
        _api(caregiver, "get", f"/api/v1/patients/{demo.patient.pk}/team/invitations").status_code
        == 403
    )
