"""Removing someone from a care team asks first, naming them, and can be undone for a day."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from signin_support import sign_in

from alsmove.accounts.models import AuditEvent
from alsmove.demo.seed import Demo
from alsmove.patients.models import CareLink
from alsmove.patients.services import TeamError, restore_member


def _client(user: object) -> Client:
    client = Client()
    sign_in(client, user)  # type: ignore[arg-type]
    return client


def _caregiver_link(demo: Demo) -> CareLink:
    return demo.patient.care_links.active().get(member=demo.caregiver)


def test_removing_asks_first_naming_the_member_and_changes_nothing_until_confirmed(
    demo: Demo,
) -> None:
    link = _caregiver_link(demo)
    client = _client(demo.person)
    team = client.get(f"/patients/{demo.patient.pk}/team/").content.decode()
    assert f'href="/patients/{demo.patient.pk}/team/{link.pk}/revoke/"' in team
    page = client.get(f"/patients/{demo.patient.pk}/team/{link.pk}/revoke/").content.decode()
    assert "Remove Alex Rivera from the care team of Sam Rivera?" in page
    assert "Yes, remove Alex Rivera" in page
    link.refresh_from_db()
    assert link.revoked_at is None


def test_a_removal_names_who_was_removed_and_is_undone_with_the_same_rights(demo: Demo) -> None:
    link = _caregiver_link(demo)
    client = _client(demo.person)
    url = f"/patients/{demo.patient.pk}/team/{link.pk}/revoke/"
    page = client.post(url, follow=True).content.decode()
    assert "Alex Rivera no longer has access to this record." in page
    assert "Undo: add Alex Rivera back" in page
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert _client(demo.caregiver).get(f"/patients/{demo.patient.pk}/").status_code == 404
    back = client.post(f"/patients/{demo.patient.pk}/team/{link.pk}/restore/", follow=True)
    assert "Alex Rivera is back on the care team." in back.content.decode()
    link.refresh_from_db()
    assert link.revoked_at is None and link.permission == "log"
    assert _client(demo.caregiver).get(f"/patients/{demo.patient.pk}/").status_code == 200
    assert AuditEvent.objects.filter(action="member_restored", patient=demo.patient).exists()
    assert "Undo: add" not in back.content.decode()


def test_a_removal_older_than_a_day_is_not_undone(demo: Demo) -> None:
    link = _caregiver_link(demo)
    link.revoked_at = timezone.now() - timedelta(hours=25)
    link.save(update_fields=["revoked_at"])
    with pytest.raises(TeamError, match="too old to undo"):
        restore_member(patient=demo.patient, by=demo.person, link_id=link.pk)
    team = _client(demo.person).get(f"/patients/{demo.patient.pk}/team/").content.decode()
    assert "Undo: add Alex Rivera back" not in team


def test_only_someone_who_manages_the_team_can_undo_a_removal(demo: Demo) -> None:
    link = _caregiver_link(demo)
    _client(demo.person).post(f"/patients/{demo.patient.pk}/team/{link.pk}/revoke/")
    for user in (demo.caregiver, demo.other_therapist, demo.admin):
        response = _client(user).post(f"/patients/{demo.patient.pk}/team/{link.pk}/restore/")
        assert response.status_code in (403, 404)
    link.refresh_from_db()
    assert link.revoked_at is not None
