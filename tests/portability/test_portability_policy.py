"""The policy's new actions fail closed."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from alsmove.accounts.models import User
from alsmove.demo.seed import Demo
from alsmove.patients.policy import Action, allowed_actions, require_clinic


def test_only_the_person_may_export_or_delete_and_a_caregiver_may_make_a_calendar_link(
    demo: Demo,
) -> None:
    person = allowed_actions(demo.person, demo.patient)
    caregiver = allowed_actions(demo.caregiver, demo.patient)
    therapist = allowed_actions(demo.therapist, demo.patient)
    assert {Action.EXPORT_RECORD, Action.DELETE_RECORD, Action.CALENDAR_FEED} <= person
    assert Action.CALENDAR_FEED in caregiver
    assert not {Action.EXPORT_RECORD, Action.DELETE_RECORD} & (caregiver | therapist)
    assert Action.CALENDAR_FEED not in therapist
    assert Action.IMPORT_RECORDS not in person | caregiver | therapist


def test_a_clinic_import_is_for_an_active_administrator_of_a_clinic_only(demo: Demo) -> None:
    assert require_clinic(demo.admin, Action.IMPORT_RECORDS) == demo.riverside
    for user in (demo.person, demo.caregiver, demo.therapist, AnonymousUser(), None):
        with pytest.raises(PermissionDenied):
            require_clinic(user, Action.IMPORT_RECORDS)
    with pytest.raises(PermissionDenied):
        require_clinic(demo.admin, Action.VIEW)  # not a clinic action
    with pytest.raises(PermissionDenied):
        require_clinic(demo.admin, "import_records")  # type: ignore[arg-type]
    User.objects.filter(pk=demo.admin.pk).update(is_active=False)
    demo.admin.refresh_from_db()
    with pytest.raises(PermissionDenied):
        require_clinic(demo.admin, Action.IMPORT_RECORDS)
    loose = User.objects.create_user("loose-admin@example.org", full_name="L", role="admin")
    with pytest.raises(PermissionDenied):
        require_clinic(loose, Action.IMPORT_RECORDS)
