"""The optional "How have you been feeling?": offered to the person at most once a week,
never required; a low answer shows support and a crisis line; the therapist is told only
when the person says yes."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from logbook_support import client_for, log_session

from alsmove.accounts.models import AuditEvent
from alsmove.demo.seed import Demo
from alsmove.logbook.feelings import offer_due, record_feeling
from alsmove.logbook.models import Alert, CheckIn, FeelingCheckIn
from alsmove.patients.clock import today_for
from alsmove.patients.models import CareLink, Patient, Relation

SHARED = "FEELING-SHARED-01"
QUESTION = "How have you been feeling?"


def _url(demo: Demo) -> str:
    return f"/patients/{demo.patient.pk}/feeling/"


def _answer(client: Client, demo: Demo, answer: str, client_id: uuid.UUID | None = None) -> Any:
    return client.post(_url(demo), {"client_id": str(client_id or uuid.uuid4()), "answer": answer})


def _answer_low(demo: Demo) -> tuple[Client, FeelingCheckIn]:
    client = client_for(demo.person)
    response = _answer(client, demo, "low")
    assert response.status_code == 302
    return client, FeelingCheckIn.objects.get(patient=demo.patient)


def _share(client: Client, demo: Demo, feeling: FeelingCheckIn, tell: str) -> Any:
    url = f"/patients/{demo.patient.pk}/feeling/{feeling.pk}/share/"
    return client.post(url, {"tell": tell})


def _what_the_team_sees(demo: Demo) -> list[str]:
    """Every page and API answer where a therapist or caregiver could meet an alert."""
    seen = []
    for user in (demo.therapist, demo.caregiver):
        client = client_for(user)
        seen.append(client.get(f"/patients/{demo.patient.pk}/alerts/").content.decode())
        seen.append(client.get("/").content.decode())
        seen.append(client.get(f"/api/v1/patients/{demo.patient.pk}/alerts").content.decode())
    seen.append(client_for(demo.therapist).get("/caseload/").content.decode())
    return seen


def test_the_person_is_offered_the_question_on_their_home_page(demo: Demo) -> None:
    page = client_for(demo.person).get("/").content.decode()
    assert QUESTION in page
    for label in ("Good", "Up and down", "Low", "Not now"):
        assert f">{label}</button>" in page


def test_a_caregiver_is_never_asked_about_the_persons_feelings(demo: Demo) -> None:
    caregiver = client_for(demo.caregiver)
    assert QUESTION not in caregiver.get("/").content.decode()
    assert caregiver.get(_url(demo)).status_code == 403
    assert _answer(caregiver, demo, "low").status_code == 403
    assert client_for(demo.therapist).get(_url(demo)).status_code == 403
    assert not FeelingCheckIn.objects.exists()


def test_the_check_in_works_without_the_feeling_question(demo: Demo) -> None:
    log = log_session(demo.patient, demo.person, created_at=timezone.now() - timedelta(minutes=31))
    client = client_for(demo.person)
    response = client.post(
        f"/patients/{demo.patient.pk}/checkin/after_30_min/",
        {"client_id": str(uuid.uuid4()), "session": log.pk, "answer": "not_weaker"},
    )
    assert response.status_code == 302
    assert CheckIn.objects.filter(session=log).count() == 1
    assert not FeelingCheckIn.objects.exists()
    # The weekly question stays an offer beside it; the check-in never waits for it.
    assert "Thank you, your answer is saved" in client.get(response["Location"]).content.decode()


def test_not_now_sets_the_question_aside_for_a_week_without_an_answer(demo: Demo) -> None:
    client = client_for(demo.person)
    response = _answer(client, demo, "skipped")
    assert response.status_code == 302 and response["Location"] == "/"
    stored = FeelingCheckIn.objects.get(patient=demo.patient)
    assert stored.answer == "skipped" and stored.tell_therapist is None
    home = client.get("/").content.decode()
    assert QUESTION not in home
    assert "We will not ask again for a week." in home
    week_later = timezone.now() + timedelta(days=7)
    assert offer_due(demo.patient, week_later)
    assert not offer_due(demo.patient, week_later - timedelta(days=1))


def test_the_question_is_offered_at_most_once_a_week_whatever_the_answer(demo: Demo) -> None:
    _answer(client_for(demo.person), demo, "good")
    assert not offer_due(demo.patient)
    assert QUESTION not in client_for(demo.person).get("/").content.decode()
    FeelingCheckIn.objects.update(day=today_for(demo.patient) - timedelta(days=7))
    assert QUESTION in client_for(demo.person).get("/").content.decode()


def test_a_resent_answer_is_stored_once(demo: Demo) -> None:
    client = client_for(demo.person)
    same = uuid.uuid4()
    first = _answer(client, demo, "low", same)
    second = _answer(client, demo, "low", same)
    assert first["Location"] == second["Location"]
    assert FeelingCheckIn.objects.count() == 1


def test_an_answer_from_another_record_with_the_same_client_id_is_refused(demo: Demo) -> None:
    same = uuid.uuid4()
    record_feeling(patient=demo.patient, client_id=same, answer="good", day=today_for(demo.patient))
    theirs = Patient.objects.get(user=demo.other_person)
    response = client_for(demo.other_person).post(
        f"/patients/{theirs.pk}/feeling/", {"client_id": str(same), "answer": "low"}
    )
    assert response.status_code == 200
    assert "another record" in response.content.decode()
    assert FeelingCheckIn.objects.filter(patient=theirs).count() == 0


@pytest.mark.parametrize("junk", ["", "terrible", "skipped'--"])
def test_an_unknown_answer_gets_a_clear_message_and_stores_nothing(demo: Demo, junk: str) -> None:
    response = _answer(client_for(demo.person), demo, junk)
    assert response.status_code == 200
    assert "Choose one of the answers, or “Not now”." in response.content.decode()
    assert not FeelingCheckIn.objects.exists()


def test_a_low_answer_links_to_emotional_support_and_gives_a_crisis_line(demo: Demo) -> None:
    client, feeling = _answer_low(demo)
    page = client.get(f"{_url(demo)}?saved={feeling.pk}").content.decode()
    assert "Feeling low is common" in page
    assert "/resources/feeling-low/" in page
    assert "/resources/counselling/" in page
    assert "/resources/support-groups/" in page
    assert "call your local emergency number now" in page
    assert "Would you like your therapist to know?" in page
    assert "Yes, tell my therapist" in page and "No, keep it to myself" in page
    # Asking is not telling: nothing has reached the team yet.
    assert not Alert.objects.filter(rule=SHARED).exists()


def test_a_good_answer_asks_nothing_more_and_a_mixed_one_links_to_support(demo: Demo) -> None:
    client = client_for(demo.person)
    good = client.get(_answer(client, demo, "good")["Location"]).content.decode()
    assert "Would you like your therapist to know?" not in good
    assert "call your local emergency number" not in good
    mixed = client.get(_answer(client, demo, "mixed")["Location"]).content.decode()
    assert "/resources/feeling-low/" in mixed
    assert "Would you like your therapist to know?" not in mixed


def test_after_no_the_therapist_and_the_caregiver_see_nothing(demo: Demo) -> None:
    client, feeling = _answer_low(demo)
    before = list(Alert.objects.values_list("pk", flat=True))
    response = _share(client, demo, feeling, "no")
    assert response.status_code == 302
    feeling.refresh_from_db()
    assert feeling.tell_therapist is False
    assert list(Alert.objects.values_list("pk", flat=True)) == before
    assert not AuditEvent.objects.filter(action="feeling_shared").exists()
    for page in _what_the_team_sees(demo):
        assert "asked that you know" not in page and "Answered “Low”" not in page
        assert SHARED not in page
    result = client.get(response["Location"]).content.decode()
    assert "You said no, so no one has been told." in result


def test_after_yes_only_the_therapist_is_told(demo: Demo) -> None:
    client, feeling = _answer_low(demo)
    response = _share(client, demo, feeling, "yes")
    assert response.status_code == 302
    alert = Alert.objects.get(patient=demo.patient, rule=SHARED)
    assert alert.acknowledged_at is None
    assert AuditEvent.objects.filter(action="feeling_shared", actor=demo.person).count() == 1
    therapist = client_for(demo.therapist)
    inbox = therapist.get(f"/patients/{demo.patient.pk}/alerts/").content.decode()
    assert "Feeling low, and asked that you know" in inbox
    assert "What the person chose to tell you:" in inbox
    assert demo.patient.display_name in therapist.get("/").content.decode()
    api = therapist.get(f"/api/v1/patients/{demo.patient.pk}/alerts").json()
    assert [a["rule"] for a in api if a["rule"] == SHARED] == [SHARED]
    # A caregiver on the team sees the record's other alerts, not this one.
    caregiver = client_for(demo.caregiver)
    page = caregiver.get(f"/patients/{demo.patient.pk}/alerts/").content.decode()
    assert "asked that you know" not in page and "Answered “Low”" not in page
    api = caregiver.get(f"/api/v1/patients/{demo.patient.pk}/alerts").json()
    assert SHARED not in {a["rule"] for a in api}
    # The person reads what was passed on.
    result = client.get(response["Location"]).content.decode()
    assert "Your therapist will know" in result and "Tess Morgan" in result


def test_the_therapist_acknowledges_a_shared_feeling_like_any_alert(demo: Demo) -> None:
    client, feeling = _answer_low(demo)
    _share(client, demo, feeling, "yes")
    alert = Alert.objects.get(rule=SHARED)
    response = client_for(demo.therapist).post(
        f"/patients/{demo.patient.pk}/alerts/{alert.pk}/acknowledge/",
        {"note": "Called Sam; we talked about the clinic's counsellor."},
    )
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.acknowledged_by == demo.therapist


def test_a_caregiver_who_may_plan_cannot_acknowledge_a_shared_feeling(demo: Demo) -> None:
    client, feeling = _answer_low(demo)
    _share(client, demo, feeling, "yes")
    alert = Alert.objects.get(rule=SHARED)
    CareLink.objects.filter(patient=demo.patient, member=demo.caregiver).update(
        permission="edit_plan"
    )
    response = client_for(demo.caregiver).post(
        f"/patients/{demo.patient.pk}/alerts/{alert.pk}/acknowledge/", {"note": "seen"}
    )
    assert response.status_code == 404
    alert.refresh_from_db()
    assert alert.acknowledged_at is None


def test_yes_twice_raises_one_alert_and_no_after_yes_takes_nothing_back(demo: Demo) -> None:
    client, feeling = _answer_low(demo)
    _share(client, demo, feeling, "yes")
    _share(client, demo, feeling, "yes")
    _share(client, demo, feeling, "no")
    feeling.refresh_from_db()
    assert feeling.tell_therapist is True
    assert Alert.objects.filter(rule=SHARED).count() == 1
    assert AuditEvent.objects.filter(action="feeling_shared").count() == 1


def test_a_no_can_become_a_yes(demo: Demo) -> None:
    client, feeling = _answer_low(demo)
    _share(client, demo, feeling, "no")
    _share(client, demo, feeling, "yes")
    assert Alert.objects.filter(rule=SHARED).count() == 1


def test_only_a_low_answer_can_be_passed_on(demo: Demo) -> None:
    client = client_for(demo.person)
    _answer(client, demo, "good")
    feeling = FeelingCheckIn.objects.get()
    response = _share(client, demo, feeling, "yes")
    assert response.status_code == 200
    assert "There is nothing to pass on for this answer." in response.content.decode()
    assert not Alert.objects.filter(rule=SHARED).exists()


def test_without_a_therapist_on_the_team_no_one_is_offered_to_be_told(demo: Demo) -> None:
    CareLink.objects.filter(patient=demo.patient, relation=Relation.THERAPIST).update(
        revoked_at=timezone.now()
    )
    client, feeling = _answer_low(demo)
    page = client.get(f"{_url(demo)}?saved={feeling.pk}").content.decode()
    assert "Would you like your therapist to know?" not in page
    assert "No therapist is on your care team" in page
    assert "call your local emergency number now" in page
