"""The invitation services in `patients.invitations`, branch by branch: inviting,
accepting, declining, withdrawing and leaving. Each refusal changes nothing (and sends no
mail); each change is one audit entry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from team_support import audit_since, last_audit_id, refused

from alsmove.accounts.models import Role, User
from alsmove.demo.seed import Demo
from alsmove.patients.invitations import (
    DAILY_LIMIT,
    VALID_FOR,
    Sent,
    accept,
    decline,
    hash_token,
    invite,
    leave,
    withdraw,
)
from alsmove.patients.models import CareLink, Invitation, InvitationStatus, Permission, Relation
from alsmove.patients.signup import sign_up

pytestmark = pytest.mark.django_db

Capture = Callable[..., Any]  # pytest-django's django_capture_on_commit_callbacks


def _invite(demo: Demo, email: str = "friend@example.com", **fields: str) -> Sent:
    values = {"relation": Relation.CAREGIVER, "permission": Permission.VIEW, **fields}
    return invite(patient=demo.patient, by=demo.person, email=email, **values)


def _stored(sent: Sent) -> Invitation:
    return Invitation.objects.get(pk=sent.invitation.pk)


# Inviting.


def test_an_invitation_is_stored_audited_and_mailed_only_after_the_commit(
    demo: Demo, django_capture_on_commit_callbacks: Capture
) -> None:
    since = last_audit_id()
    with django_capture_on_commit_callbacks() as callbacks:
        sent = _invite(demo, "  Friend@Example.com ", permission=Permission.LOG)
        assert mail.outbox == []
    invitation = _stored(sent)
    assert invitation.email == "friend@example.com"
    assert invitation.invitee is None  # no account uses the address
    assert invitation.status == InvitationStatus.PENDING
    assert invitation.token_hash == hash_token(sent.token)
    assert timezone.now() + VALID_FOR - invitation.expires_at < timedelta(minutes=1)
    assert audit_since(since) == [
        ("member_invited", demo.person.pk, demo.patient.pk, "friend@example.com (caregiver, log)")
    ]
    assert len(callbacks) == 1
    callbacks[0]()
    assert [message.to for message in mail.outbox] == [["friend@example.com"]]
    assert sent.token in mail.outbox[0].body


def test_an_invitation_to_an_address_with_an_account_names_that_account(demo: Demo) -> None:
    sent = invite(
        patient=demo.patient,
        by=demo.therapist,
        email=demo.other_therapist.email,
        relation=Relation.THERAPIST,
        permission=Permission.EDIT_PLAN,
        consent_note="  Asked at the visit.  ",
    )
    invitation = _stored(sent)
    assert invitation.invitee == demo.other_therapist
    assert invitation.consent_note == "Asked at the visit."
    assert invitation.invited_by == demo.therapist


def test_a_new_invitation_to_the_same_address_withdraws_the_one_still_waiting(
    demo: Demo,
) -> None:
    first = _invite(demo)
    second = _invite(demo, permission=Permission.LOG)
    old = _stored(first)
    assert old.status == InvitationStatus.WITHDRAWN and old.answered_at is not None
    assert _stored(second).status == InvitationStatus.PENDING


@pytest.mark.parametrize(
    ("by", "fields", "field", "words"),
    [
        ("person", {"relation": "uncle"}, "relation", "caregiver or a therapist"),
        ("person", {"permission": "everything"}, "permission", "what they may do"),
        ("person", {"permission": Permission.EDIT_PLAN}, "permission", "Only a therapist"),
        ("therapist", {"consent_note": "   "}, "consent_note", "how the person agreed"),
    ],
)
def test_an_invitation_the_inviter_got_wrong_is_refused_naming_the_field_and_sends_nothing(
    demo: Demo,
    django_capture_on_commit_callbacks: Capture,
    by: str,
    fields: dict[str, str],
    field: str,
    words: str,
) -> None:
    values = {"relation": Relation.CAREGIVER, "permission": Permission.VIEW, **fields}
    with django_capture_on_commit_callbacks() as callbacks:
        error = refused(
            lambda: invite(
                patient=demo.patient, by=getattr(demo, by), email="friend@example.com", **values
            ),
            words,
        )
    assert error.field == field
    assert callbacks == []


def test_the_invitation_past_the_daily_limit_is_refused_and_sends_nothing(
    demo: Demo, django_capture_on_commit_callbacks: Capture
) -> None:
    for number in range(DAILY_LIMIT):
        _invite(demo, f"friend{number}@example.com")
    with django_capture_on_commit_callbacks() as callbacks:
        error = refused(lambda: _invite(demo, "one-more@example.com"), "Try again tomorrow")
    assert error.field is None
    assert callbacks == []


# Accepting.


def test_accepting_makes_the_link_the_invitation_offered_and_is_audited(demo: Demo) -> None:
    newcomer = sign_up(
        email="lee@example.com", full_name="Lee", password="x" * 12, role="caregiver"
    )
    sent = _invite(demo, "lee@example.com", permission=Permission.LOG)
    since = last_audit_id()
    link = accept(sent.invitation, user=newcomer, by_link=True)
    assert (link.member, link.relation, link.permission, link.added_by) == (
        newcomer,
        Relation.CAREGIVER,
        Permission.LOG,
        demo.person,
    )
    invitation = _stored(sent)
    assert invitation.status == InvitationStatus.ACCEPTED
    assert invitation.invitee == newcomer and invitation.care_link == link
    assert invitation.answered_at is not None
    assert audit_since(since) == [
        ("invitation_accepted", newcomer.pk, demo.patient.pk, "lee@example.com (log)")
    ]


def test_accepting_when_already_on_the_team_keeps_the_one_link_there_is(demo: Demo) -> None:
    existing = demo.patient.care_links.active().get(member=demo.caregiver)
    sent = _invite(demo, demo.caregiver.email)
    link = accept(sent.invitation, user=demo.caregiver, by_link=False)
    assert link == existing
    assert _stored(sent).care_link == existing
    assert CareLink.objects.filter(patient=demo.patient, member=demo.caregiver).count() == 1


def _answered(demo: Demo, status: str) -> Sent:
    sent = _invite(demo, demo.other_therapist.email, relation=Relation.THERAPIST)
    Invitation.objects.filter(pk=sent.invitation.pk).update(status=status)
    return sent


def _expired(demo: Demo) -> Sent:
    sent = _invite(demo, demo.other_therapist.email, relation=Relation.THERAPIST)
    Invitation.objects.filter(pk=sent.invitation.pk).update(expires_at=timezone.now())
    return sent


@pytest.mark.parametrize(
    "state", [InvitationStatus.ACCEPTED, InvitationStatus.DECLINED, InvitationStatus.WITHDRAWN]
)
@pytest.mark.parametrize("answer", [accept, decline])
def test_an_invitation_already_answered_cannot_be_answered_again(
    demo: Demo, state: str, answer: Callable[..., object]
) -> None:
    sent = _answered(demo, state)
    refused(
        lambda: answer(sent.invitation, user=demo.other_therapist, by_link=True),
        "already been answered",
    )


@pytest.mark.parametrize("answer", [accept, decline])
def test_an_expired_invitation_cannot_be_answered(
    demo: Demo, answer: Callable[..., object]
) -> None:
    sent = _expired(demo)
    refused(
        lambda: answer(sent.invitation, user=demo.other_therapist, by_link=True),
        "already been answered",
    )


@pytest.mark.parametrize("answer", [accept, decline])
def test_an_invitation_to_another_account_cannot_be_answered_even_with_the_link(
    demo: Demo, answer: Callable[..., object]
) -> None:
    sent = _invite(demo, demo.other_therapist.email, relation=Relation.THERAPIST)
    refused(
        lambda: answer(sent.invitation, user=demo.therapist, by_link=True),
        "another email address",
    )


@pytest.mark.parametrize("answer", [accept, decline])
@pytest.mark.parametrize(
    ("email", "by_link"), [("later@example.com", False), ("someone-else@example.com", True)]
)
def test_an_invitation_sent_before_the_account_existed_needs_the_link_and_the_address(
    demo: Demo, answer: Callable[..., object], email: str, by_link: bool
) -> None:
    sent = _invite(demo, "later@example.com")
    later = sign_up(email=email, full_name="Lee", password="x" * 12, role="caregiver")
    refused(lambda: answer(sent.invitation, user=later, by_link=by_link), "another email address")


def test_an_account_of_another_kind_than_the_invitation_asks_for_cannot_accept(
    demo: Demo,
) -> None:
    sent = _invite(demo, demo.other_therapist.email)  # asks for a caregiver
    refused(
        lambda: accept(sent.invitation, user=demo.other_therapist, by_link=False),
        "it asks for a caregiver",
    )


def test_an_account_that_was_switched_off_cannot_accept(demo: Demo) -> None:
    sent = _invite(demo, demo.other_therapist.email, relation=Relation.THERAPIST)
    User.objects.filter(pk=demo.other_therapist.pk).update(is_active=False)
    demo.other_therapist.refresh_from_db()
    refused(
        lambda: accept(sent.invitation, user=demo.other_therapist, by_link=False),
        "another kind of account",
    )


def test_the_owner_of_a_record_cannot_join_its_care_team_whatever_their_role(
    demo: Demo,
) -> None:
    sent = invite(
        patient=demo.patient,
        by=demo.therapist,
        email=demo.person.email,
        relation=Relation.CAREGIVER,
        permission=Permission.VIEW,
        consent_note="asked",
    )
    # An account whose role no longer says person (changed by hand, say) still owns it.
    User.objects.filter(pk=demo.person.pk).update(role=Role.CAREGIVER)
    demo.person.refresh_from_db()
    refused(lambda: accept(sent.invitation, user=demo.person, by_link=True), "your own record")


# Declining.


def test_declining_links_nobody_and_is_audited(demo: Demo) -> None:
    sent = _invite(demo, demo.other_therapist.email, relation=Relation.THERAPIST)
    since = last_audit_id()
    declined = decline(sent.invitation, user=demo.other_therapist, by_link=False)
    assert declined.status == InvitationStatus.DECLINED
    invitation = _stored(sent)
    assert invitation.status == InvitationStatus.DECLINED and invitation.answered_at is not None
    assert invitation.care_link is None
    assert not demo.patient.care_links.filter(member=demo.other_therapist).exists()
    assert audit_since(since) == [
        (
            "invitation_declined",
            demo.other_therapist.pk,
            demo.patient.pk,
            "other-therapist@example.org",
        )
    ]


# Withdrawing.


def test_withdrawing_a_waiting_invitation_is_audited(demo: Demo) -> None:
    sent = _invite(demo)
    since = last_audit_id()
    withdraw(patient=demo.patient, by=demo.person, invitation_id=sent.invitation.pk)
    invitation = _stored(sent)
    assert invitation.status == InvitationStatus.WITHDRAWN and invitation.answered_at is not None
    assert audit_since(since) == [
        ("invitation_withdrawn", demo.person.pk, demo.patient.pk, "friend@example.com")
    ]


@pytest.mark.parametrize("which", ["unknown", "answered", "another record's"])
def test_withdrawing_an_invitation_that_is_not_waiting_here_is_refused(
    demo: Demo, which: str
) -> None:
    if which == "another record's":
        sent = invite(
            patient=demo.other_patient,
            by=demo.other_person,
            email="friend@example.com",
            relation=Relation.CAREGIVER,
            permission=Permission.VIEW,
        )
        invitation_id = sent.invitation.pk
    else:
        sent = _answered(demo, InvitationStatus.DECLINED)
        invitation_id = sent.invitation.pk + (1 if which == "unknown" else 0)
    refused(
        lambda: withdraw(patient=demo.patient, by=demo.person, invitation_id=invitation_id),
        "no longer waiting",
    )


# Leaving.


def test_leaving_ends_ones_own_link_and_is_audited(demo: Demo) -> None:
    since = last_audit_id()
    link = leave(patient=demo.patient, user=demo.caregiver)
    link.refresh_from_db()
    assert link.revoked_at is not None and link.revoked_by == demo.caregiver
    assert audit_since(since) == [
        ("member_left", demo.caregiver.pk, demo.patient.pk, demo.caregiver.email)
    ]


@pytest.mark.parametrize("who", ["other_therapist", "person", "caregiver who left"])
def test_leaving_a_team_one_is_not_on_is_refused_and_changes_nothing(demo: Demo, who: str) -> None:
    if who == "caregiver who left":
        leave(patient=demo.patient, user=demo.caregiver)
        user = demo.caregiver
    else:
        user = getattr(demo, who)
    refused(lambda: leave(patient=demo.patient, user=user), "not on this care team")
