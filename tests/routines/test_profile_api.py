"""The profile API: the same questions as the page, a bad value named, nothing lost."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client
from signin_support import sign_in

from alsmove.demo.seed import Demo
from alsmove.patients.models import FunctionalProfile


def _client(user: object) -> Client:
    client = Client()
    sign_in(client, user)  # type: ignore[arg-type]
    return client


def _put(client: Client, demo: Demo, body: dict[str, Any]) -> Any:
    return client.put(
        f"/api/v1/patients/{demo.patient.pk}/profile",
        data=json.dumps(body),
        content_type="application/json",
    )


def test_the_profile_reads_with_every_position_safety_field(demo: Demo) -> None:
    response = _client(demo.person).get(f"/api/v1/patients/{demo.patient.pk}/profile")
    assert response.status_code == 200
    profile = response.json()["profile"]
    for field in ("lies_flat_comfortably", "head_control", "trunk_control", "arm_hangs"):
        assert field in profile
    assert profile["foot_drop"] == "both" and profile["base"] == "wheelchair"


def test_a_change_keeps_every_field_it_does_not_name_and_proposes_a_routine(
    demo: Demo,
) -> None:
    before = FunctionalProfile.objects.get(patient=demo.patient)
    response = _put(_client(demo.person), demo, {"head_control": "tires", "falls_last_3_months": 1})
    assert response.status_code == 200, response.json()
    after = FunctionalProfile.objects.get(patient=demo.patient)
    assert (after.head_control, after.falls_last_3_months) == ("tires", 1)
    assert after.strength == before.strength and after.painful_joints == before.painful_joints
    assert after.minutes == before.minutes and after.caregiver_days == before.caregiver_days
    assert response.json()["routine_version"] is not None


def test_a_bad_value_is_named_and_nothing_is_saved(demo: Demo) -> None:
    before = FunctionalProfile.objects.get(patient=demo.patient)
    response = _put(_client(demo.person), demo, {"typical_fatigue": 12, "trunk_control": "wobbly"})
    assert response.status_code == 400
    body = response.json()
    assert set(body["errors"]) == {"typical_fatigue", "trunk_control"}
    assert body["detail"].startswith(("typical_fatigue:", "trunk_control:"))
    after = FunctionalProfile.objects.get(patient=demo.patient)
    assert (after.typical_fatigue, after.trunk_control) == (
        before.typical_fatigue,
        before.trunk_control,
    )


def test_the_therapists_fields_are_refused_by_name_to_anyone_else(demo: Demo) -> None:
    response = _put(_client(demo.person), demo, {"standing_cleared": True, "strength": {"neck": 5}})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"standing_cleared", "strength"}
    assert not FunctionalProfile.objects.get(patient=demo.patient).standing_cleared
    therapist = _put(
        _client(demo.therapist), demo, {"standing_cleared": True, "strength": {"neck": 2}}
    )
    assert therapist.status_code == 200, therapist.json()
    saved = FunctionalProfile.objects.get(patient=demo.patient)
    assert saved.standing_cleared and saved.strength["neck"] == 2


def test_an_unknown_field_or_muscle_is_named(demo: Demo) -> None:
    response = _put(_client(demo.therapist), demo, {"hed_control": "good", "strength": {"toes": 3}})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"hed_control", "strength.toes"}
