"""The printable "Questions for my next visit": the person's own recent data, through the
access policy."""

from __future__ import annotations

from logbook_support import client_for, log_session, make_user

from alsmove.demo.seed import Demo


def test_the_person_sees_their_recent_pain_and_the_stage_questions(demo: Demo) -> None:
    log_session(demo.patient, demo.person, pain_on="neck-forward-tilt", pain=6)
    html = client_for(demo.person).get(f"/patients/{demo.patient.pk}/questions/").content
    text = html.decode()
    assert "Pain 6 out of 10 during Neck forward tilt" in text
    assert "Questions for your care team in the middle stage" in text
    assert "When to call your therapist" in text
    assert "@media print" not in text  # the print rules live in the stylesheet (CSP)


def test_the_resources_page_links_a_person_to_their_own_questions(demo: Demo) -> None:
    html = client_for(demo.person).get("/resources/").content.decode()
    assert f'href="/patients/{demo.patient.pk}/questions/"' in html
    assert "/questions/" not in client_for(demo.therapist).get("/resources/").content.decode()


def test_someone_outside_the_care_team_is_told_the_record_does_not_exist(demo: Demo) -> None:
    stranger = make_user("stranger@example.com", "Stranger", "caregiver")
    response = client_for(stranger).get(f"/patients/{demo.patient.pk}/questions/")
    assert response.status_code == 404
