"""The FHIR routes of the API: GET the bundle, POST a bundle to import, each refusal in
its declared status and in words."""

from __future__ import annotations

import copy
import json
from datetime import timedelta
from typing import Any

from django.test import Client
from fhir_support import response_indexes, validate_bundle
from signin_support import sign_in

from alsmove.api.main import api
from alsmove.assessments.models import Assessment
from alsmove.demo.seed import Demo
from alsmove.interop.services import export_bundle
from alsmove.patients.clock import today_for
from alsmove.patients.models import CareLink, Patient


def _client(user: Any) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def _target(demo: Demo) -> Patient:
    patient = Patient.objects.create(
        display_name="Jo Imported",
        organisation=demo.riverside,
        onset_date=today_for(demo.patient) - timedelta(days=900),
    )
    CareLink.objects.create(
        patient=patient, member=demo.therapist, relation="therapist", permission="edit_plan"
    )
    return patient


def _post(client: Client, patient: Patient, body: object) -> Any:
    return client.post(
        f"/api/v1/patients/{patient.pk}/fhir/import",
        json.dumps(body),
        content_type="application/fhir+json",
    )


def test_the_api_serves_the_bundle_as_fhir_json(demo: Demo) -> None:
    response = _client(demo.person).get(f"/api/v1/patients/{demo.patient.pk}/fhir")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    validate_bundle(json.loads(response.content))


def test_the_api_refuses_the_bundle_to_a_visitor_a_caregiver_and_a_stranger(demo: Demo) -> None:
    url = f"/api/v1/patients/{demo.patient.pk}/fhir"
    assert Client().get(url).status_code == 401
    assert _client(demo.caregiver).get(url).status_code == 403
    assert _client(demo.other_therapist).get(url).status_code == 404


def test_the_api_imports_then_skips_the_same_bundle(demo: Demo) -> None:
    target = _target(demo)
    client = _client(demo.therapist)
    bundle = export_bundle(demo.patient)
    first = _post(client, target, bundle)
    assert first.status_code == 201
    assert first.json()["imported"] == demo.patient.assessments.current().count()
    again = _post(client, target, bundle)
    assert again.status_code == 200
    assert again.json()["imported"] == 0
    assert len(again.json()["skipped"]) == first.json()["imported"]


def test_the_api_answers_422_naming_the_entry_and_stores_nothing(demo: Demo) -> None:
    target = _target(demo)
    bundle = copy.deepcopy(export_bundle(demo.patient))
    index = response_indexes(bundle)[2]
    bundle["entry"][index]["resource"]["authored"] = "2999-12-31"
    response = _post(_client(demo.therapist), target, bundle)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(f"entry {index + 1}: ")
    assert response.json()["errors"][0]["entry"] == index + 1
    assert not target.assessments.exists()


def test_the_api_answers_409_for_a_day_holding_a_different_record(demo: Demo) -> None:
    bundle = copy.deepcopy(export_bundle(demo.patient))
    # The demo's own record already holds this day, with other answers.
    index = response_indexes(bundle)[0]
    bundle["entry"][index]["resource"]["item"][0]["answer"][0]["valueCoding"]["code"] = "1-0"
    before = Assessment.objects.count()
    response = _post(_client(demo.therapist), demo.patient, bundle)
    assert response.status_code == 409
    assert response.json()["detail"].startswith(f"entry {index + 1}: a different record for ")
    assert Assessment.objects.count() == before


def test_the_api_refuses_the_import_to_the_person_and_to_strangers(demo: Demo) -> None:
    bundle = export_bundle(demo.patient)
    target = _target(demo)
    assert _post(Client(), target, bundle).status_code == 401
    assert _post(_client(demo.person), demo.patient, bundle).status_code == 403
    assert _post(_client(demo.other_therapist), target, bundle).status_code == 404
    assert not target.assessments.exists()


def test_the_openapi_document_declares_the_fhir_routes_and_their_refusals() -> None:
    paths = api.get_openapi_schema()["paths"]
    get = paths["/api/v1/patients/{patient_id}/fhir"]["get"]
    post = paths["/api/v1/patients/{patient_id}/fhir/import"]["post"]
    # As the served document says it (json.dumps turns the status keys into strings).
    get, post = json.loads(json.dumps(get)), json.loads(json.dumps(post))
    assert set(get["responses"]["200"]["content"]) == {"application/json", "application/fhir+json"}
    assert {"200", "401", "403", "404"} <= set(get["responses"])
    assert {"200", "201", "401", "403", "404", "409", "422"} <= set(post["responses"])
