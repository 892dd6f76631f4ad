"""The alerts page's flags come with today's stored session: after every change of what
the overwork rules read (a log, its correction, a review, the person's day), the page
shows the flags the rules give now."""

from __future__ import annotations

from datetime import timedelta

from logbook_support import client_for, log_session, therapists_record

from alsmove.demo.seed import Demo
from alsmove.logbook.corrections import correct_log
from alsmove.logbook.services import Entry, evaluate
from alsmove.patients.clock import today_for
from alsmove.patients.models import Patient

EXERCISE = "ankle-pumps"


def _page(demo: Demo, patient: Patient) -> str:
    return client_for(demo.therapist).get(f"/patients/{patient.pk}/alerts/").content.decode()


def _flagged_on_page(demo: Demo, patient: Patient) -> bool:
    page = _page(demo, patient)
    shown = f'id="flag-{EXERCISE}"' in page
    # What the page shows is what the rules give now, read fresh.
    assert shown == bool(evaluate(patient, today_for(patient)).flags)
    return shown


def test_a_painful_log_flags_its_exercise_on_the_next_look(demo: Demo) -> None:
    patient = therapists_record(demo, "Uma Flagged")
    log_session(patient, demo.person, day=today_for(patient))
    assert not _flagged_on_page(demo, patient)
    log_session(patient, demo.person, day=today_for(patient), pain_on=EXERCISE, pain=6)
    assert _flagged_on_page(demo, patient)


def test_a_corrected_log_without_the_pain_clears_the_flag(demo: Demo) -> None:
    patient = therapists_record(demo, "Uma Flagged")
    log = log_session(patient, demo.person, day=today_for(patient), pain_on=EXERCISE, pain=6)
    assert _flagged_on_page(demo, patient)
    correct_log(
        patient=patient,
        log_id=log.pk,
        by=demo.person,
        revision=log.revision,
        entries=[Entry(EXERCISE, "done", 0)],
        fatigue=2,
        cramps="none",
        breathless_after=False,
    )
    assert not _flagged_on_page(demo, patient)


def test_a_cleared_flag_is_gone_from_the_page_at_once(demo: Demo) -> None:
    patient = therapists_record(demo, "Uma Flagged")
    log_session(patient, demo.person, day=today_for(patient), pain_on=EXERCISE, pain=6)
    assert _flagged_on_page(demo, patient)
    response = client_for(demo.therapist).post(
        f"/patients/{patient.pk}/flags/{EXERCISE}/review/", {"note": "Technique checked."}
    )
    assert response.status_code == 302
    assert not _flagged_on_page(demo, patient)


def test_a_flag_ends_with_the_persons_day_not_the_servers(demo: Demo) -> None:
    # UTC-11 and UTC+14 are a day or more apart at every moment: pain 14 days ago (the
    # last day a flag lasts) on the clock behind is 15 or more days ago on the one ahead.
    patient = therapists_record(demo, "Uma Flagged", zone="Pacific/Pago_Pago")
    day = today_for(patient) - timedelta(days=14)
    log_session(patient, demo.person, day=day, pain_on=EXERCISE, pain=6)
    assert _flagged_on_page(demo, patient)
    Patient.objects.filter(pk=patient.pk).update(time_zone="Pacific/Kiritimati")
    patient.refresh_from_db()
    assert today_for(patient) > day + timedelta(days=14)
    assert not _flagged_on_page(demo, patient)
