"""The equipment API: the catalogue, a person's plan, changing a status and adding an
item, through the same access policy, with the declared refusals."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from signin_support import sign_in

from alsmove.demo.seed import Demo
from alsmove.equipment.models import PlanChange, PlanItem
from alsmove.patients.models import CareLink, Permission


def _client(user: object | None) -> Client:
    client = Client()
    if user is not None:
        sign_in(client, user)  # type: ignore[arg-type]
    return client


def _post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def _base(demo: Demo) -> str:
    return f"/api/v1/patients/{demo.patient.pk}/equipment"


def _state() -> tuple[list[Any], int]:
    rows = list(PlanItem.objects.values_list("slug", "status", "target_date", "note"))
    return rows, PlanChange.objects.count()


def test_the_catalogue_lists_every_item_and_one_item_by_id(demo: Demo) -> None:
    client = _client(demo.caregiver)
    listing = client.get("/api/v1/equipment").json()
    assert len(listing) == 40
    chair = client.get("/api/v1/equipment/power-wheelchair").json()
    assert chair["lead_time_weeks"]["max"] >= 12 and chair["choices"]
    assert client.get("/api/v1/equipment/jetpack").status_code == 404


def test_the_catalogue_needs_a_signed_in_account(demo: Demo) -> None:
    assert _client(None).get("/api/v1/equipment").status_code == 401


def test_the_plan_reads_suggestions_and_items_with_history(demo: Demo) -> None:
    plan = _client(demo.therapist).get(_base(demo)).json()
    assert plan["missing"] == ""
    assert plan["start_now"][0] == "wheelchair-vehicle"
    by_item = {s["item"]: s for s in plan["suggestions"]}
    assert "walker" not in by_item  # not needed: not suggested again (EQUIP-DONE-01)
    assert by_item["ramp"]["plan_status"] == "discussing"
    chair = next(i for i in plan["items"] if i["item"] == "manual-wheelchair")
    assert chair["history"][0]["to_status"] == "in_use"
    assert chair["history"][-1]["from_status"] is None


def test_a_reader_who_hides_the_forecast_gets_no_estimated_months(demo: Demo) -> None:
    demo.person.show_forecast = False
    demo.person.save(update_fields=["show_forecast"])
    plan = _client(demo.person).get(_base(demo)).json()
    soon = [s for s in plan["suggestions"] if s["status"] == "soon"]
    assert soon and all(s["estimated_need_date"] is None for s in soon)
    assert all(s["start_by"] for s in soon)


@pytest.mark.parametrize("who", ["person", "caregiver", "therapist"])
def test_the_team_changes_a_status_and_it_is_kept(demo: Demo, who: str) -> None:
    response = _post(
        _client(getattr(demo, who)), f"{_base(demo)}/ramp/status", {"status": "ordered"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ordered"
    assert body["target_date"] is not None  # left out: the current target date is kept
    assert body["history"][0]["from_status"] == "discussing"


def test_the_therapist_adds_items_and_a_second_time_is_a_conflict(demo: Demo) -> None:
    client = _client(demo.therapist)
    added = _post(client, _base(demo), {"item": "stair-lift", "note": "Measure the stairs"})
    assert added.status_code == 201 and added.json()["status"] == "suggested"
    again = _post(client, _base(demo), {"item": "stair-lift"})
    assert again.status_code == 409
    written = _post(client, _base(demo), {"name": "Bidet seat"})
    assert written.status_code == 201 and written.json()["item"] == "own-bidet-seat"


def test_bad_bodies_are_422_and_change_nothing(demo: Demo) -> None:
    before = _state()
    client = _client(demo.therapist)
    assert _post(client, f"{_base(demo)}/ramp/status", {"status": "stolen"}).status_code == 422
    far = _post(
        client, f"{_base(demo)}/ramp/status", {"status": "ordered", "target_date": "2099-01-01"}
    )
    assert far.status_code == 422 and "three years" in far.json()["detail"]
    assert _post(client, _base(demo), {}).status_code == 422
    assert _post(client, _base(demo), {"item": "ramp", "name": "Both"}).status_code == 422
    assert _post(client, f"{_base(demo)}/jetpack/status", {"status": "ordered"}).status_code == 404
    assert _state() == before


@pytest.mark.parametrize("who", ["person", "caregiver"])
def test_only_a_therapist_adds_items(demo: Demo, who: str) -> None:
    before = _state()
    assert _post(_client(getattr(demo, who)), _base(demo), {"name": "Bidet"}).status_code == 403
    assert _state() == before


def test_a_view_only_helper_reads_but_may_not_change_a_status(demo: Demo) -> None:
    CareLink.objects.filter(patient=demo.patient, member=demo.caregiver).update(
        permission=Permission.VIEW
    )
    before = _state()
    client = _client(demo.caregiver)
    assert client.get(_base(demo)).status_code == 200
    assert _post(client, f"{_base(demo)}/ramp/status", {"status": "ordered"}).status_code == 403
    assert _state() == before


@pytest.mark.parametrize("who", [None, "other_person", "other_therapist", "admin"])
def test_strangers_and_visitors_are_refused_and_nothing_changes(
    demo: Demo, who: str | None
) -> None:
    before = _state()
    client = _client(getattr(demo, who) if who else None)
    expected = 401 if who is None else 404
    assert client.get(_base(demo)).status_code == expected
    assert (
        _post(client, f"{_base(demo)}/ramp/status", {"status": "ordered"}).status_code == expected
    )
    assert _post(client, _base(demo), {"name": "Bidet"}).status_code == expected
    assert _state() == before


def test_the_openapi_document_declares_the_refusals(demo: Demo) -> None:
    document = _client(demo.therapist).get("/api/v1/openapi.json").json()
    status = document["paths"]["/api/v1/patients/{patient_id}/equipment/{item}/status"]["post"]
    assert {"401", "403", "404", "422"} <= set(status["responses"])
    add = document["paths"]["/api/v1/patients/{patient_id}/equipment"]["post"]
    assert "409" in add["responses"]
