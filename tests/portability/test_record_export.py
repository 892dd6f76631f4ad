"""The whole-record export: its schema, its downloads, and who may take it."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.test import Client
from portability_support import enrich
from signin_support import sign_in

from alsmove.demo.seed import Demo
from alsmove.portability.export import csv_files, export_record
from alsmove.portability.schema import SCHEMA_VERSION, RecordExport, json_schema_text

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "record-export.schema.json"


def test_the_checked_in_json_schema_file_is_the_one_the_models_define() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == json_schema_text(), (
        "regenerate: python -m alsmove.portability.schema > docs/record-export.schema.json"
    )


def test_an_export_validates_against_its_schema_and_fills_every_part(demo: Demo) -> None:
    enrich(demo)
    document = export_record(demo.patient)
    RecordExport.model_validate(document)  # the models are the schema
    assert document["schema"] == "alsmove-record"
    assert document["schema_version"] == SCHEMA_VERSION
    for part in (
        "assessments",
        "routines",
        "session_logs",
        "checkins",
        "feelings",
        "alerts",
        "flag_reviews",
        "equipment",
        "skills_taught",
        "care_team",
        "people",
    ):
        assert document[part], part
    assert document["profile"] and document["reminders"]
    assert any(log["earlier_versions"] for log in document["session_logs"])
    # Other people are named by reference, with name and role, never their email.
    text = json.dumps(document)
    assert demo.therapist.email not in text and demo.caregiver.email not in text
    assert {p["name"] for p in document["people"]} >= {demo.therapist.full_name}
    assert document["reminders"]["updated_by"].startswith("p")


def test_an_invented_field_fails_the_schema(demo: Demo) -> None:
    document = export_record(demo.patient)
    document["record"]["diagnosis_code"] = "G12.21"
    with pytest.raises(ValueError, match="diagnosis_code"):
        RecordExport.model_validate(document)


def test_the_csv_files_hold_every_log_and_assessment_and_no_formula(demo: Demo) -> None:
    enrich(demo)
    document = export_record(demo.patient)
    files = csv_files(document)
    sessions = list(csv.DictReader(io.StringIO(files["sessions.csv"].decode("utf-8-sig"))))
    assessments = list(csv.DictReader(io.StringIO(files["assessments.csv"].decode("utf-8-sig"))))
    assert len(sessions) == len(document["session_logs"])
    assert len(assessments) == len(document["assessments"])
    assert {row["entered_by"] for row in assessments} >= {demo.therapist.full_name}
    for content in files.values():
        for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))):
            assert not any(cell.startswith(("=", "+", "@")) for cell in row)


def test_the_person_downloads_a_zip_with_the_json_and_the_csv_files(demo: Demo) -> None:
    client = Client()
    sign_in(client, demo.person)
    page = client.get(f"/patients/{demo.patient.pk}/your-data/")
    assert page.status_code == 200
    response = client.get(f"/patients/{demo.patient.pk}/your-data/record.zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert set(archive.namelist()) == {
        "record.json",
        "sessions.csv",
        "exercises.csv",
        "checkins.csv",
        "assessments.csv",
        "README.txt",
    }
    RecordExport.model_validate(json.loads(archive.read("record.json")))
    single = client.get(f"/patients/{demo.patient.pk}/your-data/record.json")
    assert single.status_code == 200
    assert json.loads(single.content)["person"]["email"] == demo.person.email


def test_only_the_person_downloads_their_record(demo: Demo) -> None:
    for user, expected in (
        (demo.caregiver, 403),
        (demo.therapist, 403),
        (demo.other_person, 404),
        (demo.admin, 404),
    ):
        client = Client()
        sign_in(client, user)
        for path in ("your-data/", "your-data/record.zip", "your-data/record.json"):
            response = client.get(f"/patients/{demo.patient.pk}/{path}")
            assert response.status_code == expected, (user, path)
            assert demo.patient.display_name.encode() not in response.content


def test_the_export_reads_a_fixed_number_of_queries(
    demo: Demo, django_assert_max_num_queries: object
) -> None:
    with django_assert_max_num_queries(20):  # type: ignore[operator]
        export_record(demo.patient)
