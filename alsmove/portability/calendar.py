"""The private calendar feed: planned sessions, check-ins and equipment dates as iCalendar.

A link is 32 random bytes; only its SHA-256 hash is stored. Each person (or caregiver)
has at most one live link per record: making a new one revokes the old, and revoking ends
the feed at once (the next read answers 404). The feed is read without a session, so the
access policy is asked again on every read for the link's owner: a caregiver taken off
the team, or an account switched off, ends the feed too.

What the feed says is deliberately little (docs/data-export.md, "The calendar feed"): the
calendar is called "ALS Move exercises", events say "Exercise session" or "Check-in",
and no name, diagnosis, score or note is in it.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from alsmove.accounts.models import AuditEvent, User
from alsmove.assessments.services import current_records
from alsmove.core.alsfrs import AlsfrsError
from alsmove.core.equipment import plan as plan_equipment
from alsmove.equipment.catalogue import catalogue_items
from alsmove.equipment.models import PlanItem, Status
from alsmove.logbook.models import ReminderSchedule
from alsmove.patients.clock import day_of, now_for, zone_for
from alsmove.patients.models import Patient
from alsmove.patients.policy import Action, can
from alsmove.portability.models import CalendarToken
from alsmove.routines.models import RoutinePlan
from alsmove.routines.models import Status as RoutineStatus

# A phone's calendar asks every 15 minutes to a day; 60 reads an hour is plenty for a
# few devices and keeps a leaked link from being used to load the server.
READS_PER_HOUR = 60
# The most equipment dates in one feed (the catalogue has about 40 items).
MAX_EQUIPMENT_EVENTS = 60
# The session's time when the person has no reminder time.
DEFAULT_SESSION_TIME = time(10, 0)
CHECKIN_MINUTES = 5
AFTER_SESSION = timedelta(minutes=30)
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Items still being arranged: their start-by (or, once ordered, expected delivery) date.
EQUIPMENT_OPEN = (Status.SUGGESTED, Status.DISCUSSING, Status.ORDERED)


class CalendarError(Exception):
    pass


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class NewLink:
    token: str  # shown once; never stored
    record: CalendarToken


def live_link(patient: Patient, owner: User) -> CalendarToken | None:
    return CalendarToken.objects.filter(
        patient=patient, owner=owner, revoked_at__isnull=True
    ).first()


@transaction.atomic
def create_link(*, patient: Patient, owner: User) -> NewLink:
    """A new link for `owner`; a live link of theirs for this record is revoked first."""
    if not can(owner, patient, Action.CALENDAR_FEED):
        raise CalendarError(_("You cannot make a calendar link for this record."))
    now = timezone.now()
    replaced = CalendarToken.objects.filter(
        patient=patient, owner=owner, revoked_at__isnull=True
    ).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            record = CalendarToken.objects.create(
                patient=patient, owner=owner, token_hash=hash_token(token), created_at=now
            )
    except IntegrityError:  # another tab made one at the same moment
        raise CalendarError(_("A calendar link was just made. Reload the page.")) from None
    AuditEvent.objects.create(
        actor=owner,
        patient=patient,
        action="calendar_link_made",
        detail="replaced the earlier link" if replaced else "",
    )
    return NewLink(token, record)


@transaction.atomic
def revoke_link(*, patient: Patient, owner: User) -> bool:
    """End `owner`'s live link for this record. False when there was none."""
    ended = CalendarToken.objects.filter(
        patient=patient, owner=owner, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    if ended:
        AuditEvent.objects.create(actor=owner, patient=patient, action="calendar_link_revoked")
    return bool(ended)


class RateLimited(Exception):
    pass


def link_for_reading(token: str, now: datetime | None = None) -> CalendarToken | None:
    """The live link this secret opens, counted against its hourly limit; None when the
    secret is unknown, revoked, or its owner may no longer read the record."""
    if not token or len(token) > 100:
        return None
    link = (
        CalendarToken.objects.select_related("patient", "owner")
        .filter(token_hash=hash_token(token), revoked_at__isnull=True)
        .first()
    )
    if link is None or not can(link.owner, link.patient, Action.CALENDAR_FEED):
        return None
    now = now or timezone.now()
    CalendarToken.objects.filter(
        Q(window_start__isnull=True) | Q(window_start__lte=now - timedelta(hours=1)), pk=link.pk
    ).update(window_start=now, reads_in_window=0)
    counted = CalendarToken.objects.filter(
        pk=link.pk, reads_in_window__lt=READS_PER_HOUR, revoked_at__isnull=True
    ).update(reads_in_window=F("reads_in_window") + 1, last_read_at=now)
    if not counted:
        raise RateLimited
    return link


def _first_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _session_days(patient: Patient) -> tuple[int, date | None, dict[int, int]]:
    """(the routine version, the day it came into use, {weekday: minutes}) for the
    routine in use. Sessions repeat from that day, so an event's start stays the same
    from one read of the feed to the next."""
    # The routine in use (as routines.services.plan_in_use, which this app may not import:
    # it reaches into the web app's labels): the approved one, else the proposal.
    plans = RoutinePlan.objects.filter(
        patient=patient, status__in=(RoutineStatus.APPROVED, RoutineStatus.PROPOSED)
    )
    plan = next(iter(sorted(plans, key=lambda p: p.status != RoutineStatus.APPROVED)), None)
    if plan is None:
        return 0, None, {}
    days: dict[int, int] = {}
    for weekday in range(7):
        items = plan.items_for_day(weekday)
        if items:
            minutes = sum(float(item.get("minutes", 0)) for item in items)
            days[weekday] = max(5, round(minutes))
    return plan.version, day_of(patient, plan.reviewed_at or plan.created_at), days


def _equipment_dates(patient: Patient, today: date) -> list[tuple[PlanItem, date]]:
    """Each open plan item's date: the one the plan holds (a start-by or an expected
    delivery), else, for an item still suggested or discussed, the planner's start-by
    (core/equipment.py, from the ALSFRS-R records and the onset date)."""
    items = list(
        # Dated items first on every database (SQLite sorts a missing date first), so an
        # undated written-in item, which may get no date at all, does not take a place.
        PlanItem.objects.filter(patient=patient, status__in=EQUIPMENT_OPEN).order_by(
            F("target_date").asc(nulls_last=True), "name"
        )[:MAX_EQUIPMENT_EVENTS]
    )
    undated = {i.slug for i in items if i.target_date is None and i.status != Status.ORDERED}
    planned: dict[str, date] = {}
    if undated and patient.onset_date is not None:
        records = [(a.taken_on, scores) for a, scores in current_records(patient)]
        catalogue = [c for c in catalogue_items() if c.id in undated]
        if records and catalogue:
            as_of = max(today, max(day for day, _ in records))
            try:
                suggestions = plan_equipment(catalogue, patient.onset_date, records, as_of)
            except (AlsfrsError, ValueError):
                suggestions = []
            planned = {s.item.id: s.start_by for s in suggestions if s.start_by is not None}
    dated = []
    for item in items:
        on = item.target_date or planned.get(item.slug)
        if on is not None:
            dated.append((item, on))
    return sorted(dated, key=lambda pair: (pair[1], pair[0].name))


def _event(uid: str, summary: str, description: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("description", description)
    event.add("class", "PRIVATE")
    return event


def build_feed(patient: Patient, now: datetime | None = None) -> bytes:
    """The iCalendar document for this record (weekly repeating sessions and check-ins
    from the routine in use, at the reminder time on the person's clock; all-day
    equipment dates)."""
    now = now or timezone.now()
    zone = zone_for(patient)
    today = now_for(patient, now).date()
    stamp = now.astimezone(zone)
    schedule = ReminderSchedule.objects.filter(patient=patient).first()
    at = schedule.time if schedule is not None and schedule.enabled else DEFAULT_SESSION_TIME

    calendar = Calendar()
    calendar.add("prodid", "-//ALS Move//calendar feed//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("ALS Move exercises"))
    calendar.add("x-wr-timezone", patient.time_zone)
    # Refresh about every six hours (a suggestion some calendars follow).
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")

    version, since, days = _session_days(patient)
    for weekday, minutes in sorted(days.items()):
        first = _first_on_or_after(since or today, weekday)
        start = datetime.combine(first, at, tzinfo=zone)
        rule = {"freq": "weekly", "byday": WEEKDAYS[weekday]}
        session = _event(
            f"session-{patient.pk}-v{version}-{WEEKDAYS[weekday]}@alsmove",
            _("Exercise session"),
            _("Your exercise routine, about %(minutes)d minutes. Open ALS Move to start.")
            % {"minutes": minutes},
            stamp,
        )
        session.add("dtstart", start)
        session.add("duration", timedelta(minutes=minutes))
        session.add("rrule", rule)
        calendar.add_component(session)

        after = _event(
            f"checkin-after-{patient.pk}-v{version}-{WEEKDAYS[weekday]}@alsmove",
            _("Check-in"),
            _("About 30 minutes after the session: one question, in ALS Move."),
            stamp,
        )
        after.add("dtstart", start + timedelta(minutes=minutes) + AFTER_SESSION)
        after.add("duration", timedelta(minutes=CHECKIN_MINUTES))
        after.add("rrule", rule)
        calendar.add_component(after)

        next_weekday = (weekday + 1) % 7
        next_day = _event(
            f"checkin-next-{patient.pk}-v{version}-{WEEKDAYS[weekday]}@alsmove",
            _("Check-in"),
            _("The day after a session: one question, in ALS Move."),
            stamp,
        )
        next_day.add("dtstart", datetime.combine(first + timedelta(days=1), at, tzinfo=zone))
        next_day.add("duration", timedelta(minutes=CHECKIN_MINUTES))
        next_day.add("rrule", {"freq": "weekly", "byday": WEEKDAYS[next_weekday]})
        calendar.add_component(next_day)

    for item, on in _equipment_dates(patient, today):
        summary = (
            _("Equipment expected: %(name)s")
            if item.status == Status.ORDERED
            else _("Start arranging: %(name)s")
        ) % {"name": item.name}
        event = _event(
            f"equipment-{patient.pk}-{item.slug}@alsmove",
            summary,
            _("From the equipment plan in ALS Move."),
            stamp,
        )
        event.add("dtstart", on)  # a date: an all-day event
        event.add("dtend", on + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)

    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
