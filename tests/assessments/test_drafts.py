"""ALSFRS-R drafts are kept on the server: "Stop for now" keeps the answers, any device
can continue where it stopped, and a caregiver can finish the person's entry."""

from __future__ import annotations

from django.test import Client
from django.utils import timezone
from signin_support import sign_in

from alsmove.accounts.models import User
from alsmove.assessments.models import Assessment, AssessmentDraft, Source
from alsmove.demo.seed import Demo

STEPS = ["1", "2", "3", "4", "tube", "5", "6", "7", "8", "9", "10", "11", "12"]


def _client(user: User) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def _begin(client: Client, pid: int, answers: int) -> None:
    client.get(f"/patients/{pid}/alsfrs/new/?fresh=1")
    client.post(f"/patients/{pid}/alsfrs/new/date/", {"taken_on": timezone.localdate()})
    for step in STEPS[:answers]:
        answer = "no" if step == "tube" else "3"
        assert (
            client.post(f"/patients/{pid}/alsfrs/new/{step}/", {"answer": answer}).status_code
            == 302
        )


def test_stopping_keeps_the_answers_and_offers_to_continue_on_another_device(
    demo: Demo,
) -> None:
    pid = demo.patient.pk
    _begin(_client(demo.person), pid, answers=3)
    other_device = _client(demo.person)  # a new browser session: nothing in it
    page = other_device.get(f"/patients/{pid}/alsfrs/new/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Continue where you stopped" in text and "3 of 12 questions are answered" in text
    assert f"/patients/{pid}/alsfrs/new/4/" in text
    progress = other_device.get(f"/patients/{pid}/progress/").content.decode()
    assert "Continue where you stopped" in progress
    question = other_device.get(f"/patients/{pid}/alsfrs/new/4/")
    assert question.status_code == 200


def test_starting_again_forgets_the_stopped_answers(demo: Demo) -> None:
    pid = demo.patient.pk
    client = _client(demo.person)
    _begin(client, pid, answers=3)
    again = client.get(f"/patients/{pid}/alsfrs/new/?fresh=1")
    assert again.status_code == 302
    assert AssessmentDraft.objects.get(patient_id=pid).answers == {}


def test_a_caregiver_finishes_the_persons_entry_with_the_persons_name_shown(
    demo: Demo,
) -> None:
    pid = demo.patient.pk
    _begin(_client(demo.person), pid, answers=5)  # questions 1-4 and the tube question
    caregiver = _client(demo.caregiver)
    offer = caregiver.get(f"/patients/{pid}/alsfrs/new/").content.decode()
    assert "An assessment for Sam Rivera is waiting" in offer
    assert "Sam Rivera began it" in offer
    question = caregiver.get(f"/patients/{pid}/alsfrs/new/5/").content.decode()
    assert "for Sam Rivera" in question
    for step in STEPS[5:]:
        assert (
            caregiver.post(f"/patients/{pid}/alsfrs/new/{step}/", {"answer": "2"}).status_code
            == 302
        )
    review = caregiver.get(f"/patients/{pid}/alsfrs/new/review/").content.decode()
    assert "for Sam Rivera" in review
    before = Assessment.objects.filter(patient_id=pid).count()
    assert caregiver.post(f"/patients/{pid}/alsfrs/new/review/").status_code == 302
    saved = Assessment.objects.filter(patient_id=pid).latest("created_at")
    assert Assessment.objects.filter(patient_id=pid).count() == before + 1
    assert saved.entered_by == demo.caregiver and saved.source == Source.SELF_REPORT
    assert saved.items["1"] == 3 and saved.items["12"] == 2
    assert not AssessmentDraft.objects.filter(patient_id=pid).exists()


def test_a_therapists_draft_is_kept_apart_from_the_persons(demo: Demo) -> None:
    pid = demo.patient.pk
    _begin(_client(demo.person), pid, answers=2)
    therapist = _client(demo.therapist)
    # The therapist's own rating starts fresh: no "continue" offer of the self-report.
    assert therapist.get(f"/patients/{pid}/alsfrs/new/").status_code == 302
    assert AssessmentDraft.objects.filter(patient_id=pid).count() == 2
