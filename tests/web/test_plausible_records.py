"""Implausible dates are refused at every door, and a record that is inconsistent anyway
(older data) shows "not enough data" on its own pages without breaking anyone else's."""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format
from logbook_support import client_for, make_user

from alsmove.accounts.models import Role
from alsmove.assessments.models import Assessment
from alsmove.assessments.progress import build_progress
from alsmove.assessments.services import record_assessment
from alsmove.cli import main
from alsmove.demo.seed import Demo
from alsmove.logbook.models import Alert, SessionLog
from alsmove.patients.models import CareLink, Patient

ITEMS = {
    "1": 4, "2": 4, "3": 4, "4": 3, "5a": 3, "6": 3,
    "7": 3, "8": 2, "9": 2, "10": 4, "11": 4, "12": 4,
}  # fmt: skip
A = "neck-forward-tilt"


def _post_json(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def _log(day: str) -> dict[str, Any]:
    return {
        "client_id": str(uuid.uuid4()),
        "date": day,
        "exercises": [{"exercise": A, "status": "done", "pain": 6}],
        "fatigue": 9,
    }


@pytest.mark.parametrize("day", ["0001-03-01", "0001-01-01", "1899-12-31"])
def test_a_log_dated_before_1900_is_refused_in_words_and_raises_no_alert(
    demo: Demo, day: str
) -> None:
    logs, alerts = SessionLog.objects.count(), Alert.objects.count()
    response = _post_json(
        client_for(demo.person), f"/api/v1/patients/{demo.patient.pk}/logs", _log(day)
    )
    assert response.status_code == 400, response.content
    assert "before 1900" in response.json()["detail"]
    assert (SessionLog.objects.count(), Alert.objects.count()) == (logs, alerts)


def test_an_assessment_dated_1850_is_refused_by_the_api_and_the_entry_page(demo: Demo) -> None:
    pid = demo.patient.pk
    client = client_for(demo.therapist)
    before = Assessment.objects.count()
    response = _post_json(
        client, f"/api/v1/patients/{pid}/alsfrs", {"date": "1850-05-01", "items": ITEMS}
    )
    assert response.status_code == 400 and "before 1900" in response.json()["detail"]
    client.get(f"/patients/{pid}/alsfrs/new/")
    page = client.post(f"/patients/{pid}/alsfrs/new/date/", {"taken_on": "1850-05-01"})
    assert page.status_code == 200 and b"before 1900" in page.content
    assert Assessment.objects.count() == before


def test_the_command_line_refuses_dates_before_1900(tmp_path: Path, capsys: Any) -> None:
    assess = tmp_path / "assess.json"
    assess.write_text(
        json.dumps(
            {"onset_date": "1849-01-01", "assessments": [{"date": "1850-01-01", "items": ITEMS}]}
        )
    )
    assert main(["assess", str(assess)]) == 2
    assert "before 1900" in capsys.readouterr().err
    overwork = tmp_path / "overwork.json"
    overwork.write_text(
        json.dumps(
            {
                "sessions": [
                    {
                        "date": "0001-03-01",
                        "exercises": [],
                        "fatigue": 9,
                        "cramps": "none",
                        "breathless_after": False,
                    }
                ]
            }
        )
    )
    assert main(["overwork", str(overwork)]) == 2
    err = capsys.readouterr().err
    assert "sessions[0].date" in err and "before 1900" in err


def test_an_onset_after_stored_assessments_is_refused_naming_them(demo: Demo) -> None:
    patient = demo.patient
    days = sorted(patient.assessments.current().values_list("taken_on", flat=True))
    assert days, "the demo record has ALSFRS-R records"
    later = days[0] + timedelta(days=1)
    response = client_for(demo.person).post(
        f"/patients/{patient.pk}/edit/",
        {"display_name": patient.display_name, "onset_date": later.isoformat()},
    )
    assert response.status_code == 200
    # The record's day, written as the page writes dates ("7 March 2026").
    assert date_format(days[0], "DATE_FORMAT").encode() in response.content
    patient.refresh_from_db()
    assert patient.onset_date is not None and patient.onset_date < days[0]


def test_an_onset_after_the_diagnosis_or_before_1900_is_refused_on_the_form(demo: Demo) -> None:
    patient = demo.patient
    url = f"/patients/{patient.pk}/edit/"
    client = client_for(demo.person)
    for fields, words in (
        ({"onset_date": "1850-01-01"}, b"before 1900"),
        ({"onset_date": "2024-05-01", "diagnosis_date": "2024-01-01"}, b"Diagnosis cannot come"),
    ):
        response = client.post(url, {"display_name": patient.display_name, **fields})
        assert response.status_code == 200 and words in response.content


def _broken(patient: Patient) -> None:
    """Older data: the onset date after every stored record (the product now refuses it)."""
    last = patient.assessments.current().order_by("taken_on").last()
    assert last is not None and last.taken_on < timezone.localdate()
    Patient.objects.filter(pk=patient.pk).update(onset_date=last.taken_on + timedelta(days=1))


def test_a_broken_record_in_a_caseload_of_50_breaks_no_page(demo: Demo) -> None:
    today = timezone.localdate()
    for number in range(49):
        patient = Patient.objects.create(
            display_name=f"Person {number:02d}",
            organisation=demo.riverside,
            onset_date=today - timedelta(days=500),
            created_by=demo.therapist,
        )
        CareLink.objects.create(
            patient=patient, member=demo.therapist, relation="therapist", permission="edit_plan"
        )
        record_assessment(
            patient=patient, by=demo.therapist, taken_on=today - timedelta(days=10), items=ITEMS
        )
    broken = demo.patient
    # Linked to a therapist of the other clinic as well: both caseloads hold it.
    CareLink.objects.create(
        patient=broken, member=demo.other_therapist, relation="therapist", permission="view"
    )
    _broken(broken)
    for therapist in (demo.therapist, demo.other_therapist):
        page = client_for(therapist).get("/caseload/")
        assert page.status_code == 200
        assert broken.display_name.encode() in page.content
    assert client_for(demo.therapist).get("/caseload/").content.count(b"Person ") >= 49
    own = client_for(demo.person).get(f"/patients/{broken.pk}/progress/")
    assert own.status_code == 200 and b"Not enough data" in own.content
    other = client_for(demo.therapist).get(
        f"/patients/{Patient.objects.get(display_name='Person 00').pk}/progress/"
    )
    assert other.status_code == 200 and b"Not enough data" not in other.content
    api = client_for(demo.person).get(f"/api/v1/patients/{broken.pk}/progression")
    assert api.status_code == 404 and "Not enough data" in api.json()["detail"]
    caregiver_home = client_for(demo.caregiver).get("/")
    assert caregiver_home.status_code == 200


def test_a_stored_log_from_year_1_still_opens_its_page(demo: Demo) -> None:
    log = SessionLog.objects.create(
        patient=demo.patient, client_id=uuid.uuid4(), day=date(1, 1, 1), fatigue=2
    )
    response = client_for(demo.person).get(f"/patients/{demo.patient.pk}/log/{log.pk}/")
    assert response.status_code == 200


def test_an_unrelated_therapist_still_sees_only_their_own_caseload(demo: Demo) -> None:
    stranger = make_user("stranger-pt@example.org", "Stranger", Role.THERAPIST)
    _broken(demo.patient)
    page = client_for(stranger).get("/caseload/")
    assert page.status_code == 200 and demo.patient.display_name.encode() not in page.content


def test_an_assessment_from_year_1_in_old_data_is_listed_but_not_charted(demo: Demo) -> None:
    first = demo.patient.assessments.current().order_by("taken_on").first()
    assert first is not None
    Assessment.objects.create(
        patient=demo.patient,
        taken_on=date(1, 1, 1),
        items=first.items,
        total=first.total,
        source="self_report",
    )
    page = client_for(demo.person).get(f"/patients/{demo.patient.pk}/progress/")
    assert page.status_code == 200
    year_one = date_format(date(1, 1, 1), "DATE_FORMAT").encode()  # "1 January 1"
    assert b"Not enough data" in page.content and year_one in page.content
    # The charts start at the first plausible record, not in year 1.
    context = build_progress(demo.patient, demo.person, today=timezone.localdate())
    assert context["latest_assessment"].taken_on.year > 1900
    assert all(day.year > 1900 for day, _ in context["domain_charts"][0]["points"])
