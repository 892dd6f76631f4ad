"""The plan of care: only a therapist who may edit the plan writes and signs it; the
suggested wording fills the form only; empty parts print as visible blanks; the document
says who signed and when; every save is audited; refused users change nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pdf_support import flat
from signin_support import sign_in

from alsmove.accounts.models import AuditEvent
from alsmove.demo.seed import Demo
from alsmove.documents.build import build_pdf, context_for
from alsmove.documents.models import PlanOfCare
from alsmove.equipment.models import PlanItem
from alsmove.logbook.models import Alert
from alsmove.patients.clock import today_for


def _client(user: object) -> Client:
    client = Client()
    sign_in(client, user)  # type: ignore[arg-type]
    return client


def _form_url(demo: Demo) -> str:
    return f"/patients/{demo.patient.pk}/documents/plan-of-care/"


def _post(demo: Demo, user: object, **fields: Any) -> Any:
    return _client(user).post(_form_url(demo), {k: str(v) for k, v in fields.items()})


def _saved() -> list[tuple[Any, ...]]:
    return list(PlanOfCare.objects.values_list("skilled_need", "goals", "signed_by"))


def _audits() -> int:
    return AuditEvent.objects.filter(action="plan_of_care_saved").count()


def test_only_the_therapist_may_open_and_save_the_plan_of_care_form(demo: Demo) -> None:
    assert _client(demo.therapist).get(_form_url(demo)).status_code == 200
    before = (_saved(), _audits())
    for user in (demo.person, demo.caregiver):
        assert _client(user).get(_form_url(demo)).status_code == 403
        assert _post(demo, user, goal_1="Walks 10 m", sign="on").status_code == 403
    for user in (demo.other_therapist, demo.admin, demo.other_person):
        assert _post(demo, user, goal_1="Walks 10 m", sign="on").status_code == 404
    assert (_saved(), _audits()) == before


def test_the_suggested_wording_fills_the_form_and_saves_nothing(demo: Demo) -> None:
    page = _client(demo.therapist).get(_form_url(demo), {"use": "skilled_need"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "In my assessment, a therapist&#x27;s skill is needed" in text
    assert "Jimmo" in text and "ALSFRS-R total recorded here changed from" in text
    assert PlanOfCare.objects.count() == 0 and _audits() == 0


def test_an_untouched_plan_of_care_prints_every_therapist_part_as_a_blank(demo: Demo) -> None:
    today = today_for(demo.patient)
    text = flat(build_pdf("plan-of-care", demo.patient, today))
    assert text.count("Not filled in yet: for the therapist to complete.") == 7
    assert "In my assessment" not in text  # a suggestion is never printed as theirs


def test_the_therapist_saves_and_signs_and_the_document_says_who_signed_when(demo: Demo) -> None:
    today = today_for(demo.patient)
    certified = today - timedelta(days=10)
    response = _post(
        demo,
        demo.therapist,
        goal_1="Keeps full knee straightening on both sides for 90 days",
        goal_1_status="met",
        skilled_need="Needs a therapist to adjust range as strength changes.",
        certifier="Dr <Lee> & Partners",
        certified_on=certified.isoformat(),
        sign="on",
    )
    assert response.status_code == 302
    care = PlanOfCare.objects.get(patient=demo.patient)
    assert care.signed_by == demo.therapist and care.signed_at is not None
    assert care.treatment_type == "" and care.decline_without == ""  # left empty stays empty
    event = AuditEvent.objects.get(action="plan_of_care_saved")
    assert event.actor == demo.therapist and "signed" in event.detail
    text = flat(build_pdf("plan-of-care", demo.patient, today))
    assert "signed in ALS Move by Tess Morgan" in text
    assert "Keeps full knee straightening on both sides for 90 days — Met" in text
    assert "Dr <Lee> & Partners" in text
    recert = certified + timedelta(days=90)
    assert f"{recert.day} {recert:%B} {recert.year}" in text
    assert text.count("Not filled in yet") == 5  # type, amount, frequency, duration, decline
    note = flat(build_pdf("progress-note", demo.patient, today, today - timedelta(days=30), today))
    assert "Keeps full knee straightening" in note and "Met" in note


def test_a_change_without_signing_again_takes_the_signature_off(demo: Demo) -> None:
    _post(demo, demo.therapist, goal_1="Sits for 30 minutes", sign="on")
    assert PlanOfCare.objects.get().signed_by == demo.therapist
    _post(demo, demo.therapist, goal_1="Sits for 45 minutes")
    care = PlanOfCare.objects.get()
    assert care.signed_by is None and care.goals == [{"text": "Sits for 45 minutes", "status": ""}]
    text = flat(build_pdf("plan-of-care", demo.patient, today_for(demo.patient)))
    assert "Therapist: not signed yet." in text
    assert _audits() == 2


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({}, "Write at least one part"),
        ({"goal_2_status": "met"}, "Write the goal before saying whether it was met"),
        ({"goal_1": "x", "certified_on": "2999-01-01"}, "cannot be certified on a day still"),
        ({"goal_1": "x", "start_of_care": "1850-01-01"}, "before 1900"),
        ({"amount": "20 min", "sign": "on"}, "before signing"),
    ],
)
def test_the_form_refuses_what_cannot_be_in_words_and_saves_nothing(
    demo: Demo, fields: dict[str, str], words: str
) -> None:
    response = _post(demo, demo.therapist, **fields)
    assert response.status_code == 400
    assert words in response.content.decode()
    assert PlanOfCare.objects.count() == 0 and _audits() == 0


def _grow(demo: Demo, n: int, tag: str) -> None:
    today = today_for(demo.patient)
    for i in range(n):
        Alert.objects.create(
            patient=demo.patient,
            day=today - timedelta(days=i),
            rule="OVERWORK-CRAMP-01",
            exercise=f"{tag}-{i}",
            message={"text": "You had severe cramps.", "params": {}},
        )
        PlanItem.objects.create(patient=demo.patient, slug=f"own-{tag}-{i}", name=f"Item {i}")


@pytest.mark.parametrize(
    "kind", ["routine-handout", "caregiver-handout", "progress-note", "plan-of-care"]
)
def test_each_document_makes_no_more_queries_with_ten_times_the_data(demo: Demo, kind: str) -> None:
    today = today_for(demo.patient)
    start = today - timedelta(days=60)
    on_demo_plan = PlanItem.objects.filter(patient=demo.patient).count()
    _grow(demo, 1, "one")
    context_for(kind, demo.patient, today, start, today)
    with CaptureQueriesContext(connection) as small:
        context_for(kind, demo.patient, today, start, today)
    _grow(demo, 10, "ten")
    with CaptureQueriesContext(connection) as large:
        context = context_for(kind, demo.patient, today, start, today)
    assert len(large) <= len(small), kind
    if kind == "progress-note":
        assert len(context["equipment"]) == on_demo_plan + 11 and len(context["events"]) >= 11
