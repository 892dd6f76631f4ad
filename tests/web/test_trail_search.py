"""The clinic administrator searches and exports the audit trail of their clinic only."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from signin_support import sign_in

from alsmove.accounts.audit import READ
from alsmove.accounts.models import AuditEvent, Role, User
from alsmove.demo.seed import Demo
from alsmove.web.trail_search import safe_cell

URL = "/clinic/trail/"
CSV_URL = "/clinic/trail.csv"


def _client(user: Any) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def _hillside_admin(demo: Demo) -> User:
    return User.objects.create_user(
        email="hill-admin@example.org",
        password="a-long-pass-1",
        full_name="Hana Hill",
        role=Role.ADMIN,
        organisation=demo.hillside,
        disclaimer_accepted_at=timezone.now(),
    )


def _rows(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 200
    return list(response.context["rows"])


def _csv(response: Any) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def _reads(demo: Demo) -> None:
    assert _client(demo.therapist).get(f"/patients/{demo.patient.pk}/progress/").status_code == 200
    omar = _client(demo.other_therapist)
    assert omar.get(f"/patients/{demo.other_patient.pk}/routine/").status_code == 200


def test_the_administrator_finds_a_therapists_read_of_a_record_in_their_clinic(demo: Demo) -> None:
    _reads(demo)
    rows = _rows(_client(demo.admin).get(URL, {"person": demo.patient.pk, "kind": "reads"}))
    assert rows and all(r["record"] == "Sam Rivera" for r in rows)
    assert any(r["who"] == "Tess Morgan" and "progress" in r["what"] for r in rows)


def test_an_administrator_of_clinic_b_sees_none_of_clinic_a_rows_also_in_the_csv(
    demo: Demo,
) -> None:
    _reads(demo)
    hill = _client(_hillside_admin(demo))
    rows = _rows(hill.get(URL))
    assert any(r["who"] == "Omar Haddad" for r in rows)
    assert not any("Sam Rivera" in r["record"] or r["who"] == "Tess Morgan" for r in rows)
    # Asking for clinic A's record by its id is refused by the form, not answered.
    assert hill.get(URL, {"person": demo.patient.pk}).status_code == 400
    exported = _csv(hill.get(CSV_URL))
    text = repr(exported)
    assert "Omar Haddad" in text
    assert "Sam Rivera" not in text and "Tess Morgan" not in text
    assert hill.get(CSV_URL, {"person": demo.patient.pk}).status_code == 400


def test_the_search_filters_by_staff_member_and_by_date_range(demo: Demo) -> None:
    old = timezone.now() - timedelta(days=40)
    AuditEvent.objects.create(
        at=old, actor=demo.therapist, patient=demo.patient, action=READ, kind="routines:routine"
    )
    _reads(demo)
    admin = _client(demo.admin)
    day = (old.date() - timedelta(days=1)).isoformat()
    until = (old.date() + timedelta(days=1)).isoformat()
    rows = _rows(admin.get(URL, {"staff": demo.therapist.pk, "since": day, "until": until}))
    assert len(rows) == 1 and "exercise routine" in rows[0]["what"]
    assert _rows(admin.get(URL, {"staff": demo.admin.pk, "kind": "reads"})) == []
    assert admin.get(URL, {"since": until, "until": day}).status_code == 400


def test_a_refused_try_by_a_person_shows_their_role_and_no_name(demo: Demo) -> None:
    assert _client(demo.person).get(f"/patients/{demo.other_patient.pk}/").status_code == 404
    rows = _rows(_client(demo.admin).get(URL, {"kind": "refusals"}))
    assert rows
    assert all("Sam Rivera" not in r["who"] and r["record"] == "" for r in rows)
    assert any("A person with ALS" in r["who"] for r in rows)


def test_the_csv_makes_formulas_plain_text(demo: Demo) -> None:
    AuditEvent.objects.create(
        actor=demo.therapist,
        actor_label='=HYPERLINK("http://evil.example","x")',
        patient=demo.patient,
        action=READ,
        kind="patients:overview",
    )
    rows = _csv(_client(demo.admin).get(CSV_URL, {"kind": "reads"}))
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://evil.example","x")' in cells
    assert not any(cell[:1] in ("=", "+", "-", "@") for cell in cells)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_starting_like_a_formula_is_escaped(start: str) -> None:
    assert safe_cell(f"{start}1+1") == f"'{start}1+1"
    assert safe_cell("Tess Morgan") == "Tess Morgan"


def test_the_export_is_itself_in_the_trail(demo: Demo) -> None:
    _csv(_client(demo.admin).get(CSV_URL, {"kind": "reads", "staff": demo.therapist.pk}))
    export = AuditEvent.objects.get(action="trail_exported")
    assert export.actor_id == demo.admin.pk
    assert export.organisation_id == demo.riverside.pk
    assert f"staff={demo.therapist.pk}" in export.detail
    rows = _rows(_client(demo.admin).get(URL, {"kind": "accounts"}))
    assert any("Exported the audit trail" in r["what"] for r in rows)


def test_the_trail_pages_are_for_clinic_administrators_only(demo: Demo) -> None:
    for user in (demo.therapist, demo.person, demo.caregiver):
        client = _client(user)
        assert client.get(URL).status_code == 403
        assert client.get(CSV_URL).status_code == 403
    assert not AuditEvent.objects.filter(action="trail_exported").exists()


def test_the_clinic_page_links_to_the_trail_and_lists_no_names_of_refused_people(
    demo: Demo,
) -> None:
    assert _client(demo.person).get(f"/patients/{demo.other_patient.pk}/").status_code == 404
    page = _client(demo.admin).get("/clinic/").content.decode()
    assert URL in page
    assert "Sam Rivera" not in page


def test_the_trail_is_paginated(demo: Demo) -> None:
    now = timezone.now()
    for n in range(55):
        AuditEvent.objects.create(
            at=now - timedelta(seconds=n), actor=demo.therapist, patient=demo.patient,
            action=READ, kind="patients:overview",
        )  # fmt: skip
    admin = _client(demo.admin)
    assert len(_rows(admin.get(URL, {"kind": "reads"}))) == 50
    second = admin.get(URL, {"kind": "reads", "page": 2})
    assert len(_rows(second)) >= 5
