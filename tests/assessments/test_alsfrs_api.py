from __future__ import annotations

import json

from django.test import Client
from django.utils import timezone
from signin_support import sign_in

from alsmove.demo.seed import Demo

ITEMS = {
    "1": 4,
    "2": 4,
    "3": 4,
    "4": 3,
    "5a": 3,
    "6": 3,
    "7": 3,
    "8": 2,
    "9": 2,
    "10": 4,
    "11": 4,
    "12": 4,
}


def _client(user: object) -> Client:
    client = Client()
    sign_in(client, user)  # type: ignore[arg-type]
    return client


def test_the_api_lists_records_and_summarises_progression_like_the_cli(demo: Demo) -> None:
    client = _client(demo.therapist)
    records = client.get(f"/api/v1/patients/{demo.patient.pk}/alsfrs").json()
    assert len(records) >= 6
    summary = client.get(f"/api/v1/patients/{demo.patient.pk}/progression").json()
    assert set(summary) == {"assessments", "slope_per_month", "model"}
    assert summary["model"]["kind"] == "d50"
    assert [f["months_ahead"] for f in summary["model"]["forecast"]] == [3, 6, 12]
    first = summary["assessments"][0]
    assert set(first) == {
        "date",
        "total",
        "domains",
        "kings_stage",
        "mitos_stage",
        "progression_rate",
        "progression_category",
    }


def test_the_api_creates_a_record_and_refuses_a_bad_one_in_words(demo: Demo) -> None:
    client = _client(demo.person)
    url = f"/api/v1/patients/{demo.patient.pk}/alsfrs"
    today = timezone.localdate().isoformat()
    Demo_items = dict(ITEMS)
    response = client.post(
        url, json.dumps({"date": today, "items": Demo_items}), content_type="application/json"
    )
    assert response.status_code == 201 and response.json()["total"] == 40
    bad = dict(ITEMS, **{"5b": 2})
    response = client.post(
        url, json.dumps({"date": today, "items": bad}), content_type="application/json"
    )
    assert response.status_code == 400
    assert "5a or 5b, not both" in response.json()["detail"]
    response = client.post(url, "{not json", content_type="application/json")
    assert response.status_code in (400, 422)


def test_an_unrelated_therapist_cannot_read_or_write_records(demo: Demo) -> None:
    client = _client(demo.other_therapist)
    url = f"/api/v1/patients/{demo.patient.pk}/alsfrs"
    assert client.get(url).status_code == 404
    response = client.post(
        url, json.dumps({"date": "2026-01-01", "items": ITEMS}), content_type="application/json"
    )
    assert response.status_code == 404
