"""The home page reads what it shows in plain SQL (web.hub.person_row, invitation_counts),
on every request: each input changed shows at the next request, and the check-ins due are
the logbook's own rule (logbook.services.due_checkins)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from signin_support import sign_in

from alsmove.assessments.models import Assessment, Source
from alsmove.demo.seed import Demo
from alsmove.logbook.models import CheckIn, FeelingCheckIn, ReminderSchedule, SessionLog
from alsmove.logbook.services import due_checkins
from alsmove.patients.clock import today_for
from alsmove.patients.models import Invitation, Permission, Relation
from alsmove.web.hub import person_row


def _home(user: object) -> str:
    client = Client()
    sign_in(client, user)  # type: ignore[arg-type]
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def _log(demo: Demo, days_ago: int = 0, minutes_ago: int = 40) -> SessionLog:
    return SessionLog.objects.create(
        patient=demo.patient,
        client_id=uuid.uuid4(),
        day=today_for(demo.patient) - timedelta(days=days_ago),
        pain=0,
        fatigue=1,
        entered_by=demo.person,
        created_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


def _answer(demo: Demo, log: SessionLog, kind: str) -> None:
    CheckIn.objects.create(
        patient=demo.patient,
        session=log,
        client_id=uuid.uuid4(),
        kind=kind,
        day=today_for(demo.patient),
        entered_by=demo.person,
    )


def _due_as_the_logbook_says(demo: Demo) -> list[tuple[str, int]]:
    now = timezone.now()
    return [(due.kind, due.session.pk) for due in due_checkins(demo.patient, now)]


def _due_as_home_reads(demo: Demo) -> list[tuple[str, int]]:
    now = timezone.now()
    return person_row(demo.patient, today_for(demo.patient, now), now).due


@pytest.fixture
def no_recent_logs(demo: Demo) -> Demo:
    today = today_for(demo.patient)
    demo.patient.session_logs.filter(day__gte=today - timedelta(days=1)).delete()
    return demo


def test_the_check_ins_due_on_home_are_the_logbooks_rule_in_every_state(
    no_recent_logs: Demo,
) -> None:
    demo = no_recent_logs
    assert _due_as_home_reads(demo) == _due_as_the_logbook_says(demo) == []
    yesterdays = _log(demo, days_ago=1, minutes_ago=60 * 20)
    assert _due_as_home_reads(demo) == _due_as_the_logbook_says(demo)
    assert {kind for kind, _ in _due_as_home_reads(demo)} == {"after_30_min", "next_day"}
    _answer(demo, yesterdays, "after_30_min")
    assert (
        _due_as_home_reads(demo) == _due_as_the_logbook_says(demo) == [("next_day", yesterdays.pk)]
    )
    fresh = _log(demo, minutes_ago=10)  # too soon to ask
    assert _due_as_home_reads(demo) == _due_as_the_logbook_says(demo)
    ready = _log(demo, minutes_ago=45)
    assert _due_as_home_reads(demo) == _due_as_the_logbook_says(demo)
    assert ("after_30_min", ready.pk) in _due_as_home_reads(demo)
    _answer(demo, yesterdays, "next_day")
    assert _due_as_home_reads(demo) == _due_as_the_logbook_says(demo)
    _answer(demo, ready, "after_30_min")
    _answer(demo, fresh, "after_30_min")
    assert _due_as_home_reads(demo) == _due_as_the_logbook_says(demo) == []


def test_a_log_saved_today_shows_on_home_at_the_next_request(no_recent_logs: Demo) -> None:
    demo = no_recent_logs
    assert "Today's session is logged" not in _home(demo.person)
    log = _log(demo, minutes_ago=5)
    page = _home(demo.person)
    assert "Today's session is logged" in page
    assert f'href="/patients/{demo.patient.pk}/log/{log.pk}/"' in page
    assert "Today's session is logged" in _home(demo.caregiver)


def test_a_check_in_answered_leaves_home_at_the_next_request(no_recent_logs: Demo) -> None:
    demo = no_recent_logs
    log = _log(demo, minutes_ago=45)
    assert f'action="/patients/{demo.patient.pk}/checkin/after_30_min/"' in _home(demo.person)
    _answer(demo, log, "after_30_min")
    assert "/checkin/after_30_min/" not in _home(demo.person)


def test_a_new_assessment_and_its_correction_show_on_home_at_the_next_request(
    demo: Demo,
) -> None:
    latest = demo.patient.assessments.current().order_by("-taken_on", "-created_at").first()
    assert latest is not None
    items = dict(latest.items)
    first = sorted(items)[0]
    items[first] = max(0, int(items[first]) - 1)
    newer = Assessment.objects.create(
        patient=demo.patient,
        taken_on=today_for(demo.patient),
        items=items,
        total=0,  # the page counts the answers, as before
        source=Source.SELF_REPORT,
        entered_by=demo.person,
    )
    total = newer.scores().total
    assert f"{total} out of 48" in _home(demo.person)
    newer.superseded_at = timezone.now()
    newer.save(update_fields=["superseded_at"])
    assert f"{latest.scores().total} out of 48" in _home(demo.person)
    Assessment.objects.filter(patient=demo.patient).delete()
    assert "No assessment yet." in _home(demo.person)


def test_a_changed_reminder_setting_shows_on_home_at_the_next_request(demo: Demo) -> None:
    ReminderSchedule.objects.update_or_create(
        patient=demo.patient,
        defaults={"days": list(range(7)), "enabled": True, "time": timezone.now().time()},
    )
    assert ", by email" in _home(demo.person)
    ReminderSchedule.objects.filter(patient=demo.patient).update(enabled=False)
    assert "Reminders are off." in _home(demo.person)
    ReminderSchedule.objects.filter(patient=demo.patient).update(enabled=True, days=[])
    assert "Reminders are off." in _home(demo.person)
    ReminderSchedule.objects.filter(patient=demo.patient).delete()
    assert "No reminders set up." in _home(demo.person)


def test_an_invitation_shows_on_home_at_the_next_request_and_leaves_when_answered(
    demo: Demo,
) -> None:
    assert "Invitations waiting for your answer" not in _home(demo.caregiver)
    invitation = Invitation.objects.create(
        patient=demo.other_patient,
        email=demo.caregiver.email,
        invitee=demo.caregiver,
        relation=Relation.CAREGIVER,
        permission=Permission.VIEW,
        invited_by=demo.other_therapist,
        token_hash=uuid.uuid4().hex,
        expires_at=timezone.now() + timedelta(days=7),
    )
    page = _home(demo.caregiver)
    assert "Invitations waiting for your answer" in page
    assert reverse("patients:answer", args=[invitation.pk]) in page
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    assert "Invitations waiting for your answer" not in _home(demo.caregiver)
    Invitation.objects.filter(pk=invitation.pk).update(
        invitee=None, expires_at=timezone.now() + timedelta(days=7)
    )
    assert "One invitation was sent to your email address" in _home(demo.caregiver)
    Invitation.objects.filter(pk=invitation.pk).update(status="withdrawn")
    assert "Invitations waiting for your answer" not in _home(demo.caregiver)


def test_a_feeling_answer_ends_the_weekly_offer_at_the_next_request(demo: Demo) -> None:
    FeelingCheckIn.objects.filter(patient=demo.patient).delete()
    assert "How have you been feeling?" in _home(demo.person)
    FeelingCheckIn.objects.create(
        patient=demo.patient,
        client_id=uuid.uuid4(),
        answer="good",
        day=today_for(demo.patient) - timedelta(days=6),
    )
    assert "How have you been feeling?" not in _home(demo.person)
    FeelingCheckIn.objects.filter(patient=demo.patient).update(
        day=today_for(demo.patient) - timedelta(days=7)
    )
    assert "How have you been feeling?" in _home(demo.person)


def test_a_new_day_on_the_persons_clock_shows_on_home_at_the_next_request(
    no_recent_logs: Demo,
) -> None:
    demo = no_recent_logs
    # Fourteen hours ahead of UTC and eleven behind: never the same day.
    demo.patient.time_zone = "Pacific/Kiritimati"
    demo.patient.save(update_fields=["time_zone"])
    _log(demo, minutes_ago=5)
    assert "Today's session is logged" in _home(demo.person)
    demo.patient.time_zone = "Pacific/Pago_Pago"
    demo.patient.save(update_fields=["time_zone"])
    assert "Today's session is logged" not in _home(demo.person)
