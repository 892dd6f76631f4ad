"""Resources are linked where they matter: a pain warning links to massage and to when to
call the therapist; the caregiver's home and the advanced stage link to caregiver support."""

from __future__ import annotations

from logbook_support import client_for, log_session

from alsmove.demo.seed import Demo

MASSAGE = 'href="/resources/massage/"'
CALL = 'href="/resources/when-to-call-your-therapist/"'


def test_the_pain_warning_after_a_quick_log_links_to_massage_and_the_therapist(
    demo: Demo,
) -> None:
    log = log_session(demo.patient, demo.person, pain_on="neck-forward-tilt", pain=6)
    html = (
        client_for(demo.person).get(f"/patients/{demo.patient.pk}/log/{log.pk}/").content.decode()
    )
    warning = html.split('id="warn-title"')[1].split("</section>")[0]
    assert "You felt pain (6 out of 10)" in warning
    assert MASSAGE in warning and CALL in warning


def test_a_log_without_warnings_shows_no_help_links(demo: Demo) -> None:
    log = log_session(demo.patient, demo.person)
    html = (
        client_for(demo.person).get(f"/patients/{demo.patient.pk}/log/{log.pk}/").content.decode()
    )
    assert "Please read this" not in html and MASSAGE not in html


def test_the_caregivers_home_links_to_caregiver_support_and_the_persons_does_not(
    demo: Demo,
) -> None:
    support = 'href="/resources/caregiver-support/"'
    assert support in client_for(demo.caregiver).get("/").content.decode()
    assert support not in client_for(demo.person).get("/").content.decode()


def _progress(demo: Demo, items: dict[str, int]) -> str:
    from django.utils import timezone

    from alsmove.assessments.models import Assessment
    from alsmove.assessments.services import record_assessment

    Assessment.objects.filter(patient=demo.patient).delete()
    record_assessment(
        patient=demo.patient, by=demo.therapist, taken_on=timezone.localdate(), items=items
    )
    page = client_for(demo.person).get(f"/patients/{demo.patient.pk}/progress/")
    return page.content.decode().split('id="stage-title"')[1].split("</section>")[0]


ITEMS = ("1", "2", "3", "4", "5a", "6", "7", "8", "9", "10", "11", "12")


def test_the_advanced_stage_links_to_caregiver_support_and_its_questions(demo: Demo) -> None:
    stage = _progress(demo, {item: 0 if item in ("6", "7", "8", "9") else 1 for item in ITEMS})
    assert "Functional stage V" in stage or "Functional stage VI" in stage
    assert 'href="/resources/caregiver-support/"' in stage
    assert 'href="/resources/questions-advanced-stage/"' in stage


def test_the_middle_stage_links_to_its_questions_and_not_to_caregiver_support(
    demo: Demo,
) -> None:
    # Full marks, but the demo's profile (a wheelchair user) places Sam at stage IV.
    stage = _progress(demo, dict.fromkeys(ITEMS, 4))
    assert "Functional stage IV" in stage
    assert 'href="/resources/questions-middle-stage/"' in stage
    assert "caregiver-support" not in stage
