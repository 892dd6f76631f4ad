"""The calendar link, the export and the import in the API, with their declared refusals."""

from __future__ import annotations

import json

from django.test import Client
from icalendar import Calendar
from portability_support import new_person
from signin_support import sign_in

from alsmove.demo.seed import Demo
from alsmove.patients.models import Patient
from alsmove.portability.export import export_record
from alsmove.portability.models import CalendarToken
from alsmove.portability.schema import RecordExport


def _client(user: object) -> Client:
    client = Client()
    sign_in(client, user)  # type: ignore[arg-type]
    return client


def test_the_person_makes_reads_and_stops_a_calendar_link_through_the_api(demo: Demo) -> None:
    client = _client(demo.person)
    url = f"/api/v1/patients/{demo.patient.pk}/calendar-link"
    assert client.get(url).json()["live"] is False
    made = client.post(url)
    assert made.status_code == 201
    feed = made.json()["url"].split("testserver", 1)[1]
    assert Calendar.from_ical(Client().get(feed).content).walk("VEVENT")
    assert client.get(url).json()["live"] is True
    assert client.delete(url).status_code == 204
    assert Client().get(feed).status_code == 404
    assert client.delete(url).status_code == 404  # nothing left to stop


def test_the_api_refuses_strangers_with_its_declared_statuses_and_changes_nothing(
    demo: Demo,
) -> None:
    before = CalendarToken.objects.count()
    base = f"/api/v1/patients/{demo.patient.pk}"
    assert Client().post(f"{base}/calendar-link").status_code == 401
    assert Client().get(f"{base}/export").status_code == 401
    assert _client(demo.therapist).post(f"{base}/calendar-link").status_code == 403
    assert _client(demo.caregiver).get(f"{base}/export").status_code == 403
    assert _client(demo.other_person).get(f"{base}/export").status_code == 404
    assert _client(demo.admin).post(f"{base}/calendar-link").status_code == 404
    assert CalendarToken.objects.count() == before


def test_the_person_exports_their_record_through_the_api(demo: Demo) -> None:
    response = _client(demo.person).get(f"/api/v1/patients/{demo.patient.pk}/export")
    assert response.status_code == 200
    document = response.json()
    RecordExport.model_validate(document)
    assert document["schema"] == "alsmove-record"


def test_the_administrator_imports_through_the_api_and_a_second_time_gets_409(
    demo: Demo,
) -> None:
    client = _client(demo.admin)
    document = new_person(export_record(demo.patient), "api-moved@example.org")
    body = json.dumps(document)
    first = client.post("/api/v1/clinic/import", body, content_type="application/json")
    assert first.status_code == 201
    patient = Patient.objects.get(pk=first.json()["patient_id"])
    assert patient.organisation == demo.riverside
    again = client.post("/api/v1/clinic/import", body, content_type="application/json")
    assert again.status_code == 409 and "already exists" in again.json()["detail"]
    document["schema_version"] = 7
    wrong = client.post(
        "/api/v1/clinic/import", json.dumps(document), content_type="application/json"
    )
    assert wrong.status_code == 422 and "Unknown schema version 7" in wrong.json()["detail"]


def test_the_openapi_document_lists_the_routes_and_their_refusals(demo: Demo) -> None:
    spec = _client(demo.person).get("/api/v1/openapi.json").json()
    paths = spec["paths"]
    link = paths["/api/v1/patients/{patient_id}/calendar-link"]
    assert {"401", "403", "404", "422"} <= set(link["get"]["responses"])
    assert {"201", "401", "403", "404", "409", "422"} <= set(link["post"]["responses"])
    assert {"204", "404"} <= set(link["delete"]["responses"])
    export = paths["/api/v1/patients/{patient_id}/export"]["get"]["responses"]
    assert {"200", "401", "403", "404"} <= set(export)
    assert "RecordExport" in json.dumps(export["200"])
    assert "schema_version" in spec["components"]["schemas"]["RecordExport"]["properties"]
    imported = paths["/api/v1/clinic/import"]["post"]["responses"]
    assert {"201", "401", "403", "409", "422"} <= set(imported)
