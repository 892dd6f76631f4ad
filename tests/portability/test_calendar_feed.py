"""The private calendar feed: made by the person, parsed by icalendar, stopped at once."""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from django.test import Client
from django.utils import timezone
from icalendar import Calendar
from signin_support import sign_in

from alsmove.accounts.models import AuditEvent
from alsmove.assessments.services import current_records
from alsmove.core.equipment import plan
from alsmove.demo.seed import Demo
from alsmove.equipment.catalogue import catalogue_items
from alsmove.equipment.models import PlanItem
from alsmove.logbook.models import ReminderSchedule
from alsmove.patients.clock import day_of, today_for
from alsmove.patients.models import Patient
from alsmove.portability import calendar
from alsmove.portability.calendar import create_link, hash_token, revoke_link
from alsmove.portability.models import CalendarToken
from alsmove.routines.services import plan_in_use


def _feed_path(response_text: str) -> str:
    found = re.search(r'value="https?://[^/]+(/calendar/[^"]+\.ics)"', response_text)
    assert found, "the new link is shown on the page"
    return found.group(1)


def _make_link(client: Client, patient: Patient) -> str:
    response = client.post(f"/patients/{patient.pk}/calendar/", {"action": "make"})
    assert response.status_code == 200
    return _feed_path(response.content.decode())


def _planned_weekdays(patient: Patient) -> set[int]:
    plan = plan_in_use(patient)
    assert plan is not None
    return {d for d in range(7) if plan.items_for_day(d)}


def test_the_feed_parses_with_icalendar_and_has_the_sessions_check_ins_and_equipment(
    demo: Demo,
) -> None:
    patient = demo.patient
    Patient.objects.filter(pk=patient.pk).update(time_zone="America/Chicago")
    patient.refresh_from_db()
    ReminderSchedule.objects.update_or_create(
        patient=patient,
        defaults={"days": [0, 2, 4], "time": time(17, 30), "time_zone": "America/Chicago"},
    )
    PlanItem.objects.create(
        patient=patient, slug="shower-chair", name="Shower chair", target_date=date(2027, 3, 1)
    )
    PlanItem.objects.create(
        patient=patient, slug="cane", name="Cane", status="in_use", target_date=date(2027, 1, 1)
    )
    client = Client()
    sign_in(client, demo.person)
    path = _make_link(client, patient)

    response = Client().get(path)  # no session: the link is the key
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"]
    feed = Calendar.from_ical(response.content)
    assert str(feed["X-WR-CALNAME"]) == "ALS Move exercises"
    events = list(feed.walk("VEVENT"))
    sessions = [e for e in events if str(e["SUMMARY"]) == "Exercise session"]
    checkins = [e for e in events if str(e["SUMMARY"]) == "Check-in"]
    weekdays = _planned_weekdays(patient)
    assert len(sessions) == len(weekdays) > 0
    assert len(checkins) == 2 * len(weekdays)
    chicago = ZoneInfo("America/Chicago")
    for event in sessions:
        start = event.decoded("DTSTART")
        assert (
            start.tzinfo is not None and start.utcoffset() == start.astimezone(chicago).utcoffset()
        )
        assert str(start.tzinfo) == "America/Chicago"
        assert start.time() == time(17, 30)
        assert start.weekday() in weekdays
        assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    # The zone is described in the feed itself, for calendars that do not know it.
    assert [str(z["TZID"]) for z in feed.walk("VTIMEZONE")] == ["America/Chicago"]
    equipment = [e for e in events if "Shower chair" in str(e["SUMMARY"])]
    assert len(equipment) == 1 and equipment[0].decoded("DTSTART") == date(2027, 3, 1)
    assert not [e for e in events if "Cane" in str(e["SUMMARY"])], "an item in use is done"
    # No name, no diagnosis in the feed.
    text = response.content.decode()
    for word in (patient.display_name, "ALS ", "ALSFRS", demo.person.email, "amyotrophic"):
        assert word not in text.replace("ALS Move", "")


def test_the_sessions_repeat_from_the_day_the_routine_came_into_use(demo: Demo) -> None:
    plan = plan_in_use(demo.patient)
    assert plan is not None
    since = day_of(demo.patient, plan.reviewed_at or plan.created_at)
    first = Calendar.from_ical(calendar.build_feed(demo.patient))
    later = Calendar.from_ical(
        calendar.build_feed(demo.patient, now=timezone.now() + timedelta(days=20))
    )
    starts = {str(e["UID"]): e.decoded("DTSTART") for e in first.walk("VEVENT")}
    assert starts == {str(e["UID"]): e.decoded("DTSTART") for e in later.walk("VEVENT")}
    sessions = [v for k, v in starts.items() if k.startswith("session-")]
    assert sessions and all(0 <= (s.date() - since).days < 7 for s in sessions)


def test_an_undated_suggested_item_takes_the_planners_start_by_date(demo: Demo) -> None:
    patient = demo.patient
    item = next(i for i in catalogue_items() if i.id == "shower-chair")
    PlanItem.objects.create(patient=patient, slug=item.id, name=item.name)
    records = [(a.taken_on, scores) for a, scores in current_records(patient)]
    assert patient.onset_date is not None
    as_of = max(today_for(patient), records[-1][0])
    expected = plan(catalogue_items(), patient.onset_date, records, as_of)
    start_by = next(s.start_by for s in expected if s.item.id == item.id)
    assert start_by is not None
    feed = Calendar.from_ical(calendar.build_feed(patient))
    (event,) = [e for e in feed.walk("VEVENT") if item.name in str(e["SUMMARY"])]
    assert str(event["SUMMARY"]).startswith("Start arranging")
    assert event.decoded("DTSTART") == start_by


def test_a_check_in_follows_each_session_half_an_hour_after_it_ends(demo: Demo) -> None:
    feed = Calendar.from_ical(calendar.build_feed(demo.patient))
    events = {str(e["UID"]): e for e in feed.walk("VEVENT")}
    for uid, session in events.items():
        if not uid.startswith("session-"):
            continue
        after = events[uid.replace("session-", "checkin-after-")]
        end = session.decoded("DTSTART") + session.decoded("DURATION")
        assert after.decoded("DTSTART") == end + timedelta(minutes=30)


def test_the_link_is_stored_only_as_a_hash(demo: Demo) -> None:
    made = create_link(patient=demo.patient, owner=demo.person)
    stored = CalendarToken.objects.get(pk=made.record.pk)
    assert stored.token_hash == hash_token(made.token) != made.token
    assert len(made.token) >= 40
    assert not CalendarToken.objects.filter(token_hash__contains=made.token[:20]).exists()


def test_stopping_the_link_ends_the_feed_at_once_and_a_new_link_works(demo: Demo) -> None:
    client = Client()
    sign_in(client, demo.person)
    old = _make_link(client, demo.patient)
    assert Client().get(old).status_code == 200
    response = client.post(f"/patients/{demo.patient.pk}/calendar/", {"action": "stop"})
    assert response.status_code == 302
    assert Client().get(old).status_code == 404
    new = _make_link(client, demo.patient)
    assert new != old
    assert Client().get(new).status_code == 200
    assert Client().get(old).status_code == 404
    # Making a new link also stops the one before it.
    newer = _make_link(client, demo.patient)
    assert Client().get(new).status_code == 404
    assert Client().get(newer).status_code == 200
    actions = AuditEvent.objects.filter(patient=demo.patient, actor=demo.person)
    assert actions.filter(action="calendar_link_revoked").count() == 1
    assert actions.filter(action="calendar_link_made").count() == 3


def test_a_caregiver_makes_their_own_link_which_ends_when_they_leave_the_team(
    demo: Demo,
) -> None:
    made = create_link(patient=demo.patient, owner=demo.caregiver)
    client = Client()
    assert client.get(f"/calendar/{made.token}.ics").status_code == 200
    link = demo.patient.care_links.active().get(member=demo.caregiver)
    link.revoked_at = link.created_at
    link.save()
    assert client.get(f"/calendar/{made.token}.ics").status_code == 404


def test_strangers_and_the_therapist_cannot_make_a_link_and_nothing_changes(
    demo: Demo,
) -> None:
    before = CalendarToken.objects.count()
    for user, expected in (
        (demo.therapist, 403),
        (demo.other_person, 404),
        (demo.other_therapist, 404),
        (demo.admin, 404),
    ):
        client = Client()
        sign_in(client, user)
        response = client.post(f"/patients/{demo.patient.pk}/calendar/", {"action": "make"})
        assert response.status_code == expected, user
    assert CalendarToken.objects.count() == before
    assert Client().get("/calendar/not-a-real-link.ics").status_code == 404


def test_someone_else_cannot_stop_the_persons_link(demo: Demo) -> None:
    made = create_link(patient=demo.patient, owner=demo.person)
    assert revoke_link(patient=demo.patient, owner=demo.caregiver) is False
    assert Client().get(f"/calendar/{made.token}.ics").status_code == 200


def test_the_feed_answers_429_past_its_hourly_limit_and_again_an_hour_later(
    demo: Demo,
) -> None:
    made = create_link(patient=demo.patient, owner=demo.person)
    client = Client()
    assert client.get(f"/calendar/{made.token}.ics").status_code == 200
    # As if a calendar had read it all hour long.
    CalendarToken.objects.filter(pk=made.record.pk).update(
        reads_in_window=calendar.READS_PER_HOUR - 1
    )
    codes = [client.get(f"/calendar/{made.token}.ics").status_code for _ in range(3)]
    assert codes == [200, 429, 429]
    CalendarToken.objects.filter(pk=made.record.pk).update(
        window_start=timezone.now() - timedelta(minutes=61)
    )
    assert client.get(f"/calendar/{made.token}.ics").status_code == 200


def test_the_feed_stays_small_and_reads_a_fixed_number_of_queries(
    demo: Demo, django_assert_max_num_queries: object
) -> None:
    for n in range(80):
        PlanItem.objects.create(
            patient=demo.patient, slug=f"own-{n}", name=f"Item {n}", target_date=date(2027, 1, 1)
        )
    made = create_link(patient=demo.patient, owner=demo.caregiver)
    client = Client()
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        response = client.get(f"/calendar/{made.token}.ics")
    assert response.status_code == 200
    events = list(Calendar.from_ical(response.content).walk("VEVENT"))
    assert len([e for e in events if str(e["UID"]).startswith("equipment-")]) == 60
    assert len(response.content) < 64 * 1024
