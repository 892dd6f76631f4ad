"""Entering an ALSFRS-R record and proposing the routine it calls for is one write
(`assessments.recording.enter_assessment`): the page, the API and the FHIR import store
both or neither, each with its audit entry."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from fhir_support import resources
from signin_support import sign_in

from alsmove.accounts.models import AuditEvent, User
from alsmove.assessments import recording
from alsmove.assessments.models import Assessment
from alsmove.assessments.recording import enter_assessment
from alsmove.demo.seed import Demo
from alsmove.interop.services import export_bundle, import_responses
from alsmove.patients.clock import today_for
from alsmove.patients.models import Patient
from alsmove.routines import services as routines_services
from alsmove.routines.models import RoutinePlan

ITEMS = {
    "1": 2,
    "2": 2,
    "3": 2,
    "4": 2,
    "5a": 2,
    "6": 2,
    "7": 2,
    "8": 1,
    "9": 1,
    "10": 3,
    "11": 3,
    "12": 4,
}
# Scores low enough to move the demo person to another stage: the engine makes a new version.
ADVANCED = dict.fromkeys(ITEMS, 0)
STEPS = ["1", "2", "3", "4", "tube", "5", "6", "7", "8", "9", "10", "11", "12"]


class EngineDown(RuntimeError):
    """Stands for any failure while the routine is proposed."""


@pytest.fixture
def failing_propose(monkeypatch: pytest.MonkeyPatch) -> None:
    def propose(*args: Any, **kwargs: Any) -> None:
        raise EngineDown("the engine failed")

    monkeypatch.setattr(routines_services, "propose", propose)


def _client(user: User) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def _counts(patient: Patient) -> dict[str, int]:
    audit = AuditEvent.objects.filter(patient=patient)
    return {
        "records": Assessment.objects.filter(patient=patient).count(),
        "current": patient.assessments.current().count(),
        "plans": RoutinePlan.objects.filter(patient=patient).count(),
        "assessment_recorded": audit.filter(action="assessment_recorded").count(),
        "assessment_changed": audit.filter(action="assessment_changed").count(),
        "routine_proposed": audit.filter(action="routine_proposed").count(),
    }


def _fill_in_the_entry_pages(client: Client, patient: Patient) -> None:
    pid = patient.pk
    client.get(f"/patients/{pid}/alsfrs/new/?fresh=1")
    client.post(f"/patients/{pid}/alsfrs/new/date/", {"taken_on": today_for(patient).isoformat()})
    for step in STEPS:
        answer = "no" if step == "tube" else "2"
        response = client.post(f"/patients/{pid}/alsfrs/new/{step}/", {"answer": answer})
        assert response.status_code == 302, step


def test_a_record_and_its_proposal_are_stored_together_with_one_audit_entry_each(
    demo: Demo,
) -> None:
    patient = demo.patient
    before = _counts(patient)
    entered = enter_assessment(
        patient=patient, by=demo.person, taken_on=today_for(patient), items=ADVANCED
    )
    after = _counts(patient)
    assert entered.assessment.total == 0
    assert entered.proposal is not None and not entered.proposal.reused
    assert entered.proposal.why == {"text": "A new assessment was entered.", "params": {}}
    assert after["records"] == before["records"] + 1
    assert after["plans"] == before["plans"] + 1
    assert after["assessment_recorded"] == before["assessment_recorded"] + 1
    assert after["routine_proposed"] == before["routine_proposed"] + 1


def test_a_record_that_changes_nothing_in_the_routine_adds_no_version_and_no_proposal_entry(
    demo: Demo,
) -> None:
    patient = demo.patient
    before = _counts(patient)
    entered = enter_assessment(
        patient=patient, by=demo.person, taken_on=today_for(patient), items=ITEMS
    )
    after = _counts(patient)
    assert entered.proposal is not None and entered.proposal.reused
    assert after["records"] == before["records"] + 1
    assert after["assessment_recorded"] == before["assessment_recorded"] + 1
    assert (after["plans"], after["routine_proposed"]) == (
        before["plans"],
        before["routine_proposed"],
    )


def test_a_failure_while_proposing_leaves_no_record_and_no_audit_entry(
    demo: Demo, failing_propose: None
) -> None:
    patient = demo.patient
    before = _counts(patient)
    with pytest.raises(EngineDown):
        enter_assessment(patient=patient, by=demo.person, taken_on=today_for(patient), items=ITEMS)
    assert _counts(patient) == before


def test_a_correction_that_fails_while_proposing_keeps_the_old_version_current(
    demo: Demo, failing_propose: None
) -> None:
    patient = demo.patient
    old = patient.assessments.current().filter(source="clinician").order_by("taken_on").first()
    assert old is not None
    before = _counts(patient)
    with pytest.raises(EngineDown):
        enter_assessment(
            patient=patient, by=demo.therapist, taken_on=old.taken_on, items=ITEMS, replaces=old
        )
    old.refresh_from_db()
    assert old.superseded_at is None
    assert _counts(patient) == before


def test_a_correction_writes_one_changed_entry_and_no_recorded_entry(demo: Demo) -> None:
    patient = demo.patient
    old = patient.assessments.current().filter(source="clinician").order_by("taken_on").first()
    assert old is not None
    before = _counts(patient)
    enter_assessment(
        patient=patient, by=demo.therapist, taken_on=old.taken_on, items=ITEMS, replaces=old
    )
    after = _counts(patient)
    assert after["assessment_changed"] == before["assessment_changed"] + 1
    assert after["assessment_recorded"] == before["assessment_recorded"]
    assert after["current"] == before["current"]


def test_the_entry_pages_store_nothing_when_proposing_fails(
    demo: Demo, failing_propose: None
) -> None:
    patient = demo.patient
    client = _client(demo.person)
    _fill_in_the_entry_pages(client, patient)
    before = _counts(patient)
    with pytest.raises(EngineDown):
        client.post(f"/patients/{patient.pk}/alsfrs/new/review/")
    assert _counts(patient) == before


def test_the_api_stores_nothing_when_proposing_fails(demo: Demo, failing_propose: None) -> None:
    patient = demo.patient
    client = _client(demo.person)
    before = _counts(patient)
    body = json.dumps({"date": today_for(patient).isoformat(), "items": ITEMS})
    with pytest.raises(EngineDown):
        client.post(f"/api/v1/patients/{patient.pk}/alsfrs", body, content_type="application/json")
    assert _counts(patient) == before


def test_the_page_and_the_api_both_enter_a_record_through_the_one_service(
    demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def spy(**kwargs: Any) -> recording.Entered:
        calls.append(str(kwargs["by"].pk))
        return enter_assessment(**kwargs)

    monkeypatch.setattr("alsmove.assessments.views.enter_assessment", spy)
    monkeypatch.setattr("alsmove.api.assessments.enter_assessment", spy)
    patient = demo.patient
    page = _client(demo.person)
    _fill_in_the_entry_pages(page, patient)
    assert page.post(f"/patients/{patient.pk}/alsfrs/new/review/").status_code == 302
    old = patient.assessments.current().filter(source="clinician").order_by("taken_on").first()
    assert old is not None
    api = _client(demo.therapist)
    body = json.dumps({"date": old.taken_on.isoformat(), "items": ITEMS})
    response = api.put(
        f"/api/v1/patients/{patient.pk}/alsfrs/{old.pk}", body, content_type="application/json"
    )
    assert response.status_code == 200
    assert calls == [str(demo.person.pk), str(demo.therapist.pk)]


def test_a_fhir_import_that_fails_while_proposing_stores_none_of_its_records(
    demo: Demo, failing_propose: None
) -> None:
    patient = demo.patient
    bundle = export_bundle(patient)
    assert resources(bundle, "QuestionnaireResponse")
    latest = patient.assessments.current().order_by("-taken_on").first()
    assert latest is not None
    latest.delete()  # so one response of the bundle is new
    before = _counts(patient)
    imported = AuditEvent.objects.filter(patient=patient, action="assessments_imported").count()
    with pytest.raises(EngineDown):
        import_responses(patient=patient, by=demo.therapist, data=bundle)
    assert _counts(patient) == before
    after = AuditEvent.objects.filter(patient=patient, action="assessments_imported").count()
    assert after == imported
