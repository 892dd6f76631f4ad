from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from signin_support import sign_in

from alsmove.core.library import Exercise, Position
from alsmove.core.safety import exclusion
from alsmove.demo.seed import Demo
from alsmove.exercises.services import exercise_library
from alsmove.patients.models import FunctionalProfile
from alsmove.routines.models import RoutinePlan, Status

# Needs a helper; the profile below has none, so SAFE-CAREGIVER-01 refuses it.
HELPER_EXERCISE = "passive-shoulder-flexion"


def _client(user: object) -> Client:
    client = Client()
    sign_in(client, user)  # type: ignore[arg-type]
    return client


def _post(client: Client, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def _url(demo: Demo, rest: str = "") -> str:
    return f"/api/v1/patients/{demo.patient.pk}/routine{rest}"


@pytest.fixture
def fresh(demo: Demo) -> Demo:
    """The demo record before anyone filled in the functional profile (whatever the seed
    holds), so each test starts from the same place."""
    RoutinePlan.objects.filter(patient=demo.patient).delete()
    FunctionalProfile.objects.filter(patient=demo.patient).delete()
    return demo


@pytest.fixture
def profiled(fresh: Demo) -> Demo:
    demo = fresh
    FunctionalProfile.objects.create(
        patient=demo.patient,
        standing="with_support",
        walking="with_aid",
        sitting_balance="good",
        floor_transfer=False,
        can_lie_down=True,
        caregiver_available=False,
        minutes=20,
        updated_by=demo.therapist,
    )
    return demo


@pytest.fixture
def proposed(profiled: Demo) -> Demo:
    response = _post(_client(profiled.therapist), _url(profiled, "/propose"))
    assert response.status_code == 201, response.content
    return profiled


def test_the_therapist_proposes_a_routine_the_person_can_read_before_review(
    profiled: Demo,
) -> None:
    therapist = _client(profiled.therapist)
    response = _post(therapist, _url(profiled, "/propose"))
    assert response.status_code == 201
    created = response.json()
    assert created["version"] == 1 and created["status"] == "proposed"
    assert created["why"] == "Asked for by Tess Morgan."

    routine = _client(profiled.person).get(_url(profiled, "?day=2")).json()
    assert routine["version"] == 1 and routine["status"] == "proposed"
    assert routine["reviewed_by"] is None and routine["pending_version"] is None
    assert routine["day"] == 2 and routine["items"]
    assert set(routine["items"][0]) == {
        "exercise",
        "position",
        "performer",
        "sides",
        "hold_seconds",
        "reps",
        "reasons",
    }
    assert 0 < routine["minutes"] <= 20
    for item in routine["items"]:
        for reason in item["reasons"]:
            # Rendered for a person: the parameters are filled in.
            assert reason["rule"] and reason["text"] and "{" not in reason["text"]
    assert all(set(out) == {"exercise", "rule", "reason"} for out in routine["excluded"])
    assert any(out["rule"] == "SAFE-CAREGIVER-01" for out in routine["excluded"])


def test_each_day_has_its_own_items_and_a_day_outside_the_week_is_refused(
    proposed: Demo,
) -> None:
    person = _client(proposed.person)
    plan = RoutinePlan.objects.get(patient=proposed.patient, version=1)
    for day in (0, 6):
        routine = person.get(_url(proposed, f"?day={day}")).json()
        assert [i["exercise"] for i in routine["items"]] == [
            i["exercise"] for i in plan.items_for_day(day)
        ]
    assert person.get(_url(proposed, "?day=7")).status_code == 422


def test_the_therapist_changes_repetitions_in_a_new_version(proposed: Demo) -> None:
    therapist = _client(proposed.therapist)
    first = RoutinePlan.objects.get(patient=proposed.patient, version=1).items[0]
    response = _post(
        therapist,
        _url(proposed, "/1/edit"),
        {"changes": [{"exercise": first["exercise"], "reps": 3}]},
    )
    assert response.status_code == 201
    assert response.json()["version"] == 2
    assert response.json()["why"] == "Edited by Tess Morgan from version 1."
    revised = RoutinePlan.objects.get(patient=proposed.patient, version=2)
    assert next(i for i in revised.items if i["exercise"] == first["exercise"])["reps"] == 3
    old = RoutinePlan.objects.get(patient=proposed.patient, version=1)
    assert old.status == Status.SUPERSEDED and old.items[0]["reps"] == first["reps"]


def test_the_therapist_removes_an_exercise(proposed: Demo) -> None:
    therapist = _client(proposed.therapist)
    first = RoutinePlan.objects.get(patient=proposed.patient, version=1).items[0]
    response = _post(
        therapist,
        _url(proposed, "/1/edit"),
        {"changes": [{"exercise": first["exercise"], "remove": True}]},
    )
    assert response.status_code == 201
    revised = RoutinePlan.objects.get(patient=proposed.patient, version=2)
    assert first["exercise"] not in {i["exercise"] for i in revised.items}


def test_adding_an_unsafe_exercise_is_refused_with_the_rules_words(proposed: Demo) -> None:
    therapist = _client(proposed.therapist)
    response = _post(therapist, _url(proposed, "/1/edit"), {"add": HELPER_EXERCISE})
    assert response.status_code == 400
    assert "needs a helper" in response.json()["detail"]
    assert "Do not try it alone" in response.json()["detail"]
    assert RoutinePlan.objects.filter(patient=proposed.patient).count() == 1


def _addable(demo: Demo, plan: RoutinePlan) -> Exercise:
    """A gentle exercise, safe in every position it offers, meant for the plan's stage."""
    in_plan = {i["exercise"] for i in plan.items}
    person = FunctionalProfile.objects.get(patient=demo.patient).to_core()
    return next(
        e
        for e in sorted(exercise_library(), key=lambda e: e.id)
        if e.id not in in_plan
        and exclusion(e, person) is None
        and plan.stage in e.stages
        and e.kind.value in ("stretch", "active")
        and Position.STANDING not in e.positions
    )


def test_a_safe_exercise_the_therapist_adds_says_who_added_it(proposed: Demo) -> None:
    plan = RoutinePlan.objects.get(patient=proposed.patient, version=1)
    safe = _addable(proposed, plan)
    # Make room: the day's minutes are never exceeded, even by the therapist's addition.
    keep = {i["exercise"] for i in plan.items_for_day(3)[:2]}
    room = [
        {"exercise": i["exercise"], "remove": True} for i in plan.items if i["exercise"] not in keep
    ]
    response = _post(
        _client(proposed.therapist), _url(proposed, "/1/edit"), {"add": safe.id, "changes": room}
    )
    assert response.status_code == 201, response.json()
    revised = RoutinePlan.objects.get(patient=proposed.patient, version=2)
    added = next(i for i in revised.items if i["exercise"] == safe.id)
    assert added["days"] == list(range(7))
    assert added["position"] in [p.value for p in safe.positions]
    assert added["reasons"][0]["rule"] == "THERAPIST-ADD-01"
    routine = _client(proposed.person).get(_url(proposed, "?day=3")).json()
    assert routine["items"][-1]["exercise"] == safe.id
    assert routine["items"][-1]["reasons"] == [
        {"rule": "THERAPIST-ADD-01", "text": "Added by your therapist."}
    ]


def test_an_addition_that_would_overrun_the_day_is_refused_with_the_new_total(
    proposed: Demo,
) -> None:
    plan = RoutinePlan.objects.get(patient=proposed.patient, version=1)
    safe = _addable(proposed, plan)
    minutes = FunctionalProfile.objects.get(patient=proposed.patient).minutes
    fullest = max(range(7), key=lambda d: sum(i["minutes"] for i in plan.items_for_day(d)))
    total = sum(i["minutes"] for i in plan.items if fullest in i["days"]) + safe.minutes
    assert total > minutes, "the demo's days are full enough for this test"
    response = _post(_client(proposed.therapist), _url(proposed, "/1/edit"), {"add": safe.id})
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert f"over the {minutes} minutes a day" in detail
    assert "minutes" in detail and safe.name in detail
    assert RoutinePlan.objects.filter(patient=proposed.patient).count() == 1


def test_an_edit_that_names_nothing_real_is_refused_in_words(proposed: Demo) -> None:
    therapist = _client(proposed.therapist)
    unknown_add = _post(therapist, _url(proposed, "/1/edit"), {"add": "no-such-exercise"})
    assert unknown_add.status_code == 400
    assert unknown_add.json()["detail"] == "That exercise is not in the library."
    not_in_plan = _post(
        therapist, _url(proposed, "/1/edit"), {"changes": [{"exercise": HELPER_EXERCISE}]}
    )
    assert not_in_plan.status_code == 400
    assert "is not in version 1" in not_in_plan.json()["detail"]
    too_many = _post(
        therapist,
        _url(proposed, "/1/edit"),
        {"changes": [{"exercise": "anything", "reps": 31}]},
    )
    assert too_many.status_code == 422
    assert _post(therapist, _url(proposed, "/9/edit")).status_code == 404


def test_the_therapist_approves_and_the_person_sees_who_reviewed_it(proposed: Demo) -> None:
    therapist = _client(proposed.therapist)
    response = _post(therapist, _url(proposed, "/1/approve"))
    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    assert response.json()["reviewed_by"] == "Tess Morgan"

    # Asking again with nothing changed returns the routine in use (200), no new version.
    same = _post(therapist, _url(proposed, "/propose"))
    assert same.status_code == 200 and same.json()["version"] == 1
    assert RoutinePlan.objects.filter(patient=proposed.patient).count() == 1

    # After a change, a newer proposal waits; the approved version stays in use.
    FunctionalProfile.objects.filter(patient=proposed.patient).update(minutes=10)
    assert _post(therapist, _url(proposed, "/propose")).status_code == 201
    routine = _client(proposed.person).get(_url(proposed)).json()
    assert routine["version"] == 1 and routine["status"] == "approved"
    assert routine["reviewed_by"] == "Tess Morgan" and routine["reviewed_at"]
    assert routine["pending_version"] == 2

    versions = _client(proposed.person).get(_url(proposed, "/versions")).json()
    assert [(v["version"], v["status"]) for v in versions] == [(2, "proposed"), (1, "approved")]
    assert versions[1]["reviewed_by"] == "Tess Morgan"
    assert versions[1]["why"] == "Asked for by Tess Morgan."


def test_approving_a_version_twice_is_a_conflict(proposed: Demo) -> None:
    therapist = _client(proposed.therapist)
    assert _post(therapist, _url(proposed, "/1/approve")).status_code == 200
    again = _post(therapist, _url(proposed, "/1/approve"))
    assert again.status_code == 409
    assert again.json()["detail"] == "Only a routine waiting for review can be approved."


def test_there_is_no_routine_before_the_functional_profile(fresh: Demo) -> None:
    demo = fresh
    response = _client(demo.person).get(_url(demo))
    assert response.status_code == 404
    assert "functional profile" in response.json()["detail"]
    proposal = _post(_client(demo.therapist), _url(demo, "/propose"))
    assert proposal.status_code == 409
    assert proposal.json()["detail"] == "Fill in the functional profile first."


def test_a_caregiver_who_may_log_reads_but_cannot_propose_edit_or_approve(
    proposed: Demo,
) -> None:
    caregiver = _client(proposed.caregiver)
    assert caregiver.get(_url(proposed)).status_code == 200
    assert _post(caregiver, _url(proposed, "/1/approve")).status_code == 403
    assert _post(caregiver, _url(proposed, "/1/edit")).status_code == 403
    assert _post(caregiver, _url(proposed, "/propose")).status_code == 403
    assert RoutinePlan.objects.get(patient=proposed.patient).status == Status.PROPOSED


def test_the_person_cannot_approve_their_own_routine(proposed: Demo) -> None:
    assert _post(_client(proposed.person), _url(proposed, "/1/approve")).status_code == 403


def test_an_unrelated_therapist_is_told_nothing_exists(proposed: Demo) -> None:
    stranger = _client(proposed.other_therapist)
    for url in (_url(proposed), _url(proposed, "/versions"), _url(proposed, "?day=1")):
        response = stranger.get(url)
        assert response.status_code == 404
        assert b"Sam" not in response.content
    for url, body in (
        (_url(proposed, "/propose"), {}),
        (_url(proposed, "/1/edit"), {"changes": []}),
        (_url(proposed, "/1/approve"), {}),
    ):
        assert _post(stranger, url, body).status_code == 404
    assert RoutinePlan.objects.filter(patient=proposed.patient).count() == 1


def test_the_openapi_document_lists_the_refusals(proposed: Demo) -> None:
    spec = _client(proposed.person).get("/api/v1/openapi.json").json()
    approve = spec["paths"]["/api/v1/patients/{patient_id}/routine/{version}/approve"]["post"]
    assert {"200", "403", "404", "409"} <= set(approve["responses"])
    edit = spec["paths"]["/api/v1/patients/{patient_id}/routine/{version}/edit"]["post"]
    assert {"201", "400", "422"} <= set(edit["responses"])
