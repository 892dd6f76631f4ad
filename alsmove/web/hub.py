"""What the home page gathers beside today's session: today's log, the latest score, the
next reminder, the feeling offer's last answer, the invitations waiting, and a
therapist's open alerts. The access policy has already decided who sees which record.

The small reads are plain SQL built once (`person_row`, `invitation_counts`): compiling
them with the ORM cost ten to twenty times more than running them (docs/performance.md).
Nothing is kept: every input is read on every request, so a change shows at once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any

from django.db import connection, models
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from alsmove.assessments.models import Assessment
from alsmove.core.alsfrs import parse_items
from alsmove.core.feelings import FEELING_SHARED_01
from alsmove.kept import column
from alsmove.logbook.models import CheckIn, FeelingCheckIn, ReminderSchedule, SessionLog
from alsmove.logbook.services import AFTER_SESSION_WAIT
from alsmove.patients.clock import now_for, zone_for
from alsmove.patients.models import CareLink, Invitation, InvitationStatus, Patient, Relation
from alsmove.patients.policy import compiled_visible


def latest_score(patient: Patient) -> dict[str, Any] | None:
    """The newest current ALSFRS-R record: its date and total out of 48."""
    latest = patient.assessments.current().order_by("-taken_on", "-created_at").first()
    if latest is None:
        return None
    assert isinstance(latest, Assessment)
    return {"taken_on": latest.taken_on, "total": latest.scores().total}


@dataclass(frozen=True)
class NextReminder:
    enabled: bool
    at: datetime | None  # on the person's clock; None when off or no day is chosen


def next_reminder(patient: Patient, now: datetime) -> NextReminder | None:
    """When the next reminder email goes out (None: reminders were never set up)."""
    schedule = ReminderSchedule.objects.filter(patient=patient).first()
    if schedule is None:
        return None
    return reminder_at(patient, now, schedule.enabled, schedule.days, schedule.time)


def reminder_at(
    patient: Patient, now: datetime, enabled: bool, chosen: list[Any] | None, at_time: time
) -> NextReminder:
    """The next reminder of a schedule that exists: on, on its days, at its time."""
    days = {int(d) for d in chosen or []}
    if not enabled or not days:
        return NextReminder(False, None)
    zone = zone_for(patient)  # the record's clock, as the sending uses (patients.clock)
    local = now_for(patient, now)
    for ahead in range(8):
        day = local.date() + timedelta(days=ahead)
        at = datetime.combine(day, at_time, tzinfo=zone)
        if day.weekday() in days and at > local:
            return NextReminder(True, at)
    return NextReminder(True, None)


def open_alerts_by_patient(user: Any) -> list[dict[str, Any]]:
    """For a therapist: each record they may see with alerts not yet looked at, most first."""
    return [{"patient": p, "count": p.open_alerts} for p in _WITH_OPEN_ALERTS(user)]


def _with_open_alerts(records: QuerySet[Patient], key: int) -> QuerySet[Patient]:
    # A shared feeling counts only where the user is the record's therapist (the policy's
    # SEE_SHARED_FEELINGS), as the alerts page shows it.
    as_therapist = CareLink.objects.active().filter(
        patient=OuterRef("pk"), member_id=key, relation=Relation.THERAPIST
    )
    open_alert = Q(alerts__acknowledged_at__isnull=True) & (
        ~Q(alerts__rule=FEELING_SHARED_01) | Q(is_their_therapist=True)
    )
    return (
        records.exclude(user_id=key)
        .annotate(is_their_therapist=Exists(as_therapist))
        .annotate(open_alerts=Count("alerts", filter=open_alert, distinct=True))
        .filter(open_alerts__gt=0)
        .order_by("-open_alerts", "display_name")
    )


# Read on every therapist's home page: compiled once.
_WITH_OPEN_ALERTS = compiled_visible(_with_open_alerts)


# ---- the small reads, in plain SQL built once -------------------------------------------

_DATE = models.DateField()
_TIME = models.TimeField()


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _table(model: type[models.Model]) -> str:
    return _q(model._meta.db_table)


def _col(model: type[models.Model], name: str, alias: str = "") -> str:
    return column(model._meta.get_field(name), alias)  # type: ignore[arg-type]


@cache
def _person_sql() -> str:
    """Today's newest log, the logs that may wait for a check-in, the last feeling
    answer's day, the reminder schedule and the newest current ALSFRS-R record of one
    person: one query, each part by an index (logs by (patient, day), check-ins by
    session, the others by their patient key).

    The check-ins due are `logbook.services.due_checkins`'s rule, asked in SQL: the newest
    log of today or yesterday saved at least 30 minutes ago, unless it has either
    check-in; the newest of yesterday's logs, unless one of yesterday's logs has the
    next-day check-in (tests/web/test_home_reads.py compares the two)."""
    log, check, feeling, reminder, score = (
        SessionLog,
        CheckIn,
        FeelingCheckIn,
        ReminderSchedule,
        Assessment,
    )
    p = _q("patient_id")
    logs, checks = _table(log), _table(check)
    newest = f"ORDER BY {_col(log, 'day')} DESC, {_col(log, 'created_at')} DESC LIMIT 1"
    ready = (
        f"(SELECT {_col(log, 'id')} FROM {logs} WHERE {p} = pt.id "  # noqa: S608
        f"AND {_col(log, 'day')} BETWEEN %(yesterday)s AND %(today)s "
        f"AND {_col(log, 'created_at')} <= %(cutoff)s {newest})"
    )
    yesterdays = (
        f"(SELECT {_col(log, 'id')} FROM {logs} WHERE {p} = pt.id "  # noqa: S608
        f"AND {_col(log, 'day')} = %(yesterday)s {newest})"
    )
    return (
        # Table and column names from the models; the values are parameters.
        f"SELECT (SELECT {_col(log, 'id')} FROM {logs} "  # noqa: S608
        f"WHERE {p} = pt.id AND {_col(log, 'day')} = %(today)s "
        f"ORDER BY {_col(log, 'created_at')} DESC LIMIT 1), "
        f"{ready}, "
        f"(SELECT 1 FROM {checks} WHERE {_col(check, 'session')} = {ready} "
        f"AND {_col(check, 'kind')} IN ('after_30_min', 'next_day') LIMIT 1), "
        f"{yesterdays}, "
        f"(SELECT 1 FROM {checks} c JOIN {logs} l ON c.{_q('session_id')} = l.id "
        f"WHERE l.{p} = pt.id AND l.{_q('day')} = %(yesterday)s "
        f"AND c.{_q('kind')} = 'next_day' LIMIT 1), "
        f"(SELECT {_col(feeling, 'day')} FROM {_table(feeling)} WHERE {p} = pt.id "
        f"ORDER BY {_col(feeling, 'day')} DESC LIMIT 1), "
        f"{_col(reminder, 'id', 'r')}, {_col(reminder, 'enabled', 'r')}, "
        f"{_col(reminder, 'days', 'r')}, {_col(reminder, 'time', 'r')}, "
        f"{_col(score, 'taken_on', 'a')}, {_col(score, 'items', 'a')} "
        f"FROM {_table(Patient)} pt "
        f"LEFT JOIN {_table(reminder)} r ON r.{p} = pt.id "
        f"LEFT JOIN {_table(score)} a ON a.id = (SELECT id FROM {_table(score)} "
        f"WHERE {p} = pt.id AND {_col(score, 'superseded_at')} IS NULL "
        f"ORDER BY {_col(score, 'taken_on')} DESC, {_col(score, 'created_at')} DESC LIMIT 1) "
        "WHERE pt.id = %(patient)s"
    )


@dataclass(frozen=True)
class PersonRow:
    logged_id: int | None  # today's newest session log
    due: list[tuple[str, int]]  # the check-ins waiting: (kind, the session log's id)
    last_feeling: date | None  # the day of the newest "how are you feeling" answer
    score: dict[str, Any] | None  # the latest score: its date and total out of 48
    reminder: NextReminder | None  # None: reminders were never set up


def person_row(patient: Patient, today: date, now: datetime) -> PersonRow:
    """What the home page shows of one person beside today's session, read in one query
    (values converted as the ORM would: dates, times, JSON and booleans). `today` is the
    person's day at `now`."""
    ops = connection.ops
    params = {
        "today": ops.adapt_datefield_value(today),
        "yesterday": ops.adapt_datefield_value(today - timedelta(days=1)),
        "cutoff": ops.adapt_datetimefield_value(now - AFTER_SESSION_WAIT),
        "patient": patient.pk,
    }
    with connection.cursor() as cursor:
        cursor.execute(_person_sql(), params)
        row = cursor.fetchone()
    (
        logged_id,
        ready_id,
        ready_answered,
        yesterdays_id,
        yesterday_answered,
        feeling_day,
        reminder_id,
        enabled,
        days,
        at_time,
        taken_on,
        items,
    ) = row
    due = []
    if ready_id is not None and ready_answered is None:
        due.append(("after_30_min", int(ready_id)))
    if yesterdays_id is not None and yesterday_answered is None:
        due.append(("next_day", int(yesterdays_id)))
    score = None
    if taken_on is not None:
        score = {"taken_on": _DATE.to_python(taken_on), "total": parse_items(_json(items)).total}
    reminder = None
    if reminder_id is not None:
        reminder = reminder_at(patient, now, bool(enabled), _json(days), _TIME.to_python(at_time))
    return PersonRow(logged_id, due, _DATE.to_python(feeling_day), score, reminder)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


@cache
def _invitations_sql() -> str:
    """How many open invitations were sent to this account, and how many to its address
    before the account existed (`patients.invitations.waiting_for`, `waiting_by_link_only`)."""
    i = Invitation
    open_ = f"{_col(i, 'status')} = %s AND {_col(i, 'expires_at')} > %s"
    return (
        f"SELECT (SELECT COUNT(*) FROM {_table(i)} WHERE {_col(i, 'invitee')} = %s "  # noqa: S608
        f"AND {open_}), "
        f"(SELECT COUNT(*) FROM {_table(i)} WHERE {_col(i, 'invitee')} IS NULL "
        f"AND {_col(i, 'email')} = %s AND {open_})"
    )


def invitation_counts(user: Any, now: datetime) -> tuple[int, int]:
    """(open invitations to the account, open invitations to its address only)."""
    at = connection.ops.adapt_datetimefield_value(now)
    pending = InvitationStatus.PENDING.value
    with connection.cursor() as cursor:
        cursor.execute(_invitations_sql(), [user.pk, pending, at, user.email.lower(), pending, at])
        to_account, to_address = cursor.fetchone()
    return int(to_account), int(to_address)
