"""The documents download from the record's pages and the API as the person and the
therapist (the handouts as the caregiver too), through the access policy, audited;
strangers are refused and nothing changes; a period that cannot be is refused in words."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from pdf_support import flat
from signin_support import sign_in

from alsmove.accounts.models import AuditEvent
from alsmove.demo.seed import Demo
from alsmove.documents.models import PlanOfCare
from alsmove.patients.clock import today_for

KINDS = ("routine-handout", "caregiver-handout", "progress-note", "plan-of-care")
HANDOUTS = ("routine-handout", "caregiver-handout")


def _client(user: object) -> Client:
    client = Client()
    sign_in(client, user)  # type: ignore[arg-type]
    return client


def _page(demo: Demo, kind: str) -> str:
    return f"/patients/{demo.patient.pk}/documents/{kind}.pdf"


def _api(demo: Demo, kind: str) -> str:
    return f"/api/v1/patients/{demo.patient.pk}/documents/{kind}.pdf"


def _downloads(demo: Demo) -> int:
    return AuditEvent.objects.filter(patient=demo.patient, action="document_downloaded").count()


def test_the_record_page_links_to_the_documents_page(demo: Demo) -> None:
    page = _client(demo.person).get(f"/patients/{demo.patient.pk}/").content.decode()
    assert f"/patients/{demo.patient.pk}/documents/" in page
    assert "printable documents" not in page  # the "not built yet" note no longer says it


def test_the_documents_page_describes_each_document_in_plain_words(demo: Demo) -> None:
    page = _client(demo.person).get(f"/patients/{demo.patient.pk}/documents/")
    assert page.status_code == 200
    text = page.content.decode()
    for kind in KINDS:
        assert _page(demo, kind) in text
    assert "Large print, for the fridge" in text
    assert "Write or change the plan of care" not in text  # the person does not write it


@pytest.mark.parametrize("who", ["person", "therapist"])
def test_the_person_and_the_therapist_download_all_four_documents(demo: Demo, who: str) -> None:
    client = _client(getattr(demo, who))
    before = _downloads(demo)
    for kind in KINDS:
        for url in (_page(demo, kind), _api(demo, kind)):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response["Content-Type"] == "application/pdf"
            assert f'filename="{kind}-' in response["Content-Disposition"]
            assert "Sam Rivera" in flat(response.content)
    assert _downloads(demo) == before + 2 * len(KINDS)
    event = AuditEvent.objects.filter(action="document_downloaded").order_by("-at").first()
    assert event is not None and event.actor == getattr(demo, who)


def test_the_caregiver_downloads_the_handouts_but_not_the_clinical_documents(demo: Demo) -> None:
    client = _client(demo.caregiver)
    for kind in HANDOUTS:
        assert client.get(_page(demo, kind)).status_code == 200
        assert client.get(_api(demo, kind)).status_code == 200
    for kind in ("progress-note", "plan-of-care"):
        assert client.get(_page(demo, kind)).status_code == 403
        assert client.get(_api(demo, kind)).status_code == 403
    page = client.get(f"/patients/{demo.patient.pk}/documents/").content.decode()
    assert _page(demo, "plan-of-care") not in page


def test_strangers_are_refused_every_document_and_nothing_changes(demo: Demo) -> None:
    before = (_downloads(demo), PlanOfCare.objects.count())
    for user in (demo.other_therapist, demo.other_person, demo.admin):
        client = _client(user)
        for kind in KINDS:
            for url in (_page(demo, kind), _api(demo, kind)):
                response = client.get(url)
                assert response.status_code == 404, (user, url)
                assert b"Sam Rivera" not in response.content
    anonymous = Client()
    for kind in KINDS:
        assert anonymous.get(_page(demo, kind)).status_code == 302
        assert anonymous.get(_api(demo, kind)).status_code == 401
    assert (_downloads(demo), PlanOfCare.objects.count()) == before


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        ("1850-01-01", None, "before 1900"),
        (None, "2999-01-01", "in the future"),
        ("2026-06-01", "2026-05-01", "ends before it starts"),
        ("2026-02-30", None, "Enter a valid date"),
    ],
)
def test_a_period_that_cannot_be_is_refused_in_words(
    demo: Demo, start: str | None, end: str | None, words: str
) -> None:
    today = today_for(demo.patient)
    start = start or (today - timedelta(days=30)).isoformat()
    end = end or today.isoformat()
    client = _client(demo.therapist)
    before = _downloads(demo)
    page = client.get(_page(demo, "progress-note"), {"from": start, "to": end})
    assert page.status_code == 400 and words in page.content.decode()
    api = client.get(_api(demo, "progress-note"), {"from": start, "to": end})
    assert api.status_code == 422
    assert _downloads(demo) == before


def test_the_progress_note_covers_the_period_asked_for(demo: Demo) -> None:
    today = today_for(demo.patient)
    start = today - timedelta(days=400)
    response = _client(demo.therapist).get(
        _page(demo, "progress-note"), {"from": start.isoformat(), "to": today.isoformat()}
    )
    assert response.status_code == 200
    assert f"{start.day} {start:%B} {start.year}" in flat(response.content)


def test_the_openapi_document_declares_the_pdfs_and_their_refusals(demo: Demo) -> None:
    spec = _client(demo.person).get("/api/v1/openapi.json").json()
    for kind in KINDS:
        operation = spec["paths"][f"/api/v1/patients/{{patient_id}}/documents/{kind}.pdf"]["get"]
        responses = operation["responses"]
        assert "application/pdf" in responses["200"]["content"]
        assert {"401", "403", "404", "422"} <= set(responses)
    note = spec["paths"]["/api/v1/patients/{patient_id}/documents/progress-note.pdf"]["get"]
    assert {p["name"] for p in note["parameters"]} >= {"from", "to"}
