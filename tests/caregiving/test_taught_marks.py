"""Taught marks: only a therapist on the person's team who may write in the record marks
which skills a caregiver has been taught (who, when, by whom); refused users change
nothing; the caregiver's home page and the skill list show what was taught."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone
from signin_support import sign_in

from alsmove.caregiving.models import SkillTaught
from alsmove.caregiving.services import NotTeachable, mark_taught
from alsmove.demo.seed import Demo
from alsmove.patients.models import CareLink, Permission
from alsmove.patients.policy import Action, can

SKILL = "toilet-transfer"


def _client(user: object) -> Client:
    client = Client()
    sign_in(client, user)  # type: ignore[arg-type]
    return client


def _post(demo: Demo, user: object, **changes: object) -> int:
    data = {
        "caregiver": str(demo.caregiver.pk),
        "skill": SKILL,
        "taught_on": timezone.localdate().isoformat(),
    }
    data.update({k: str(v) for k, v in changes.items()})
    response = _client(user).post(f"/patients/{demo.patient.pk}/skills/taught/", data)
    return response.status_code


def _rows() -> list[tuple[object, ...]]:
    return list(SkillTaught.objects.values_list("skill", "caregiver", "taught_on", "taught_by"))


def test_the_demo_caregiver_has_been_taught_two_skills_by_the_therapist(demo: Demo) -> None:
    marks = SkillTaught.objects.filter(patient=demo.patient, caregiver=demo.caregiver)
    assert marks.count() == 2
    assert {m.taught_by for m in marks} == {demo.therapist}


def test_the_therapist_marks_a_skill_as_taught_and_it_is_shown(demo: Demo) -> None:
    assert _post(demo, demo.therapist) == 302
    mark = SkillTaught.objects.get(patient=demo.patient, caregiver=demo.caregiver, skill=SKILL)
    assert mark.taught_by == demo.therapist and mark.taught_on == timezone.localdate()
    listing = _client(demo.person).get(f"/patients/{demo.patient.pk}/skills/").content.decode()
    assert "Alex Rivera, on" in listing and "by Tess Morgan" in listing


def test_the_caregivers_home_shows_what_they_were_taught(demo: Demo) -> None:
    _post(demo, demo.therapist)
    html = _client(demo.caregiver).get("/").content.decode()
    assert "Skills you have been taught" in html
    assert "Toilet transfer" in html and "Sit to stand with a gait belt" in html
    assert "by Tess Morgan" in html
    assert f"/patients/{demo.patient.pk}/skills/{SKILL}/" in html


def test_the_persons_own_home_does_not_list_skills_as_theirs(demo: Demo) -> None:
    html = _client(demo.person).get("/").content.decode()
    assert "Skills you have been taught" not in html


def test_marking_again_records_the_newer_date_not_a_second_mark(demo: Demo) -> None:
    earlier = timezone.localdate() - timedelta(days=10)
    assert _post(demo, demo.therapist, taught_on=earlier.isoformat()) == 302
    assert _post(demo, demo.therapist) == 302
    marks = SkillTaught.objects.filter(patient=demo.patient, skill=SKILL)
    assert [m.taught_on for m in marks] == [timezone.localdate()]


@pytest.mark.parametrize("who", ["caregiver", "person", "other_therapist", "admin", "viewer"])
def test_only_a_therapist_who_may_write_marks_a_skill_and_a_refusal_changes_nothing(
    demo: Demo, who: str
) -> None:
    if who == "viewer":  # the team's therapist, with the right to look only
        CareLink.objects.filter(patient=demo.patient, member=demo.therapist).update(
            permission=Permission.VIEW
        )
        user = demo.therapist
    else:
        user = getattr(demo, who)
    before = _rows()
    assert _post(demo, user) in (403, 404)
    assert _rows() == before
    assert not can(user, demo.patient, Action.TEACH_SKILLS)


def test_a_caregiver_with_the_right_to_log_still_may_not_mark(demo: Demo) -> None:
    assert can(demo.caregiver, demo.patient, Action.LOG)
    with pytest.raises(PermissionDenied):
        mark_taught(
            patient=demo.patient,
            by=demo.caregiver,
            caregiver_id=demo.caregiver.pk,
            skill=SKILL,
            taught_on=timezone.localdate(),
        )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"taught_on": "2999-01-01"}, "in the future"),
        ({"taught_on": "1850-01-01"}, "before 1900"),
        ({"taught_on": "not a date"}, "Enter a valid date"),
        ({"skill": "juggling"}, "Select a valid choice"),
        ({"caregiver": "999999"}, "Select a valid choice"),
        ({"caregiver": "therapist"}, "Select a valid choice"),
    ],
)
def test_a_bad_mark_is_refused_with_a_message_and_stores_nothing(
    demo: Demo, changes: dict[str, str], message: str
) -> None:
    before = _rows()
    data = {
        "caregiver": str(demo.caregiver.pk),
        "skill": SKILL,
        "taught_on": timezone.localdate().isoformat(),
        **changes,
    }
    response = _client(demo.therapist).post(f"/patients/{demo.patient.pk}/skills/taught/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _rows() == before


def test_a_skill_is_taught_only_to_a_caregiver_on_the_team(demo: Demo) -> None:
    with pytest.raises(NotTeachable):
        mark_taught(
            patient=demo.patient,
            by=demo.therapist,
            caregiver_id=demo.person.pk,  # the person is not their own caregiver
            skill=SKILL,
            taught_on=timezone.localdate(),
        )
    link = CareLink.objects.get(patient=demo.patient, member=demo.caregiver)
    link.revoked_at = timezone.now()
    link.save()
    with pytest.raises(NotTeachable):
        mark_taught(
            patient=demo.patient,
            by=demo.therapist,
            caregiver_id=demo.caregiver.pk,
            skill=SKILL,
            taught_on=timezone.localdate(),
        )


def test_a_get_on_the_marking_address_changes_nothing(demo: Demo) -> None:
    before = _rows()
    response = _client(demo.therapist).get(f"/patients/{demo.patient.pk}/skills/taught/")
    assert response.status_code == 405
    assert _rows() == before


def _untaught(demo: Demo, user: object, mark_id: int) -> int:
    url = f"/patients/{demo.patient.pk}/skills/taught/{mark_id}/withdraw/"
    return _client(user).post(url).status_code


def test_the_therapist_takes_back_a_mark_and_it_is_audited(demo: Demo) -> None:
    from alsmove.accounts.models import AuditEvent

    mark = SkillTaught.objects.filter(patient=demo.patient).first()
    assert mark is not None
    assert _untaught(demo, demo.therapist, mark.pk) == 302
    assert not SkillTaught.objects.filter(pk=mark.pk).exists()
    event = AuditEvent.objects.get(action="skill_unmarked")
    assert event.actor == demo.therapist and mark.skill in event.detail
    home = _client(demo.caregiver).get("/").content.decode()
    assert SkillTaught.objects.filter(patient=demo.patient).count() == 1
    assert "Skills you have been taught" in home


@pytest.mark.parametrize("who", ["person", "caregiver", "other_therapist", "admin"])
def test_no_one_else_takes_back_a_mark_and_nothing_changes(demo: Demo, who: str) -> None:
    mark = SkillTaught.objects.filter(patient=demo.patient).first()
    assert mark is not None
    before = _rows()
    assert _untaught(demo, getattr(demo, who), mark.pk) in (403, 404)
    assert _rows() == before


def test_a_mark_of_another_record_or_gone_is_not_found(demo: Demo) -> None:
    assert _untaught(demo, demo.therapist, 999999) == 404
    assert _client(demo.therapist).get(f"/patients/{demo.patient.pk}/skills/").status_code == 200
    assert (
        "Take back this mark"
        in _client(demo.therapist).get(f"/patients/{demo.patient.pk}/skills/").content.decode()
    )
