"""The logbook API: logs and check-ins stored once by client id, alerts, overwork."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from logbook_support import client_for, log_session, make_user
from signin_support import sign_in

from alsmove.accounts.models import Role
from alsmove.core.overwork import result_to_json
from alsmove.demo.seed import Demo
from alsmove.logbook.models import Alert, CheckIn, SessionLog
from alsmove.logbook.services import evaluate
from alsmove.patients.models import CareLink, Permission, Relation

A, B = "neck-forward-tilt", "ankle-pumps"


def _url(demo: Demo, rest: str) -> str:
    return f"/api/v1/patients/{demo.patient.pk}/{rest}"


def _post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def _log(**fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "client_id": str(uuid.uuid4()),
        "exercises": [
            {"exercise": A, "status": "done", "pain": 0},
            {"exercise": B, "status": "partly", "pain": 0},
        ],
        "fatigue": 3,
    }
    body.update(fields)
    return body


def test_a_log_is_stored_with_201_and_a_repeat_answers_200_with_the_same_log(
    demo: Demo,
) -> None:
    client = client_for(demo.person)
    body = _log(note="  Felt good  ")
    first = _post(client, _url(demo, "logs"), body)
    assert first.status_code == 201, first.content
    saved = first.json()
    assert saved["warnings"] == []
    log = saved["log"]
    assert log["client_id"] == body["client_id"] and log["date"] == str(timezone.localdate())
    assert [(e["exercise"], e["status"]) for e in log["exercises"]] == [
        (A, "done"),
        (B, "partly"),
    ]
    assert log["note"] == "Felt good" and log["entered_by"] == demo.person.full_name
    again = _post(client, _url(demo, "logs"), body)
    assert again.status_code == 200
    assert again.json()["log"]["id"] == log["id"]
    assert SessionLog.objects.filter(patient=demo.patient).count() == 1


def test_each_exercise_keeps_its_own_pain_so_a_mild_ache_is_not_flagged(demo: Demo) -> None:
    body = _log(
        exercises=[
            {"exercise": A, "status": "done", "pain": 2},
            {"exercise": B, "status": "skipped", "pain": 6},
        ]
    )
    response = _post(client_for(demo.caregiver), _url(demo, "logs"), body)
    assert response.status_code == 201
    saved = response.json()
    assert {e["exercise"]: e["pain"] for e in saved["log"]["exercises"]} == {A: 2, B: 6}
    assert saved["log"]["pain"] == 6
    [warning] = saved["warnings"]
    assert warning["rule"] == "OVERWORK-PAIN-01"
    assert "(6 out of 10) during Ankle pumps." in warning["text"]
    assert list(Alert.objects.filter(patient=demo.patient).values_list("exercise", flat=True)) == [
        B
    ]


def test_a_log_for_an_earlier_day_is_judged_on_that_day(demo: Demo) -> None:
    day = timezone.localdate() - timedelta(days=2)
    body = _log(date=str(day), fatigue=9)
    response = _post(client_for(demo.person), _url(demo, "logs"), body)
    assert response.status_code == 201
    assert response.json()["log"]["date"] == str(day)
    assert [w["rule"] for w in response.json()["warnings"]] == ["OVERWORK-FATIGUE-01"]
    assert Alert.objects.get(patient=demo.patient).day == day


@pytest.mark.parametrize(
    ("change", "status", "words"),
    [
        ({"date": "2999-01-01"}, 400, "future"),
        (
            {"exercises": [{"exercise": "made-up-move", "status": "done", "pain": 0}]},
            400,
            "made-up",
        ),
        ({"fatigue": 11}, 422, "not valid"),
        ({"exercises": [{"exercise": A, "status": "maybe", "pain": 0}]}, 422, "not valid"),
        ({"client_id": "not-a-uuid"}, 422, "not valid"),
    ],
)
def test_a_bad_log_is_refused_in_words_and_nothing_is_stored(
    demo: Demo, change: dict[str, Any], status: int, words: str
) -> None:
    response = _post(client_for(demo.person), _url(demo, "logs"), _log(**change))
    assert response.status_code == status
    assert words in response.json()["detail"]
    assert not SessionLog.objects.filter(patient=demo.patient).exists()


def test_an_exercise_listed_twice_is_refused(demo: Demo) -> None:
    body = _log(exercises=[{"exercise": A, "status": "done", "pain": 0}] * 2)
    response = _post(client_for(demo.person), _url(demo, "logs"), body)
    assert response.status_code == 400
    assert "twice" in response.json()["detail"]


def test_a_client_id_used_by_another_record_is_a_conflict(demo: Demo) -> None:
    other = log_session(demo.other_patient, demo.other_person)
    response = _post(
        client_for(demo.person), _url(demo, "logs"), _log(client_id=str(other.client_id))
    )
    assert response.status_code == 409
    assert SessionLog.objects.filter(patient=demo.patient).count() == 0


def test_the_logs_are_listed_newest_first(demo: Demo) -> None:
    client = client_for(demo.therapist)
    older = log_session(demo.patient, demo.person, day=timezone.localdate() - timedelta(days=1))
    newer = log_session(demo.patient, demo.caregiver)
    listed = client.get(_url(demo, "logs")).json()
    assert [entry["id"] for entry in listed] == [newer.pk, older.pk]
    assert listed[0]["entered_by"] == demo.caregiver.full_name
    assert len(client.get(_url(demo, "logs?limit=1")).json()) == 1


def test_a_check_in_is_stored_once_and_feeling_weaker_raises_an_alert(demo: Demo) -> None:
    session = log_session(demo.patient, demo.person)
    client = client_for(demo.person)
    body = {
        "client_id": str(uuid.uuid4()),
        "kind": "after_30_min",
        "session_id": session.pk,
        "weaker": True,
    }
    first = _post(client, _url(demo, "checkins"), body)
    assert first.status_code == 201, first.content
    saved = first.json()
    assert saved["checkin"]["weaker"] and saved["checkin"]["session_id"] == session.pk
    assert [w["rule"] for w in saved["warnings"]] == ["OVERWORK-WEAKER-01"]
    again = _post(client, _url(demo, "checkins"), body)
    assert again.status_code == 200 and again.json()["checkin"]["id"] == saved["checkin"]["id"]
    assert CheckIn.objects.filter(patient=demo.patient).count() == 1

    listed = client.get(_url(demo, "checkins")).json()
    assert [c["kind"] for c in listed] == ["after_30_min"]
    alerts = client_for(demo.therapist).get(_url(demo, "alerts")).json()
    assert [a["rule"] for a in alerts] == ["OVERWORK-WEAKER-01"]
    assert alerts[0]["text"].startswith("You felt weaker") and alerts[0]["acknowledged_at"] is None
    overwork = client.get(_url(demo, "overwork")).json()
    assert overwork["easing"]["active"] is True
    assert overwork["easing"]["rules"] == ["OVERWORK-WEAKER-01"]


def test_a_check_in_about_another_records_session_is_refused(demo: Demo) -> None:
    other = log_session(demo.other_patient, demo.other_person)
    body = {"client_id": str(uuid.uuid4()), "kind": "next_day", "session_id": other.pk}
    response = _post(client_for(demo.person), _url(demo, "checkins"), body)
    assert response.status_code == 400
    assert not CheckIn.objects.exists()


def test_open_alerts_leave_out_the_acknowledged_ones(demo: Demo) -> None:
    _post(client_for(demo.person), _url(demo, "logs"), _log(fatigue=9))
    Alert.objects.filter(patient=demo.patient).update(acknowledged_at=timezone.now())
    client = client_for(demo.therapist)
    assert len(client.get(_url(demo, "alerts")).json()) == 1
    assert client.get(_url(demo, "alerts?open_only=true")).json() == []


def test_the_overwork_judgement_has_the_cores_shape_as_of_today(demo: Demo) -> None:
    log_session(demo.patient, demo.person, pain_on=A, pain=5)
    body = client_for(demo.person).get(_url(demo, "overwork")).json()
    assert body == result_to_json(evaluate(demo.patient, timezone.localdate()))
    assert body["flags"] == [{"exercise": A, "rule": "OVERWORK-PAIN-01", "status": "flagged"}]


def test_a_caregiver_who_may_only_read_can_read_but_not_log(demo: Demo) -> None:
    reader = make_user("reader@example.org", "Rae Reader", Role.CAREGIVER)
    CareLink.objects.create(
        patient=demo.patient, member=reader, relation=Relation.CAREGIVER, permission=Permission.VIEW
    )
    client = client_for(reader)
    for rest in ("logs", "checkins", "alerts", "overwork"):
        assert client.get(_url(demo, rest)).status_code == 200
    assert _post(client, _url(demo, "logs"), _log()).status_code == 403
    body = {"client_id": str(uuid.uuid4()), "kind": "after_30_min", "weaker": True}
    assert _post(client, _url(demo, "checkins"), body).status_code == 403
    assert not SessionLog.objects.exists() and not CheckIn.objects.exists()


def test_an_unrelated_therapist_is_refused_every_logbook_route(demo: Demo) -> None:
    log_session(demo.patient, demo.person)
    client = client_for(demo.other_therapist)
    for rest in ("logs", "checkins", "alerts", "overwork"):
        response = client.get(_url(demo, rest))
        assert response.status_code == 404
        assert demo.patient.display_name not in response.content.decode()
    assert _post(client, _url(demo, "logs"), _log()).status_code == 404
    body = {"client_id": str(uuid.uuid4()), "kind": "after_30_min", "weaker": True}
    assert _post(client, _url(demo, "checkins"), body).status_code == 404
    assert SessionLog.objects.filter(patient=demo.patient).count() == 1
    assert not CheckIn.objects.exists()


def test_the_routes_and_their_refusals_are_in_the_openapi_document(demo: Demo) -> None:
    client = Client()
    sign_in(client, demo.therapist)  # the document is for signed-in accounts
    spec = client.get("/api/v1/openapi.json").json()
    logs = spec["paths"]["/api/v1/patients/{patient_id}/logs"]
    assert {"200", "201", "400", "401", "403", "404", "409", "422"} <= set(
        logs["post"]["responses"]
    )
    for rest in ("checkins", "alerts", "overwork"):
        assert f"/api/v1/patients/{{patient_id}}/{rest}" in spec["paths"]
