"""The therapist's caseload (ordered by what needs attention) and a record's alerts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import EmptyResultSet
from django.utils import timezone
from logbook_support import client_for, log_session, therapists_record

from alsmove.accounts.models import AuditEvent, User
from alsmove.assessments.services import record_assessment
from alsmove.demo.seed import Demo
from alsmove.logbook import attention
from alsmove.logbook.attention import FAST_DECLINE, NEW_ALERTS, NO_LOGS, NOTHING, REVIEW, caseload
from alsmove.logbook.models import Alert
from alsmove.patients.models import Relation
from alsmove.patients.policy import visible_patients
from alsmove.routines.models import RoutinePlan, Status


def _open_alert(demo: Demo, days_ago: int = 2) -> Alert:
    """An alert raised the way the product raises one: pain 5 during an exercise."""
    day = timezone.localdate() - timedelta(days=days_ago)
    log_session(demo.patient, demo.caregiver, day=day, pain_on="neck-forward-tilt", pain=5)
    return Alert.objects.get(patient=demo.patient, day=day, rule="OVERWORK-PAIN-01")


def _caseload_of_five(demo: Demo) -> None:
    """Beside Sam (an open alert): one quiet, one declining fast, one with a routine to
    review and one with nothing to do; their names sort the other way round."""
    today = timezone.localdate()
    fine = therapists_record(demo, "Aaron Fine")
    review = therapists_record(demo, "Beth Review")
    fast = therapists_record(demo, "Cora Fast", onset_days=180)
    therapists_record(demo, "Dan Quiet")
    for patient in (fine, review, fast):
        log_session(patient, demo.person, day=today - timedelta(days=1))
    record_assessment(
        patient=fast,
        by=demo.therapist,
        taken_on=today - timedelta(days=3),
        items={k: 2 for k in ("1", "2", "3", "4", "5a", "6", "7", "8", "9", "10", "11", "12")},
    )
    RoutinePlan.objects.create(patient=review, version=1, status=Status.PROPOSED, stage="early")
    # Not Tess's: a record she may not see, and one where her link was revoked.
    therapists_record(demo, "Eve Elsewhere", linked=False)
    gone = therapists_record(demo, "Finn Former")
    gone.care_links.update(revoked_at=timezone.now())


def test_the_caseload_puts_new_alerts_first_then_quiet_records_then_fast_decline_then_review(
    demo: Demo,
) -> None:
    _open_alert(demo)
    _caseload_of_five(demo)
    rows = caseload(demo.therapist, timezone.localdate())
    order = [(r.patient.display_name, r.rank) for r in rows]
    assert order == [
        ("Sam Rivera", NEW_ALERTS),
        ("Dan Quiet", NO_LOGS),
        ("Cora Fast", FAST_DECLINE),
        ("Beth Review", REVIEW),
        ("Aaron Fine", NOTHING),
    ]
    page = client_for(demo.therapist).get("/caseload/").content.decode()
    positions = [page.index(name) for name, _ in order]
    assert positions == sorted(positions)
    assert "1 new alert to look at" in page
    assert "No sessions logged yet." in page
    assert "Function is falling faster than average" in page
    assert "A new routine is waiting for your review." in page
    assert "Nothing needs your attention." in page
    assert "Eve Elsewhere" not in page and "Finn Former" not in page


def test_a_week_without_a_log_is_named_with_the_day_of_the_last_one(demo: Demo) -> None:
    patient = therapists_record(demo, "Gil Quiet")
    log_session(patient, demo.person, day=timezone.localdate() - timedelta(days=9))
    row = next(r for r in caseload(demo.therapist, timezone.localdate()) if r.patient == patient)
    assert row.rank == NO_LOGS
    assert row.reasons[0].startswith("No session logged for 9 days")


def test_acknowledging_an_alert_needs_a_note(demo: Demo) -> None:
    alert = _open_alert(demo)
    url = f"/patients/{demo.patient.pk}/alerts/{alert.pk}/acknowledge/"
    client = client_for(demo.therapist)

    response = client.post(url, {"note": "   "})
    assert response.status_code == 200
    assert "Write a short note: what you did or advised." in response.content.decode()
    response = client.post(url, {"note": "x" * 501})
    assert "Keep the note to 500 characters or fewer." in response.content.decode()
    assert b"x" * 501 in response.content  # what was typed is kept
    alert.refresh_from_db()
    assert alert.acknowledged_at is None

    response = client.post(url, {"note": "Phoned Sam: resting today, feels better."})
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.acknowledged_by == demo.therapist and alert.acknowledged_at is not None
    assert alert.acknowledgement == "Phoned Sam: resting today, feels better."
    assert AuditEvent.objects.filter(
        patient=demo.patient, actor=demo.therapist, action="alert_acknowledged"
    ).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Acknowledged by Tess Morgan" in page


def test_an_alert_acknowledged_once_keeps_its_first_note(demo: Demo) -> None:
    alert = _open_alert(demo)
    url = f"/patients/{demo.patient.pk}/alerts/{alert.pk}/acknowledge/"
    client = client_for(demo.therapist)
    client.post(url, {"note": "First note."})
    response = client.post(url, {"note": "Second note."}, follow=True)
    assert "has already acknowledged this alert" in response.content.decode()
    alert.refresh_from_db()
    assert alert.acknowledgement == "First note."


def test_a_caregiver_reads_the_alerts_but_cannot_acknowledge_them(demo: Demo) -> None:
    alert = _open_alert(demo)
    client = client_for(demo.caregiver)
    page = client.get(f"/patients/{demo.patient.pk}/alerts/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Pain during an exercise" in text and alert.rule not in text  # words, not rule ids
    assert "acknowledge/" not in text  # no form
    response = client.post(
        f"/patients/{demo.patient.pk}/alerts/{alert.pk}/acknowledge/", {"note": "Seen it."}
    )
    assert response.status_code == 403
    alert.refresh_from_db()
    assert alert.acknowledged_at is None


def test_an_unrelated_therapist_sees_neither_the_patient_in_the_caseload_nor_the_alerts(
    demo: Demo,
) -> None:
    alert = _open_alert(demo)
    client = client_for(demo.other_therapist)
    page = client.get("/caseload/").content.decode()
    assert "Priya Nair" in page and "Sam Rivera" not in page
    assert client.get(f"/patients/{demo.patient.pk}/alerts/").status_code == 404
    url = f"/patients/{demo.patient.pk}/alerts/{alert.pk}/acknowledge/"
    assert client.post(url, {"note": "Not mine."}).status_code == 404
    alert.refresh_from_db()
    assert alert.acknowledged_at is None


def test_an_alert_of_another_record_cannot_be_reached_through_this_one(demo: Demo) -> None:
    other = Alert.objects.create(
        patient=demo.other_patient,
        day=timezone.localdate(),
        rule="OVERWORK-CRAMP-01",
        message={"text": "You had severe cramps.", "params": {}},
    )
    url = f"/patients/{demo.patient.pk}/alerts/{other.pk}/acknowledge/"
    assert client_for(demo.therapist).post(url, {"note": "Hm."}).status_code == 404
    other.refresh_from_db()
    assert other.acknowledged_at is None


def test_someone_who_is_nobodys_therapist_gets_a_plain_message(demo: Demo) -> None:
    response = client_for(demo.caregiver).get("/caseload/")
    assert response.status_code == 200
    assert "You are not linked to anyone as their therapist yet" in response.content.decode()


def test_the_alerts_page_lists_the_newest_first_with_the_rule_and_the_message(
    demo: Demo,
) -> None:
    alerts = [_open_alert(demo, days_ago) for days_ago in (40, 20, 3)]
    client = client_for(demo.therapist)
    client.post(
        f"/patients/{demo.patient.pk}/alerts/{alerts[1].pk}/acknowledge/",
        {"note": "Looked at the technique."},
    )
    text = client.get(f"/patients/{demo.patient.pk}/alerts/").content.decode()
    headings = [f"{a.day:%-d %B %Y}: Pain during an exercise" for a in alerts]
    newest, middle, oldest = (text.index(h) for h in reversed(headings))
    assert text.index("New: 2 alerts to look at") < newest < oldest < text.index("Looked at")
    assert text.index("Looked at") < middle
    assert "You felt pain (5 out of 10) during Neck forward tilt." in text
    assert "OVERWORK-PAIN-01" in text and "Looked at the technique." in text


def test_the_caseloads_policy_subquery_compiled_once_is_the_orms_own_for_every_reader(
    demo: Demo,
) -> None:
    # attention._mine compiles visible_patients narrowed to the therapist links once, with
    # a stand-in key: for each reader it must be the SQL and parameters compiled fresh.
    def fresh(user: Any) -> tuple[str, list[Any]] | None:
        try:
            sql, params = (
                visible_patients(user)
                .filter(
                    care_links__member=user,
                    care_links__relation=Relation.THERAPIST,
                    care_links__revoked_at__isnull=True,
                )
                .order_by()
                .values("pk")
                .query.sql_with_params()
            )
        except EmptyResultSet:
            return None
        return sql, list(params)

    switched_off = User.objects.create_user(
        email="gone@example.org", password="x" * 16, role="therapist", is_active=False
    )
    readers = [
        demo.therapist,
        demo.other_therapist,
        demo.person,
        demo.caregiver,
        demo.admin,
        switched_off,
    ]
    for reader in readers:
        assert attention._mine(reader) == fresh(reader)
    assert attention._mine(switched_off) is None
    assert attention._mine(AnonymousUser()) is None  # (the page asks to sign in first)
