"""The record page's FHIR download (the person and their therapist) and the therapist's
import form: a file in, records stored or a problem in words, never a server error."""

from __future__ import annotations

import copy
import json
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from django.utils.formats import date_format
from fhir_support import response_indexes, validate_bundle
from signin_support import sign_in

from alsmove.accounts.models import AuditEvent
from alsmove.assessments.models import Assessment
from alsmove.demo.seed import Demo
from alsmove.interop.services import export_bundle
from alsmove.patients.clock import today_for
from alsmove.patients.models import CareLink, Patient


def _client(user: Any) -> Client:
    client = Client(raise_request_exception=False)
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


def _upload(content: bytes, name: str = "bundle.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/fhir+json")


@pytest.mark.parametrize("who", ["person", "therapist"])
def test_the_person_and_the_therapist_download_the_bundle_from_the_record_page(
    demo: Demo, who: str
) -> None:
    client = _client(getattr(demo, who))
    page = client.get(f"/patients/{demo.patient.pk}/").content.decode()
    url = f"/patients/{demo.patient.pk}/fhir/record.json"
    assert url in page
    assert "and the FHIR export" not in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    assert "attachment" in response["Content-Disposition"]
    validate_bundle(json.loads(response.content))
    assert AuditEvent.objects.filter(
        patient=demo.patient, action="fhir_exported", actor=getattr(demo, who), detail="page"
    ).exists()


def test_a_caregiver_gets_no_download_and_is_refused_it(demo: Demo) -> None:
    client = _client(demo.caregiver)
    page = client.get(f"/patients/{demo.patient.pk}/").content.decode()
    assert "/fhir/" not in page
    assert client.get(f"/patients/{demo.patient.pk}/fhir/record.json").status_code == 403


def test_only_the_therapist_is_offered_the_import_form(demo: Demo) -> None:
    url = f"/patients/{demo.patient.pk}/fhir/import/"
    assert url in _client(demo.therapist).get(f"/patients/{demo.patient.pk}/").content.decode()
    assert url not in _client(demo.person).get(f"/patients/{demo.patient.pk}/").content.decode()
    assert _client(demo.person).get(url).status_code == 403


def test_the_therapist_imports_a_bundle_through_the_form(demo: Demo) -> None:
    target = _target(demo)
    content = json.dumps(export_bundle(demo.patient)).encode()
    client = _client(demo.therapist)
    response = client.post(f"/patients/{target.pk}/fhir/import/", {"bundle": _upload(content)})
    assert response.status_code == 302
    assert response["Location"] == f"/patients/{target.pk}/progress/"
    assert target.assessments.count() == demo.patient.assessments.current().count()
    followed = client.get(response["Location"]).content.decode()
    assert "ALSFRS-R records were imported." in followed


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xff\xfe not json", "The file is not JSON."),
        (b'{"resourceType": "Patient"}', "The file is not a FHIR Bundle."),
        (b"[[[[[[[[[[" * 100000, "The file is not JSON."),
    ],
)
def test_a_bad_file_is_answered_in_words_on_the_form_and_nothing_is_stored(
    demo: Demo, content: bytes, expected: str
) -> None:
    target = _target(demo)
    before = Assessment.objects.count()
    response = _client(demo.therapist).post(
        f"/patients/{target.pk}/fhir/import/", {"bundle": _upload(content)}
    )
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert Assessment.objects.count() == before


def test_a_malformed_entry_is_named_on_the_form(demo: Demo) -> None:
    target = _target(demo)
    bundle = copy.deepcopy(export_bundle(demo.patient))
    index = response_indexes(bundle)[0]
    bundle["entry"][index]["resource"]["item"][5]["answer"][0]["valueCoding"]["code"] = "5a-7"
    response = _client(demo.therapist).post(
        f"/patients/{target.pk}/fhir/import/", {"bundle": _upload(json.dumps(bundle).encode())}
    )
    assert response.status_code == 400
    text = response.content.decode()
    expected = (
        f"Nothing was imported. Entry {index + 1}: answer to item 5a is not one of the "
        "allowed answers"
    )
    assert expected in text
    assert not target.assessments.exists()


def test_a_file_over_the_size_limit_is_refused_in_words(demo: Demo) -> None:
    target = _target(demo)
    content = b" " * (2 * 1024 * 1024 + 1) + b"{}"
    response = _client(demo.therapist).post(
        f"/patients/{target.pk}/fhir/import/", {"bundle": _upload(content)}
    )
    assert response.status_code == 400
    assert "larger than 2 MB" in response.content.decode()


def test_posting_the_form_without_a_file_asks_for_one(demo: Demo) -> None:
    response = _client(demo.therapist).post(f"/patients/{_target(demo).pk}/fhir/import/", {})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_a_skipped_record_is_named_by_its_day_written_the_readers_way(demo: Demo) -> None:
    target = _target(demo)
    content = json.dumps(export_bundle(demo.patient)).encode()
    demo.therapist.language = "de"
    demo.therapist.save(update_fields=["language"])
    client = _client(demo.therapist)
    client.post(f"/patients/{target.pk}/fhir/import/", {"bundle": _upload(content)})
    again = client.post(
        f"/patients/{target.pk}/fhir/import/", {"bundle": _upload(content)}, follow=True
    )
    page = again.content.decode()
    first_day = min(a.taken_on for a in target.assessments.current())
    with translation.override("de"):
        german_day = date_format(first_day, "DATE_FORMAT")
    assert german_day in page
    assert first_day.isoformat() not in page
