"""Nobody is linked to a record without saying yes (issue 10, item 1).

The reproduction first: a stranger signs up, names their record like a real person, and
adds a real therapist and a real caregiver by email. Nothing may be shared until they
accept, and the team page must not tell anything about the addresses.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.http import Http404
from django.test import Client
from django.utils import timezone
from signin_support import sign_in

from alsmove.accounts.models import AuditEvent, User
from alsmove.demo.seed import Demo
from alsmove.patients.invitations import accept, hash_token, invite
from alsmove.patients.models import CareLink, Invitation, InvitationStatus, Patient
from alsmove.patients.policy import Action, allowed_actions, require, visible_patients
from alsmove.patients.services import TeamError
from alsmove.patients.signup import sign_up

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    sign_in(client, user)  # type: ignore[arg-type]
    return client


def _stranger() -> tuple[User, Patient]:
    user = sign_up(email="mallory@example.net", full_name="M", password="x" * 12, role="person")
    user.disclaimer_accepted_at = timezone.now()
    user.save()
    patient = Patient.objects.get(user=user)
    patient.display_name = "Sam Rivera"
    patient.save()
    return user, patient


def _invite_page(client: Client, patient: Patient, email: str, **extra: str) -> str:
    data = {"email": email, "relation": "caregiver", "permission": "log", **extra}
    response = client.post(f"/patients/{patient.pk}/team/", data, follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    # What differs between two answers apart from the address itself: the CSRF token.
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    text = re.sub(r"/team/invitations/\d+/", "/team/invitations/N/", text)
    return text.replace(email, "EMAIL")


def _link_from_mail(message: mail.EmailMessage) -> str:
    found = re.search(r"http\S+/invitations/(\S+)/", message.body)
    assert found is not None, message.body
    return f"/invitations/{found.group(1)}/"


def test_a_stranger_who_adds_a_real_therapist_and_caregiver_shares_nothing_until_they_accept(
    demo: Demo, django_capture_on_commit_callbacks: object
) -> None:
    stranger, record = _stranger()
    client = _client(stranger)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        client.post(
            f"/patients/{record.pk}/team/",
            {"email": "therapist@example.org", "relation": "therapist", "permission": "edit_plan"},
        )
        client.post(
            f"/patients/{record.pk}/team/",
            {"email": "CAREGIVER@example.org", "relation": "caregiver", "permission": "log"},
        )
    assert not CareLink.objects.filter(patient=record).exists()
    for member in (demo.therapist, demo.caregiver):
        assert allowed_actions(member, record) == frozenset()
        assert record not in visible_patients(member)
        with pytest.raises(Http404):
            require(member, record.pk, Action.VIEW)
    caseload = _client(demo.therapist).get("/caseload/").content.decode()
    assert f"/patients/{record.pk}/" not in caseload
    # The caregiver's home page lists the invitation, but no record and no "Today" card.
    home = _client(demo.caregiver).get("/").content.decode()
    assert "Invitations waiting for your answer" in home
    assert f'href="/patients/{record.pk}/"' not in home
    assert home.count("Today for Sam Rivera") == 1  # only the real Sam's card
    # The API follows the same policy.
    api = _client(demo.therapist).get("/api/v1/patients").json()
    assert record.pk not in [p["id"] for p in api]
    # The team page names nobody who has not accepted.
    team = client.get(f"/patients/{record.pk}/team/").content.decode()
    assert "Tess Morgan" not in team and "Alex Rivera" not in team
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    "email",
    [
        "nobody-here@example.com",
        "person@example.org",
        "admin@example.org",
        "therapist@example.org",
        "caregiver@example.org",
        "other-therapist@example.org",
    ],
)
def test_the_team_page_gives_the_same_answer_for_every_address(demo: Demo, email: str) -> None:
    _, record = _stranger()
    client = _client(record.user)
    reference = _invite_page(client, record, "someone-new@example.com")
    Invitation.objects.all().delete()
    assert _invite_page(client, record, email) == reference
    invitation = Invitation.objects.get(patient=record, email=email)
    assert invitation.status == InvitationStatus.PENDING


def test_the_invitee_accepts_from_the_emailed_link_and_only_then_sees_the_record(
    demo: Demo, django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        _client(demo.person).post(
            f"/patients/{demo.patient.pk}/team/",
            {"email": "other-therapist@example.org", "relation": "therapist", "permission": "view"},
        )
    message = mail.outbox[-1]
    assert message.to == ["other-therapist@example.org"]
    assert "Sam Rivera" in message.body and "&amp;" not in message.body and "<" not in message.body
    assert "Nothing of the record is shared with you unless you say yes" in message.body
    path = _link_from_mail(message)
    omar = _client(demo.other_therapist)
    page = omar.get(path)
    assert page.status_code == 200 and b"Join the care team of Sam Rivera?" in page.content
    assert not can_view(demo.other_therapist, demo.patient)
    response = omar.post(path, {"answer": "accept"})
    assert response.status_code == 302
    assert response["Location"] == f"/patients/{demo.patient.pk}/"
    assert can_view(demo.other_therapist, demo.patient)
    # The therapist's name shows on the team page now, and the link is spent.
    team = _client(demo.person).get(f"/patients/{demo.patient.pk}/team/").content.decode()
    assert "Omar Haddad" in team
    again = omar.post(path, {"answer": "decline"})
    assert again.status_code == 400 and b"already been answered" in again.content
    assert can_view(demo.other_therapist, demo.patient)
    assert AuditEvent.objects.filter(action="member_invited", actor=demo.person).exists()
    assert AuditEvent.objects.filter(
        action="invitation_accepted", actor=demo.other_therapist, patient=demo.patient
    ).exists()


def can_view(user: User, patient: Patient) -> bool:
    return Action.VIEW in allowed_actions(user, patient) and patient in visible_patients(user)


def test_the_invitee_can_decline_from_the_home_page_and_nothing_is_shared(demo: Demo) -> None:
    sent = invite(
        patient=demo.patient,
        by=demo.person,
        email="other-therapist@example.org",
        relation="therapist",
        permission="view",
    )
    omar = _client(demo.other_therapist)
    home = omar.get("/").content.decode()
    assert "Join the care team of Sam Rivera?" in home
    response = omar.post(f"/invitations/{sent.invitation.pk}/answer/", {"answer": "decline"})
    assert response.status_code == 302
    sent.invitation.refresh_from_db()
    assert sent.invitation.status == InvitationStatus.DECLINED
    assert not can_view(demo.other_therapist, demo.patient)
    assert "Join the care team" not in omar.get("/").content.decode()
    assert AuditEvent.objects.filter(action="invitation_declined", patient=demo.patient).exists()


def test_an_unknown_answer_changes_nothing(demo: Demo) -> None:
    sent = invite(
        patient=demo.patient,
        by=demo.person,
        email="other-therapist@example.org",
        relation="therapist",
        permission="view",
    )
    omar = _client(demo.other_therapist)
    omar.post(f"/invitations/{sent.invitation.pk}/answer/", {"answer": "maybe"})
    response = omar.post(f"/invitations/{sent.token}/", {"answer": "yes please"})
    assert response.status_code == 200
    sent.invitation.refresh_from_db()
    assert sent.invitation.status == InvitationStatus.PENDING


def test_someone_else_cannot_answer_an_invitation_or_see_what_it_is_about(demo: Demo) -> None:
    sent = invite(
        patient=demo.patient,
        by=demo.person,
        email="other-therapist@example.org",
        relation="therapist",
        permission="view",
    )
    intruder = _client(demo.other_person)
    page = intruder.get(f"/invitations/{sent.token}/")
    assert page.status_code == 400 and b"Sam Rivera" not in page.content
    assert intruder.post(f"/invitations/{sent.token}/", {"answer": "accept"}).status_code == 400
    answer = intruder.post(f"/invitations/{sent.invitation.pk}/answer/", {"answer": "accept"})
    assert answer.status_code == 404
    assert not CareLink.objects.filter(member=demo.other_person).exists()


def test_a_guessed_or_mangled_link_finds_nothing(demo: Demo) -> None:
    invite(
        patient=demo.patient,
        by=demo.person,
        email="other-therapist@example.org",
        relation="therapist",
        permission="view",
    )
    omar = _client(demo.other_therapist)
    for token in ("1", "not-a-valid-token", "x" * 300):
        assert omar.get(f"/invitations/{token}/").status_code == 404


def test_only_a_hash_of_the_link_is_stored_and_the_secret_is_long(demo: Demo) -> None:
    sent = invite(
        patient=demo.patient,
        by=demo.person,
        email="friend@example.com",
        relation="caregiver",
        permission="view",
    )
    stored = Invitation.objects.get(pk=sent.invitation.pk)
    assert len(sent.token) >= 40
    assert stored.token_hash == hash_token(sent.token) and sent.token not in stored.token_hash
    assert not Invitation.objects.filter(token_hash=sent.token).exists()


def test_an_expired_invitation_cannot_be_accepted(demo: Demo) -> None:
    sent = invite(
        patient=demo.patient,
        by=demo.person,
        email="other-therapist@example.org",
        relation="therapist",
        permission="view",
    )
    Invitation.objects.filter(pk=sent.invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    omar = _client(demo.other_therapist)
    assert "Join the care team" not in omar.get("/").content.decode()
    response = omar.post(f"/invitations/{sent.token}/", {"answer": "accept"})
    assert response.status_code == 400 and b"expired" in response.content
    assert not can_view(demo.other_therapist, demo.patient)


def test_a_new_invitation_to_the_same_address_replaces_the_old_link(demo: Demo) -> None:
    first = invite(
        patient=demo.patient,
        by=demo.person,
        email="friend@example.com",
        relation="caregiver",
        permission="view",
    )
    second = invite(
        patient=demo.patient,
        by=demo.person,
        email="friend@example.com",
        relation="caregiver",
        permission="log",
    )
    first.invitation.refresh_from_db()
    assert first.invitation.status == InvitationStatus.WITHDRAWN
    assert second.invitation.status == InvitationStatus.PENDING


def test_an_invitation_to_an_address_without_an_account_works_after_signing_up_with_it(
    demo: Demo, django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        _client(demo.person).post(
            f"/patients/{demo.patient.pk}/team/",
            {"email": "jo@example.com", "relation": "caregiver", "permission": "log"},
        )
    path = _link_from_mail(mail.outbox[-1])
    visitor = Client()
    to_login = visitor.get(path)
    assert to_login.status_code == 302 and "/accounts/login/" in to_login["Location"]
    login_page = visitor.get(to_login["Location"]).content.decode()
    assert "/accounts/signup/?next=%2Finvitations%2F" in login_page
    assert "To answer the invitation, log in." in login_page
    signed_up = visitor.post(
        f"/accounts/signup/?next={path}",
        {
            "role": "caregiver",
            "full_name": "Jo Banks",
            "email": "jo@example.com",
            "password1": "a quiet morning walk",
            "password2": "a quiet morning walk",
            "next": path,
        },
        follow=True,
    )
    # After the disclaimer, the link opens the invitation.
    assert signed_up.redirect_chain[-1][0].startswith("/accounts/disclaimer/")
    disclaimer = visitor.post(signed_up.redirect_chain[-1][0], {"next": path})
    assert disclaimer["Location"] == path
    jo = User.objects.get(email="jo@example.com")
    # The home page mentions it but cannot answer it: a new account does not prove the
    # address, the link does.
    home = visitor.get("/").content.decode()
    assert "open the link in that email" in home and "Sam Rivera" not in home
    invitation = Invitation.objects.get(email="jo@example.com")
    blocked = visitor.post(f"/invitations/{invitation.pk}/answer/", {"answer": "accept"})
    assert blocked.status_code == 404
    assert visitor.post(path, {"answer": "accept"}).status_code == 302
    assert allowed_actions(jo, demo.patient) >= {Action.VIEW, Action.LOG}


def test_an_account_of_the_wrong_kind_cannot_accept(demo: Demo) -> None:
    sent = invite(
        patient=demo.patient,
        by=demo.person,
        email="caregiver@example.org",
        relation="therapist",
        permission="edit_plan",
    )
    with pytest.raises(TeamError, match="another kind of account"):
        accept(sent.invitation, user=demo.caregiver, by_link=True)
    assert allowed_actions(demo.caregiver, demo.patient) == {
        Action.VIEW,
        Action.LOG,
        Action.LEAVE_TEAM,
        Action.CORRECT_SELF_REPORT,
        Action.CALENDAR_FEED,  # a calendar link of their own (docs/data-export.md)
        Action.CHANGE_EQUIPMENT,
    }


def test_a_caregiver_is_never_invited_to_change_the_plan(demo: Demo) -> None:
    response = _client(demo.person).post(
        f"/patients/{demo.patient.pk}/team/",
        {"email": "friend@example.com", "relation": "caregiver", "permission": "edit_plan"},
    )
    assert response.status_code == 400
    assert b"Only a therapist can change the plan." in response.content
    assert not Invitation.objects.filter(email="friend@example.com").exists()


def test_a_therapist_who_invites_says_how_the_person_agreed(demo: Demo) -> None:
    client = _client(demo.therapist)
    url = f"/patients/{demo.patient.pk}/team/"
    data = {"email": "friend@example.com", "relation": "caregiver", "permission": "view"}
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert b'id="id_consent_note_error"' in refused.content or b"errorlist" in refused.content
    assert b"Say how the person agreed" in refused.content
    assert client.post(url, {**data, "consent_note": "Agreed by phone"}).status_code == 302
    assert Invitation.objects.get(email="friend@example.com").consent_note == "Agreed by phone"


def test_bad_fields_are_named_and_nothing_is_sent(demo: Demo) -> None:
    response = _client(demo.person).post(
        f"/patients/{demo.patient.pk}/team/",
        {"email": "not an address", "relation": "uncle", "permission": "all"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter a valid email address." in body
    assert 'value="not an address"' in body  # what was typed is kept
    assert not Invitation.objects.exists() and not mail.outbox


def test_a_caregiver_who_may_only_view_cannot_invite(demo: Demo) -> None:
    response = _client(demo.caregiver).post(
        f"/patients/{demo.patient.pk}/team/",
        {"email": "friend@example.com", "relation": "caregiver", "permission": "view"},
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_a_withdrawn_invitation_link_no_longer_works(demo: Demo) -> None:
    sent = invite(
        patient=demo.patient,
        by=demo.person,
        email="other-therapist@example.org",
        relation="therapist",
        permission="view",
    )
    person = _client(demo.person)
    team = person.get(f"/patients/{demo.patient.pk}/team/").content.decode()
    assert "other-therapist@example.org" in team and "Omar Haddad" not in team
    url = f"/patients/{demo.patient.pk}/team/invitations/{sent.invitation.pk}/withdraw/"
    assert person.post(url).status_code == 302
    response = _client(demo.other_therapist).post(
        f"/invitations/{sent.token}/", {"answer": "accept"}
    )
    assert response.status_code == 400
    assert not can_view(demo.other_therapist, demo.patient)
    assert AuditEvent.objects.filter(action="invitation_withdrawn").exists()
    # Withdrawing twice says so in words.
    again = person.post(url, follow=True)
    assert b"no longer waiting for an answer" in again.content


def test_a_therapist_with_view_only_can_take_themselves_off(demo: Demo) -> None:
    sent = invite(
        patient=demo.patient,
        by=demo.person,
        email="other-therapist@example.org",
        relation="therapist",
        permission="view",
    )
    accept(sent.invitation, user=demo.other_therapist, by_link=False)
    omar = _client(demo.other_therapist)
    url = f"/patients/{demo.patient.pk}/team/leave/"
    assert b"Leave this care team" in omar.get(f"/patients/{demo.patient.pk}/team/").content
    assert omar.get(url).status_code == 200
    # A press without the confirmation changes nothing.
    assert omar.post(url).status_code == 400
    assert can_view(demo.other_therapist, demo.patient)
    assert omar.post(url, {"confirm": "leave"}).status_code == 302
    assert not can_view(demo.other_therapist, demo.patient)
    assert AuditEvent.objects.filter(
        action="member_left", actor=demo.other_therapist, patient=demo.patient
    ).exists()


def test_the_person_cannot_leave_their_own_record(demo: Demo) -> None:
    response = _client(demo.person).post(
        f"/patients/{demo.patient.pk}/team/leave/", {"confirm": "leave"}
    )
    assert response.status_code == 403
