"""Importing an exported record: refusals change nothing, and the round trip loses nothing."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from portability_support import enrich, new_person
from signin_support import sign_in

from alsmove.accounts.models import AuditEvent, Organisation, Role, User
from alsmove.assessments.models import Assessment
from alsmove.caregiving.services import sync_skills
from alsmove.demo.seed import Demo, seed_demo
from alsmove.equipment.catalogue import sync_catalogue
from alsmove.exercises.services import sync_library
from alsmove.logbook.models import CheckIn, SessionLog
from alsmove.patients.models import Patient
from alsmove.portability.export import export_record
from alsmove.portability.importer import ImportRefused, import_record
from alsmove.resources.services import sync_resources

# Fields that differ between two exports of the same record (docs/data-export.md).
CHANGES_ON_EVERY_EXPORT = ("exported_at",)


def _comparable(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k not in CHANGES_ON_EVERY_EXPORT}


def _counts() -> tuple[int, ...]:
    return (
        User.objects.count(),
        Patient.objects.count(),
        Assessment.objects.count(),
        SessionLog.objects.count(),
        CheckIn.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.django_db(transaction=True)
def test_export_then_import_into_an_empty_database_then_export_gives_the_same_record() -> None:
    # A transactional test may follow one that emptied the database (a browser test):
    # load the content and the demo as the demo fixture does.
    sync_library()
    sync_resources()
    sync_skills()
    sync_catalogue()
    demo = seed_demo()
    enrich(demo)
    first = export_record(demo.patient)
    call_command("flush", interactive=False, verbosity=0)  # an empty database
    assert User.objects.count() == Patient.objects.count() == 0
    clinic = Organisation.objects.create(name="Lakeside")
    admin = User.objects.create_user(
        "lake-admin@example.org", full_name="Lee", role=Role.ADMIN, organisation=clinic
    )
    patient = import_record(json.loads(json.dumps(first)), clinic=clinic, by=admin)
    second = export_record(patient)
    assert _comparable(second) == _comparable(first)
    assert patient.organisation == clinic and patient.user is not None
    assert not patient.user.has_usable_password()
    assert AuditEvent.objects.filter(patient=patient, action="record_imported").count() == 1


def test_a_file_of_an_unknown_schema_version_is_refused_and_nothing_changes(demo: Demo) -> None:
    document = new_person(export_record(demo.patient), "new@example.org")
    document["schema_version"] = 2
    before = _counts()
    with pytest.raises(ImportRefused, match="Unknown schema version 2"):
        import_record(document, clinic=demo.riverside, by=demo.admin)
    assert _counts() == before


def test_a_file_whose_person_already_has_an_account_is_refused(demo: Demo) -> None:
    before = _counts()
    with pytest.raises(ImportRefused, match=r"person@example\.org already exists") as refused:
        import_record(export_record(demo.patient), clinic=demo.riverside, by=demo.admin)
    assert refused.value.conflict
    assert _counts() == before


@pytest.mark.parametrize(
    ("damage", "named"),
    [
        (lambda d: d["assessments"][0]["items"].pop("3"), "assessments[0].items"),
        (lambda d: d["session_logs"][2].update(pain=11), "session_logs[2].pain"),
        (lambda d: d["assessments"][1].update(entered_by="p99"), "p99 is not in people"),
        (lambda d: d["record"].update(time_zone="Mars/Olympus"), "Mars/Olympus"),
        (lambda d: d.pop("routines"), "routines"),
        (lambda d: d["profile"].update(standing="flying"), "profile.standing"),
    ],
)
def test_a_damaged_file_is_refused_with_a_message_naming_the_problem(
    demo: Demo, damage: Any, named: str
) -> None:
    document = new_person(export_record(demo.patient), "new@example.org")
    damage(document)
    before = _counts()
    with pytest.raises(ImportRefused) as refused:
        import_record(document, clinic=demo.riverside, by=demo.admin)
    assert named in str(refused.value)
    assert _counts() == before


def test_a_file_that_breaks_a_database_rule_late_leaves_nothing_half_imported(
    demo: Demo,
) -> None:
    document = new_person(export_record(demo.patient), "new@example.org")
    assert document["checkins"], "the demo has a check-in"
    # The last thing written breaks one-answer-per-session-and-kind: everything before it
    # (account, record, assessments, logs...) must go too.
    twin = copy.deepcopy(document["checkins"][-1])
    twin["client_id"] = "0b9c2a47-1f0e-4d5c-9a3b-7e6f5d4c3b2a"
    assert twin["session"] is not None
    document["checkins"].append(twin)
    before = _counts()
    with pytest.raises(ImportRefused, match="nothing was imported"):
        import_record(document, clinic=demo.riverside, by=demo.admin)
    assert _counts() == before
    assert not User.objects.filter(email="new@example.org").exists()


def test_the_administrator_imports_through_the_page_into_their_own_clinic(demo: Demo) -> None:
    document = new_person(export_record(demo.patient), "moved@example.org")
    client = Client()
    sign_in(client, demo.admin)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("record.json", json.dumps(document).encode())
    response = client.post("/clinic/import/", {"file": upload})
    assert response.status_code == 302
    imported = Patient.objects.get(user__email="moved@example.org")
    assert imported.organisation == demo.riverside
    again = SimpleUploadedFile("record.json", json.dumps(document).encode())
    response = client.post("/clinic/import/", {"file": again})
    assert response.status_code == 400
    assert b"already exists" in response.content


def test_only_a_clinic_administrator_may_import_and_a_refusal_changes_nothing(
    demo: Demo,
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = new_person(export_record(demo.patient), "moved@example.org")
    before = _counts()
    for user in (demo.person, demo.caregiver, demo.therapist, demo.other_therapist):
        client = Client()
        sign_in(client, user)
        upload = SimpleUploadedFile("record.json", json.dumps(document).encode())
        assert client.post("/clinic/import/", {"file": upload}).status_code == 403, user
        api = client.post("/api/v1/clinic/import", document, content_type="application/json")
        assert api.status_code == 403, user
    assert Client().get("/clinic/import/").status_code == 302
    assert _counts() == before
