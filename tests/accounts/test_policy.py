from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from alsmove.accounts.models import AuditEvent
from alsmove.demo.seed import Demo
from alsmove.patients.policy import (
    Action,
    allowed_actions,
    can,
    require,
    require_with_actions,
    visible_patients,
)
from alsmove.patients.services import revoke_member


def test_the_person_owns_their_record_but_does_not_approve_their_own_plan(demo: Demo) -> None:
    actions = allowed_actions(demo.person, demo.patient)
    assert Action.VIEW in actions and Action.MANAGE_TEAM in actions
    assert Action.EDIT_PLAN not in actions


def test_a_caregiver_with_log_permission_may_view_and_log_only(demo: Demo) -> None:
    # Logging includes keeping the equipment plan's statuses (ordered, delivered...).
    assert allowed_actions(demo.caregiver, demo.patient) == {
        Action.VIEW,
        Action.LOG,
        Action.LEAVE_TEAM,
        Action.CORRECT_SELF_REPORT,
        Action.CALENDAR_FEED,  # a calendar link of their own (docs/data-export.md)
        Action.CHANGE_EQUIPMENT,
    }


def test_only_a_linked_therapist_who_may_log_rates_as_a_clinician(demo: Demo) -> None:
    assert can(demo.therapist, demo.patient, Action.RATE_AS_CLINICIAN)
    assert not can(demo.therapist, demo.patient, Action.CORRECT_SELF_REPORT)
    for user in (demo.person, demo.caregiver, demo.other_therapist, demo.admin):
        assert not can(user, demo.patient, Action.RATE_AS_CLINICIAN), user
    link = demo.patient.care_links.active().get(member=demo.therapist)
    link.permission = "view"
    link.save()
    assert not can(demo.therapist, demo.patient, Action.RATE_AS_CLINICIAN)


def test_a_pending_invitation_grants_nothing(demo: Demo) -> None:
    from alsmove.patients.invitations import invite

    invite(
        patient=demo.patient,
        by=demo.person,
        email=demo.other_therapist.email,
        relation="therapist",
        permission="edit_plan",
    )
    assert allowed_actions(demo.other_therapist, demo.patient) == frozenset()
    assert demo.patient not in visible_patients(demo.other_therapist)
    with pytest.raises(Http404):
        require(demo.other_therapist, demo.patient.pk, Action.VIEW)


def test_the_person_may_not_leave_their_own_record(demo: Demo) -> None:
    assert Action.LEAVE_TEAM not in allowed_actions(demo.person, demo.patient)


def test_a_linked_therapist_may_edit_the_plan_and_manage_the_team(demo: Demo) -> None:
    assert can(demo.therapist, demo.patient, Action.EDIT_PLAN)
    assert can(demo.therapist, demo.patient, Action.MANAGE_TEAM)


@pytest.mark.parametrize("who", ["other_therapist", "other_person", "admin"])
def test_people_without_a_link_get_nothing(demo: Demo, who: str) -> None:
    user = getattr(demo, who)
    assert allowed_actions(user, demo.patient) == frozenset()
    assert demo.patient not in visible_patients(user)


def test_an_anonymous_visitor_gets_nothing(demo: Demo) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert allowed_actions(AnonymousUser(), demo.patient) == frozenset()
    assert not visible_patients(AnonymousUser()).exists()


def test_a_revoked_link_loses_access_at_once(demo: Demo) -> None:
    link = demo.patient.care_links.active().get(member=demo.caregiver)
    revoke_member(patient=demo.patient, by=demo.person, link_id=link.pk)
    assert allowed_actions(demo.caregiver, demo.patient) == frozenset()
    assert AuditEvent.objects.filter(action="member_revoked", patient=demo.patient).exists()


def test_an_unknown_action_is_refused(demo: Demo) -> None:
    assert not can(demo.person, demo.patient, "delete_everything")  # type: ignore[arg-type]


def test_require_hides_records_from_strangers_and_audits_it(demo: Demo) -> None:
    with pytest.raises(Http404):
        require(demo.other_therapist, demo.patient.pk, Action.VIEW)
    assert AuditEvent.objects.filter(actor=demo.other_therapist, action="refused").exists()


def test_require_says_forbidden_to_team_members_who_lack_the_right(demo: Demo) -> None:
    with pytest.raises(PermissionDenied):
        require(demo.caregiver, demo.patient.pk, Action.EDIT_PLAN)


def test_require_treats_a_malformed_id_as_missing(demo: Demo) -> None:
    with pytest.raises(Http404):
        require(demo.person, "not-a-number", Action.VIEW)


@pytest.mark.parametrize("who", ["person", "caregiver", "therapist"])
def test_require_hands_over_the_same_rights_allowed_actions_reads(demo: Demo, who: str) -> None:
    user = getattr(demo, who)
    for permission in ("view", "log", "edit_plan"):
        demo.patient.care_links.active().exclude(member=demo.person).update(permission=permission)
        patient, actions = require_with_actions(user, demo.patient.pk, Action.VIEW)
        assert patient == demo.patient
        assert actions == allowed_actions(user, demo.patient) != frozenset()


def test_require_with_actions_refuses_as_require_does(demo: Demo) -> None:
    link = demo.patient.care_links.active().get(member=demo.caregiver)
    with pytest.raises(PermissionDenied):
        require_with_actions(demo.caregiver, demo.patient.pk, Action.EDIT_PLAN)
    revoke_member(patient=demo.patient, by=demo.person, link_id=link.pk)
    for user in (demo.caregiver, demo.other_therapist, demo.admin):
        with pytest.raises(Http404):
            require_with_actions(user, demo.patient.pk, Action.VIEW)
    with pytest.raises(Http404):
        require_with_actions(demo.person, "not-a-number", Action.VIEW)


@pytest.mark.parametrize("permission", ["view", "log", "edit_plan"])
def test_only_the_person_answers_about_their_feelings_and_only_therapists_read_what_is_shared(
    demo: Demo, permission: str
) -> None:
    from alsmove.patients.models import CareLink

    CareLink.objects.filter(patient=demo.patient).update(permission=permission)
    assert can(demo.person, demo.patient, Action.ANSWER_FEELINGS)
    assert can(demo.person, demo.patient, Action.SEE_SHARED_FEELINGS)
    assert not can(demo.therapist, demo.patient, Action.ANSWER_FEELINGS)
    assert can(demo.therapist, demo.patient, Action.SEE_SHARED_FEELINGS)
    assert not can(demo.caregiver, demo.patient, Action.ANSWER_FEELINGS)
    assert not can(demo.caregiver, demo.patient, Action.SEE_SHARED_FEELINGS)
    assert not can(demo.other_therapist, demo.patient, Action.SEE_SHARED_FEELINGS)


def test_equipment_statuses_are_kept_by_the_person_helpers_who_log_and_therapists(
    demo: Demo,
) -> None:
    for user in (demo.person, demo.caregiver, demo.therapist):
        assert can(user, demo.patient, Action.CHANGE_EQUIPMENT)
    for user in (demo.other_therapist, demo.other_person, demo.admin):
        assert not can(user, demo.patient, Action.CHANGE_EQUIPMENT)


def test_only_a_linked_therapist_who_may_log_adds_equipment(demo: Demo) -> None:
    assert can(demo.therapist, demo.patient, Action.ADD_EQUIPMENT)
    for user in (demo.person, demo.caregiver, demo.other_therapist, demo.admin):
        assert not can(user, demo.patient, Action.ADD_EQUIPMENT)


def test_a_therapist_who_may_only_view_neither_adds_equipment_nor_changes_it(demo: Demo) -> None:
    from alsmove.patients.models import CareLink, Permission

    CareLink.objects.filter(patient=demo.patient, member=demo.therapist).update(
        permission=Permission.VIEW
    )
    assert can(demo.therapist, demo.patient, Action.VIEW)
    assert not can(demo.therapist, demo.patient, Action.CHANGE_EQUIPMENT)
    assert not can(demo.therapist, demo.patient, Action.ADD_EQUIPMENT)


def test_a_helper_who_may_change_the_plan_keeps_statuses_but_adds_nothing(demo: Demo) -> None:
    from alsmove.patients.models import CareLink, Permission

    CareLink.objects.filter(patient=demo.patient, member=demo.caregiver).update(
        permission=Permission.EDIT_PLAN
    )
    assert can(demo.caregiver, demo.patient, Action.CHANGE_EQUIPMENT)
    assert not can(demo.caregiver, demo.patient, Action.ADD_EQUIPMENT)
