"""Session reminders by email, sent by `manage.py send_reminders` from a scheduler.

A reminder is due on one of the chosen weekdays once the chosen time has passed on the
person's own clock, if none went out that day and the session is not logged yet. The
ReminderSent row is written before the emails go, so two schedulers running at once
cannot send it twice; if sending fails the row is removed and the next run tries again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from alsmove.accounts.language import language_of
from alsmove.accounts.models import User
from alsmove.logbook.models import ReminderSchedule, ReminderSent, SessionLog
from alsmove.patients.clock import now_for
from alsmove.patients.models import CareLink, Patient, Relation
from alsmove.patients.policy import Action, can
from alsmove.routines.services import plan_in_use

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SendReport:
    records: int  # people reminded
    emails: int  # emails sent (the person and their caregivers)


def due_day(schedule: ReminderSchedule, now: datetime) -> date | None:
    """The person's local date if a reminder is due at `now`, else None.

    The clock is the record's (`Patient.time_zone`, the same one every page uses for
    "today"), so a reminder and the day a log counts for always agree.
    """
    local = now_for(schedule.patient, now)
    if local.weekday() not in schedule.days or local.time() < schedule.time:
        return None
    return local.date()


def recipients(schedule: ReminderSchedule) -> list[User]:
    patient = schedule.patient
    people: list[User] = []
    if patient.user is not None and patient.user.is_active and patient.user.email:
        people.append(patient.user)
    if schedule.caregivers_too:
        links = (
            CareLink.objects.active()
            .filter(patient=patient, relation=Relation.CAREGIVER, member__is_active=True)
            .select_related("member")
        )
        people += [link.member for link in links if link.member not in people]
    return people


def _url(name: str, patient: Patient) -> str:
    base = str(settings.ALSMOVE_BASE_URL).rstrip("/")
    return base + reverse(name, args=[patient.pk])


def reminder_email(patient: Patient, user: User) -> EmailMessage:
    is_person = patient.user_id == user.pk
    # In the language the recipient chose (their saved choice), whoever sends it.
    with translation.override(language_of(user)):
        if is_person:
            subject = _("Time for today's exercises")
        else:
            subject = _("Time for %(name)s's exercises") % {"name": patient.display_name}
        # Someone who may only read the record gets the record's page, not the session.
        may_log = can(user, patient, Action.LOG)
        body = render_to_string(
            "logbook/reminder_email.txt",
            {
                "user": user,
                "patient": patient,
                "is_person": is_person,
                "may_log": may_log,
                "session_url": _url("sessions:start" if may_log else "patients:overview", patient),
                "reminders_url": _url("logbook:reminders", patient),
            },
        )
    return EmailMessage(subject=subject, body=body, to=[user.email])


def send_due_reminders(now: datetime) -> SendReport:
    records = emails = 0
    schedules = ReminderSchedule.objects.filter(enabled=True).select_related(
        "patient", "patient__user"
    )
    connection = get_connection()
    for schedule in schedules:
        day = due_day(schedule, now)
        if day is None:
            continue
        patient = schedule.patient
        if ReminderSent.objects.filter(patient=patient, day=day).exists():
            continue
        if SessionLog.objects.filter(patient=patient, day=day).exists():
            continue  # already done today: no nagging
        if plan_in_use(patient) is None:
            continue  # no routine yet: the link would lead nowhere useful
        people = recipients(schedule)
        if not people:
            continue
        try:
            with transaction.atomic():
                claim = ReminderSent.objects.create(
                    patient=patient, day=day, recipients=len(people), sent_at=timezone.now()
                )
        except IntegrityError:
            continue  # another run claimed this day a moment ago
        messages = [reminder_email(patient, user) for user in people]
        try:
            connection.send_messages(messages)
        except Exception:
            # Not sent: free the day so the next run tries again.
            logger.exception("Reminder for patient %s on %s not sent", patient.pk, day)
            claim.delete()
            continue
        records += 1
        emails += len(messages)
    return SendReport(records, emails)
