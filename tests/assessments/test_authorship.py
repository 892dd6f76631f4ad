"""Clinical records keep their author (issue 10, item 2; ALSFRS-SOURCE-01).

The reproduction: a caregiver opened a therapist's ALSFRS-R record with `?edit=ID`,
changed it and saved; the clinician's rating was superseded by a self-report, and
staging, the forecast and the caseload read the new one. Now the correction is refused
by the access policy, and the caregiver adds their own self-report beside it.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from signin_support import sign_in

from alsmove.accounts.models import AuditEvent, User
from alsmove.assessments.models import Assessment, AssessmentDraft, Source
from alsmove.assessments.services import (
    current_records,
    progression_summary,
    record_assessment,
    shown_records,
)
from alsmove.core.alsfrs_source import CLINICIAN, SELF_REPORT, counted
from alsmove.demo.seed import Demo
from alsmove.logbook.attention import caseload

ITEM_STEPS = ["1", "2", "3", "4", "tube", "5", "6", "7", "8", "9", "10", "11", "12"]
CLINICIAN_ITEMS = {
    "1": 4,
    "2": 3,
    "3": 4,
    "4": 3,
    "5a": 3,
    "6": 2,
    "7": 2,
    "8": 1,
    "9": 0,
    "10": 4,
    "11": 4,
    "12": 4,
}  # total 34


def _client(user: User) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def _clinician_rating_today(demo: Demo) -> Assessment:
    Assessment.objects.filter(patient=demo.patient, taken_on=timezone.localdate()).delete()
    return record_assessment(
        patient=demo.patient,
        by=demo.therapist,
        taken_on=timezone.localdate(),
        items=CLINICIAN_ITEMS,
    )


def _rows() -> tuple[int, int]:
    return Assessment.objects.count(), Assessment.objects.filter(
        superseded_at__isnull=False
    ).count()


def test_a_caregiver_cannot_open_a_clinicians_record_for_changing(demo: Demo) -> None:
    rating = _clinician_rating_today(demo)
    before = _rows()
    client = _client(demo.caregiver)
    response = client.get(f"/patients/{demo.patient.pk}/alsfrs/new/?edit={rating.pk}")
    assert response.status_code == 403
    assert _rows() == before
    assert AuditEvent.objects.filter(
        actor=demo.caregiver, action="refused", detail="rate_as_clinician"
    ).exists()
    # Not even by writing the draft by hand: the service asks the policy again.
    AssessmentDraft.objects.create(
        patient=demo.patient,
        source="self_report",
        taken_on=rating.taken_on,
        tube=False,
        answers={**{k: 0 for k in CLINICIAN_ITEMS if k != "5a"}, "5": 0},
        replaces=rating,
    )
    saved = client.post(f"/patients/{demo.patient.pk}/alsfrs/new/review/")
    assert saved.status_code == 403
    assert _rows() == before
    rating.refresh_from_db()
    assert rating.superseded_at is None


def test_the_person_cannot_change_a_clinicians_record_either(demo: Demo) -> None:
    rating = _clinician_rating_today(demo)
    response = _client(demo.person).get(f"/patients/{demo.patient.pk}/alsfrs/new/?edit={rating.pk}")
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        record_assessment(
            patient=demo.patient,
            by=demo.person,
            taken_on=rating.taken_on,
            items={**CLINICIAN_ITEMS, "1": 0},
            replaces=rating,
        )
    rating.refresh_from_db()
    assert rating.superseded_at is None


def test_a_caregiver_who_disagrees_adds_a_self_report_beside_it_and_the_clinicians_counts(
    demo: Demo,
) -> None:
    rating = _clinician_rating_today(demo)
    pid = demo.patient.pk
    client = _client(demo.caregiver)
    history = client.get(f"/patients/{pid}/alsfrs/").content.decode()
    assert f"?edit={rating.pk}" not in history and f"?beside={rating.pk}" in history
    # The draft starts from the clinician's answers; the caregiver changes one.
    client.get(f"/patients/{pid}/alsfrs/new/?beside={rating.pk}")
    client.post(f"/patients/{pid}/alsfrs/new/date/", {"taken_on": rating.taken_on.isoformat()})
    client.post(f"/patients/{pid}/alsfrs/new/9/", {"answer": "2", "back_to_review": "1"})
    response = client.post(f"/patients/{pid}/alsfrs/new/review/")
    assert response.status_code == 302
    rating.refresh_from_db()
    assert rating.superseded_at is None
    beside = Assessment.objects.current().get(
        patient=demo.patient, taken_on=rating.taken_on, source=Source.SELF_REPORT
    )
    assert beside.entered_by == demo.caregiver and beside.total == rating.total + 2
    assert beside.replaces is None
    # Staging, the summary and the caseload read the clinician's rating.
    assert current_records(demo.patient)[-1][0] == rating
    assert [a.pk for a, _ in shown_records(demo.patient)][-2:] == [rating.pk, beside.pk]
    summary = progression_summary(demo.patient)
    assert summary is not None and summary["assessments"][-1]["total"] == rating.total
    row = next(
        r for r in caseload(demo.therapist, timezone.localdate()) if r.patient == demo.patient
    )
    onset = demo.patient.onset_date
    assert onset is not None
    months = (rating.taken_on - onset).days / 30.4375
    assert row.rate == round((48 - rating.total) / months, 2)
    # The progress page shows both, marked.
    page = client.get(f"/patients/{pid}/progress/").content.decode()
    assert "beside the clinician's rating of this day" in page
    assert "The stages, the rate and the forecast use the clinician" in page


def test_the_therapist_corrects_their_rating_and_every_version_keeps_its_author(
    demo: Demo,
) -> None:
    rating = _clinician_rating_today(demo)
    pid = demo.patient.pk
    client = _client(demo.therapist)
    assert client.get(f"/patients/{pid}/alsfrs/new/?edit={rating.pk}").status_code == 302
    client.post(f"/patients/{pid}/alsfrs/new/1/", {"answer": "3", "back_to_review": "1"})
    assert client.post(f"/patients/{pid}/alsfrs/new/review/").status_code == 302
    rating.refresh_from_db()
    new = Assessment.objects.current().get(patient=demo.patient, taken_on=rating.taken_on)
    assert rating.superseded_at is not None and new.replaces == rating
    assert new.source == Source.CLINICIAN and new.entered_by == demo.therapist
    assert rating.entered_by == demo.therapist and rating.created_at <= new.created_at
    history = client.get(f"/patients/{pid}/alsfrs/").content.decode()
    assert history.count("Tess Morgan") >= 2 and "Replaced on" in history


def test_a_therapist_adds_their_own_rating_beside_a_self_report_instead_of_changing_it(
    demo: Demo,
) -> None:
    today = timezone.localdate()
    Assessment.objects.filter(patient=demo.patient, taken_on=today).delete()
    report = record_assessment(
        patient=demo.patient, by=demo.person, taken_on=today, items=CLINICIAN_ITEMS
    )
    client = _client(demo.therapist)
    assert (
        client.get(f"/patients/{demo.patient.pk}/alsfrs/new/?edit={report.pk}").status_code == 403
    )
    rating = record_assessment(
        patient=demo.patient, by=demo.therapist, taken_on=today, items={**CLINICIAN_ITEMS, "1": 2}
    )
    assert rating.source == Source.CLINICIAN
    assert current_records(demo.patient)[-1][0] == rating


def test_a_caregiver_may_correct_the_persons_self_report(demo: Demo) -> None:
    today = timezone.localdate()
    Assessment.objects.filter(patient=demo.patient, taken_on=today).delete()
    report = record_assessment(
        patient=demo.patient, by=demo.person, taken_on=today, items=CLINICIAN_ITEMS
    )
    new = record_assessment(
        patient=demo.patient,
        by=demo.caregiver,
        taken_on=today,
        items={**CLINICIAN_ITEMS, "2": 2},
        replaces=report,
    )
    assert new.source == Source.SELF_REPORT and new.entered_by == demo.caregiver
    report.refresh_from_db()
    assert report.superseded_at is not None and report.entered_by == demo.person


def test_a_second_self_report_on_the_same_day_is_refused_in_words(demo: Demo) -> None:
    today = timezone.localdate()
    Assessment.objects.filter(patient=demo.patient, taken_on=today).delete()
    record_assessment(patient=demo.patient, by=demo.person, taken_on=today, items=CLINICIAN_ITEMS)
    response = _client(demo.caregiver).post(
        f"/api/v1/patients/{demo.patient.pk}/alsfrs",
        json.dumps({"date": today.isoformat(), "items": CLINICIAN_ITEMS}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "already a self-report" in response.json()["detail"]


def test_the_database_holds_one_current_record_a_day_for_each_source(demo: Demo) -> None:
    rating = _clinician_rating_today(demo)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(
            patient=demo.patient,
            taken_on=rating.taken_on,
            items=rating.items,
            total=rating.total,
            source=Source.CLINICIAN,
        )
    # A self-report the same day is allowed.
    Assessment.objects.create(
        patient=demo.patient,
        taken_on=rating.taken_on,
        items=rating.items,
        total=rating.total,
        source=Source.SELF_REPORT,
    )


def test_the_api_refuses_a_caregivers_correction_and_takes_their_own_record(demo: Demo) -> None:
    rating = _clinician_rating_today(demo)
    url = f"/api/v1/patients/{demo.patient.pk}/alsfrs"
    body = json.dumps({"date": rating.taken_on.isoformat(), "items": {**CLINICIAN_ITEMS, "9": 2}})
    caregiver = _client(demo.caregiver)
    before = _rows()
    refused = caregiver.put(f"{url}/{rating.pk}", body, content_type="application/json")
    assert refused.status_code == 403 and refused.json() == {
        "detail": "You do not have permission for this."
    }
    assert _rows() == before
    added = caregiver.post(url, body, content_type="application/json")
    assert added.status_code == 201
    assert added.json()["source"] == "self_report" and added.json()["counted"] is False
    listed = {r["id"]: r for r in caregiver.get(url).json()}
    assert listed[rating.pk]["counted"] is True and listed[rating.pk]["entered_by"] == "Tess Morgan"
    assert listed[added.json()["id"]]["entered_at"]
    # The therapist corrects their own rating through the same route.
    corrected = _client(demo.therapist).put(
        f"{url}/{rating.pk}", body, content_type="application/json"
    )
    assert corrected.status_code == 200
    assert corrected.json()["replaces"] == rating.pk and corrected.json()["source"] == "clinician"


def test_the_api_answers_a_correction_of_an_unknown_record_with_404(demo: Demo) -> None:
    url = f"/api/v1/patients/{demo.patient.pk}/alsfrs/999999"
    body = json.dumps({"date": "2026-01-01", "items": CLINICIAN_ITEMS})
    response = _client(demo.therapist).put(url, body, content_type="application/json")
    assert response.status_code == 404


# The core rule, on its own.


def test_counted_keeps_one_record_a_day_preferring_the_clinicians() -> None:
    day1, day2 = date(2026, 1, 1), date(2026, 2, 1)
    records = [(day1, SELF_REPORT, "a"), (day1, CLINICIAN, "b"), (day2, SELF_REPORT, "c")]
    chosen = counted(records, day=lambda r: r[0], source=lambda r: r[1])
    assert [r[2] for r in chosen] == ["b", "c"]


@given(
    st.lists(
        st.tuples(
            st.dates(min_value=date(2020, 1, 1), max_value=date(2020, 1, 10)),
            st.sampled_from([CLINICIAN, SELF_REPORT]),
        ),
        max_size=30,
    )
)
def test_counted_has_one_record_per_day_and_a_clinicians_wherever_there_is_one(
    records: list[tuple[date, str]],
) -> None:
    chosen = counted(records, day=lambda r: r[0], source=lambda r: r[1])
    days = [r[0] for r in chosen]
    assert len(days) == len(set(days)) == len({r[0] for r in records})
    for day in days:
        has_clinician = any(r == (day, CLINICIAN) for r in records)
        assert (next(r for r in chosen if r[0] == day)[1] == CLINICIAN) == has_clinician
