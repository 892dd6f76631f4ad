"""Check-ins: one question, one selection; due 30 minutes after a session and the next day."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from logbook_support import client_for, log_session, make_user

from alsmove.accounts.models import Role
from alsmove.demo.seed import Demo
from alsmove.logbook.models import Alert, CheckIn, SessionLog
from alsmove.logbook.services import due_checkins, record_checkin
from alsmove.logbook.today import todays_session
from alsmove.patients.clock import now_for
from alsmove.patients.models import CareLink, Permission, Relation

WEAKER = "OVERWORK-WEAKER-01"


def _url(demo: Demo, kind: str = "after_30_min") -> str:
    return f"/patients/{demo.patient.pk}/checkin/{kind}/"


def _answer(
    client: Client,
    demo: Demo,
    kind: str,
    answer: str,
    session_id: int,
    client_id: uuid.UUID | None = None,
) -> Any:
    return client.post(
        _url(demo, kind),
        {"client_id": str(client_id or uuid.uuid4()), "session": session_id, "answer": answer},
    )


@pytest.fixture
def logged_31_min_ago(demo: Demo) -> SessionLog:
    return log_session(demo.patient, demo.person, created_at=timezone.now() - timedelta(minutes=31))


def test_the_after_session_check_in_is_due_30_minutes_after_a_logged_session(
    demo: Demo,
) -> None:
    # Noon on the person's clock, so the ten minutes below never cross midnight (a run at
    # 23:55 once found the next day's question due as well).
    now = now_for(demo.patient).replace(hour=12, minute=0, second=0, microsecond=0)
    log = log_session(
        demo.patient, demo.person, day=now.date(), created_at=now - timedelta(minutes=20)
    )
    assert due_checkins(demo.patient, now) == []
    due = due_checkins(demo.patient, now + timedelta(minutes=10))
    assert [(d.kind, d.session.pk) for d in due] == [("after_30_min", log.pk)]


def test_the_next_day_check_in_is_due_the_day_after_a_session_and_only_then(demo: Demo) -> None:
    now = timezone.now()
    yesterday = timezone.localdate(now) - timedelta(days=1)
    log = log_session(demo.patient, demo.person, day=yesterday, created_at=now - timedelta(days=1))
    kinds = {d.kind: d.session.pk for d in due_checkins(demo.patient, now)}
    assert kinds == {"after_30_min": log.pk, "next_day": log.pk}
    assert due_checkins(demo.patient, now + timedelta(days=1)) == []


def test_an_answered_check_in_is_no_longer_due(demo: Demo, logged_31_min_ago: SessionLog) -> None:
    record_checkin(
        patient=demo.patient,
        by=demo.person,
        client_id=uuid.uuid4(),
        kind="after_30_min",
        day=timezone.localdate(),
        session=logged_31_min_ago,
    )
    assert due_checkins(demo.patient, timezone.now()) == []


def test_the_question_is_one_screen_with_two_large_buttons(
    demo: Demo, logged_31_min_ago: SessionLog
) -> None:
    response = client_for(demo.person).get(_url(demo))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Do you feel weaker than before you exercised?" in html
    assert html.count('name="answer"') == 2
    assert "button-huge" in html
    assert f'name="session" value="{logged_31_min_ago.pk}"' in html


def test_the_next_day_question_is_still_one_selection(demo: Demo) -> None:
    yesterday = timezone.localdate() - timedelta(days=1)
    log_session(demo.patient, demo.person, day=yesterday)
    html = client_for(demo.person).get(_url(demo, "next_day")).content.decode()
    for label in ("No, I feel fine", "Sore muscles", "Heavy limbs", "Both"):
        assert label in html
    assert html.count('name="answer"') == 4


def test_a_doubled_check_in_is_stored_once(demo: Demo, logged_31_min_ago: SessionLog) -> None:
    client = client_for(demo.person)
    client_id = uuid.uuid4()
    first = _answer(client, demo, "after_30_min", "not_weaker", logged_31_min_ago.pk, client_id)
    second = _answer(client, demo, "after_30_min", "not_weaker", logged_31_min_ago.pk, client_id)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert CheckIn.objects.filter(patient=demo.patient).count() == 1


def test_a_second_answer_from_another_tab_keeps_the_first(
    demo: Demo, logged_31_min_ago: SessionLog
) -> None:
    client = client_for(demo.person)
    _answer(client, demo, "after_30_min", "not_weaker", logged_31_min_ago.pk)
    _answer(client, demo, "after_30_min", "weaker", logged_31_min_ago.pk)
    stored = CheckIn.objects.get(patient=demo.patient)
    assert stored.weaker is False


def test_feeling_weaker_after_30_minutes_eases_the_next_session_and_alerts_the_team(
    demo: Demo, logged_31_min_ago: SessionLog
) -> None:
    assert todays_session(demo.patient).eased is False
    response = _answer(
        client_for(demo.person), demo, "after_30_min", "weaker", logged_31_min_ago.pk
    )
    checkin = CheckIn.objects.get(patient=demo.patient)
    assert checkin.weaker and checkin.session == logged_31_min_ago
    assert checkin.entered_by == demo.person
    assert todays_session(demo.patient).eased is True
    alert = Alert.objects.get(patient=demo.patient, rule=WEAKER)
    assert alert.acknowledged_at is None

    page = client_for(demo.person).get(response["Location"])
    html = page.content.decode()
    assert "You felt weaker, not stronger, after exercising." in html
    assert "Call your therapist" in html
    assert WEAKER not in html  # a person reads the words, not the rule id


def test_not_feeling_weaker_gives_no_warning(demo: Demo, logged_31_min_ago: SessionLog) -> None:
    response = _answer(
        client_for(demo.person), demo, "after_30_min", "not_weaker", logged_31_min_ago.pk
    )
    html = client_for(demo.person).get(response["Location"]).content.decode()
    assert "No sign of doing too much" in html
    assert not Alert.objects.filter(patient=demo.patient).exists()
    assert todays_session(demo.patient).eased is False


def test_both_next_day_signs_are_stored_from_one_selection(demo: Demo) -> None:
    yesterday = timezone.localdate() - timedelta(days=1)
    log = log_session(demo.patient, demo.person, day=yesterday)
    response = _answer(client_for(demo.caregiver), demo, "next_day", "both", log.pk)
    checkin = CheckIn.objects.get(patient=demo.patient, kind="next_day")
    assert (checkin.soreness, checkin.heaviness, checkin.weaker) == (True, True, False)
    assert checkin.entered_by == demo.caregiver
    rules = set(Alert.objects.filter(patient=demo.patient).values_list("rule", flat=True))
    assert rules == {"OVERWORK-SORE-01", "OVERWORK-HEAVY-01"}
    html = client_for(demo.caregiver).get(response["Location"]).content.decode()
    assert "You were still sore a day after exercising." in html


def test_with_nothing_due_the_page_says_so_and_offers_no_question(demo: Demo) -> None:
    html = client_for(demo.person).get(_url(demo)).content.decode()
    assert "There is nothing to answer right now." in html
    assert 'name="answer"' not in html


def test_a_session_of_another_record_is_refused_and_nothing_is_stored(demo: Demo) -> None:
    other = log_session(demo.other_patient, demo.other_person)
    response = _answer(client_for(demo.person), demo, "after_30_min", "weaker", other.pk)
    assert response.status_code == 200
    assert "That session is not in this record." in response.content.decode()
    assert not CheckIn.objects.exists()


def test_an_unknown_kind_of_check_in_is_not_found(demo: Demo) -> None:
    assert client_for(demo.person).get(_url(demo, "next_week")).status_code == 404


def test_an_unrelated_therapist_is_refused_every_check_in(
    demo: Demo, logged_31_min_ago: SessionLog
) -> None:
    client = client_for(demo.other_therapist)
    for kind in ("after_30_min", "next_day"):
        assert client.get(_url(demo, kind)).status_code == 404
        response = _answer(client, demo, kind, "weaker", logged_31_min_ago.pk)
        assert response.status_code == 404
    assert not CheckIn.objects.exists()


def test_a_caregiver_who_may_only_read_cannot_answer(
    demo: Demo, logged_31_min_ago: SessionLog
) -> None:
    reader = make_user("reader@example.org", "Rae Reader", Role.CAREGIVER)
    CareLink.objects.create(
        patient=demo.patient, member=reader, relation=Relation.CAREGIVER, permission=Permission.VIEW
    )
    client = client_for(reader)
    assert client.get(_url(demo)).status_code == 403
    assert _answer(client, demo, "after_30_min", "weaker", logged_31_min_ago.pk).status_code == 403
    home = client.get("/").content.decode()
    assert "Do you feel weaker" not in home


# ---- the home page ---------------------------------------------------------------------


def test_the_home_page_puts_a_due_check_in_first_and_answering_takes_one_post(
    demo: Demo, logged_31_min_ago: SessionLog
) -> None:
    client = client_for(demo.person)
    html = client.get("/").content.decode()
    assert "Do you feel weaker than before you exercised?" in html
    assert html.index("Do you feel weaker") < html.index("Your record")
    # The form on the home page posts straight to the check-in: one press answers it.
    assert f'action="{_url(demo)}"' in html
    client_id = html.split('name="client_id" value="')[1].split('"')[0]
    response = client.post(
        _url(demo),
        {"client_id": client_id, "session": logged_31_min_ago.pk, "answer": "not_weaker"},
    )
    assert response.status_code == 302
    assert CheckIn.objects.filter(patient=demo.patient, client_id=client_id).exists()
    assert "Do you feel weaker" not in client.get("/").content.decode()


def test_a_caregiver_who_logs_sees_the_check_in_and_the_therapist_does_not(
    demo: Demo, logged_31_min_ago: SessionLog
) -> None:
    caregiver = client_for(demo.caregiver).get("/").content.decode()
    assert "Do you feel weaker than before you exercised?" in caregiver
    assert f"Ask {demo.patient.display_name}" in caregiver
    therapist = client_for(demo.therapist).get("/").content.decode()
    assert "Do you feel weaker" not in therapist


def test_the_home_page_starts_with_todays_session_until_it_is_logged(demo: Demo) -> None:
    session_url = f"/patients/{demo.patient.pk}/session/"
    for user in (demo.person, demo.caregiver):
        html = client_for(user).get("/").content.decode()
        assert "Start today&#x27;s session" in html or "Start today's session" in html
        assert f'href="{session_url}"' in html
    log = log_session(demo.patient, demo.person)
    for user in (demo.person, demo.caregiver):
        html = client_for(user).get("/").content.decode()
        assert f'href="{session_url}"' not in html
        assert "session is logged" in html
        assert f'href="/patients/{demo.patient.pk}/log/{log.pk}/"' in html


def test_the_person_sees_today_before_the_links_to_their_record(demo: Demo) -> None:
    html = client_for(demo.person).get("/").content.decode()
    assert html.index(f"/patients/{demo.patient.pk}/session/") < html.index("Your record")


def test_a_post_without_an_answer_asks_again_and_keeps_the_same_client_id(
    demo: Demo, logged_31_min_ago: SessionLog
) -> None:
    client_id = str(uuid.uuid4())
    response = client_for(demo.person).post(
        _url(demo), {"client_id": client_id, "session": logged_31_min_ago.pk}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose one of the answers." in html
    assert f'value="{client_id}"' in html
    assert not CheckIn.objects.exists()
