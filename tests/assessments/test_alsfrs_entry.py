from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone
from signin_support import sign_in

from alsmove.accounts.models import User
from alsmove.assessments.models import Assessment, AssessmentDraft, Source
from alsmove.demo.seed import Demo

ITEM_STEPS = ["1", "2", "3", "4", "tube", "5", "6", "7", "8", "9", "10", "11", "12"]


def _client(user: User) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def _answer_everything(client: Client, pid: int, score: str = "3", tube: str = "no") -> None:
    client.get(f"/patients/{pid}/alsfrs/new/")
    today = timezone.localdate().isoformat()
    client.post(f"/patients/{pid}/alsfrs/new/date/", {"taken_on": today})
    for step in ITEM_STEPS:
        answer = tube if step == "tube" else score
        response = client.post(f"/patients/{pid}/alsfrs/new/{step}/", {"answer": answer})
        assert response.status_code == 302, step


def test_a_person_enters_a_whole_assessment_one_question_at_a_time(demo: Demo) -> None:
    client = _client(demo.person)
    pid = demo.patient.pk
    before = Assessment.objects.filter(patient=demo.patient).count()
    _answer_everything(client, pid)
    review = client.get(f"/patients/{pid}/alsfrs/new/review/")
    assert b"36 out of 48" in review.content
    response = client.post(f"/patients/{pid}/alsfrs/new/review/")
    assert response.status_code == 302
    saved = Assessment.objects.filter(patient=demo.patient).latest("created_at")
    assert Assessment.objects.filter(patient=demo.patient).count() == before + 1
    assert saved.total == 36 and "5a" in saved.items and "5b" not in saved.items
    assert saved.source == Source.SELF_REPORT and saved.entered_by == demo.person


def test_a_feeding_tube_answer_stores_item_5b_instead_of_5a(demo: Demo) -> None:
    client = _client(demo.therapist)
    Assessment.objects.filter(patient=demo.patient, taken_on=timezone.localdate()).delete()
    _answer_everything(client, demo.patient.pk, score="2", tube="yes")
    client.post(f"/patients/{demo.patient.pk}/alsfrs/new/review/")
    saved = Assessment.objects.filter(patient=demo.patient).latest("created_at")
    assert "5b" in saved.items and "5a" not in saved.items
    assert saved.source == Source.CLINICIAN


def test_each_question_shows_five_large_answer_buttons_in_our_words(demo: Demo) -> None:
    client = _client(demo.person)
    pid = demo.patient.pk
    client.get(f"/patients/{pid}/alsfrs/new/")
    client.post(f"/patients/{pid}/alsfrs/new/date/", {"taken_on": timezone.localdate()})
    page = client.get(f"/patients/{pid}/alsfrs/new/1/").content.decode()
    assert page.count('name="answer"') == 5
    assert "Question 1 of 12" in page
    assert "I speak as I always have." in page


def test_an_answer_that_is_not_offered_keeps_the_draft_and_says_so(demo: Demo) -> None:
    client = _client(demo.person)
    pid = demo.patient.pk
    client.get(f"/patients/{pid}/alsfrs/new/")
    client.post(f"/patients/{pid}/alsfrs/new/date/", {"taken_on": timezone.localdate()})
    client.post(f"/patients/{pid}/alsfrs/new/1/", {"answer": "4"})
    response = client.post(f"/patients/{pid}/alsfrs/new/2/", {"answer": "5"})
    assert response.status_code == 200
    assert b"Choose one of the answers." in response.content
    assert AssessmentDraft.objects.get(patient_id=pid).answers == {"1": 4}


def test_a_date_in_the_future_or_before_onset_is_refused_in_words(demo: Demo) -> None:
    client = _client(demo.person)
    pid = demo.patient.pk
    client.get(f"/patients/{pid}/alsfrs/new/")
    future = timezone.localdate() + timedelta(days=3)
    response = client.post(f"/patients/{pid}/alsfrs/new/date/", {"taken_on": future})
    assert b"is in the future" in response.content
    early = demo.patient.onset_date - timedelta(days=1)
    response = client.post(f"/patients/{pid}/alsfrs/new/date/", {"taken_on": early})
    assert b"before the first symptoms" in response.content
    response = client.post(f"/patients/{pid}/alsfrs/new/date/", {"taken_on": "31/02/2020"})
    assert response.status_code == 200 and b"Enter a valid date." in response.content


def test_skipping_ahead_returns_to_the_first_unanswered_question(demo: Demo) -> None:
    client = _client(demo.person)
    pid = demo.patient.pk
    client.get(f"/patients/{pid}/alsfrs/new/")
    client.post(f"/patients/{pid}/alsfrs/new/date/", {"taken_on": timezone.localdate()})
    response = client.get(f"/patients/{pid}/alsfrs/new/review/")
    assert response["Location"].endswith("/alsfrs/new/1/")
    response = client.get(f"/patients/{pid}/alsfrs/new/5/")
    assert response["Location"].endswith("/alsfrs/new/tube/")
    assert client.get(f"/patients/{pid}/alsfrs/new/nonsense/").status_code == 404


def test_changing_a_past_record_keeps_the_old_version(demo: Demo) -> None:
    client = _client(demo.therapist)
    pid = demo.patient.pk
    old = demo.patient.assessments.current().order_by("taken_on").first()
    assert old is not None
    client.get(f"/patients/{pid}/alsfrs/new/?edit={old.pk}")
    client.post(f"/patients/{pid}/alsfrs/new/1/", {"answer": "2", "back_to_review": "1"})
    response = client.post(f"/patients/{pid}/alsfrs/new/review/")
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.superseded_at is not None
    new = demo.patient.assessments.current().get(taken_on=old.taken_on)
    assert new.replaces == old and new.items["1"] == 2
    history = client.get(f"/patients/{pid}/alsfrs/").content.decode()
    assert "Replaced on" in history


def test_a_second_record_on_the_same_day_is_refused_without_losing_answers(demo: Demo) -> None:
    client = _client(demo.person)
    pid = demo.patient.pk
    _answer_everything(client, pid)
    client.post(f"/patients/{pid}/alsfrs/new/review/")
    _answer_everything(client, pid, score="2")
    response = client.post(f"/patients/{pid}/alsfrs/new/review/")
    assert response.status_code == 200
    assert b"There is already a self-report for" in response.content
    assert AssessmentDraft.objects.get(patient_id=pid).answers["1"] == 2


def test_a_caregiver_with_view_only_access_cannot_enter_an_assessment(demo: Demo) -> None:
    link = demo.patient.care_links.active().get(member=demo.caregiver)
    link.permission = "view"
    link.save()
    client = _client(demo.caregiver)
    assert client.get(f"/patients/{demo.patient.pk}/alsfrs/new/").status_code == 403


def test_the_progress_page_shows_charts_stages_and_forecast_for_the_demo_person(
    demo: Demo,
) -> None:
    assert demo.patient.assessments.current().count() >= 6
    page = _client(demo.therapist).get(f"/patients/{demo.patient.pk}/progress/").content.decode()
    assert page.count("<svg") >= 5  # the total and the four areas
    assert "Functional stage" in page and "King's stage" in page and "MiToS stage" in page
    assert "Forecast" in page and "not a prognosis" in page
    assert "D50 model" in page
