"""A therapist's caseload, ordered by what needs attention first.

Order: new (unacknowledged) alerts, then no session logged for a week, then a fast
decline in function, then a routine waiting for review, then everyone else. Each row
carries every reason that applies, in words, so the order is never a mystery.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Case, Count, Max, OuterRef, Subquery, When
from django.db.models.functions import Coalesce
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alsmove.assessments.models import Assessment
from alsmove.core.alsfrs import AlsfrsError
from alsmove.core.alsfrs_source import CLINICIAN
from alsmove.core.plausible import record_problems
from alsmove.core.staging import progression_category, progression_rate
from alsmove.logbook.models import Alert, SessionLog
from alsmove.patients.clock import today_for
from alsmove.patients.models import CareLink, Patient, Relation
from alsmove.patients.policy import Action, link_grants, visible_patients
from alsmove.routines.models import RoutinePlan, Status

QUIET_DAYS = 7  # no session logged for this many days is worth a call

NEW_ALERTS, NO_LOGS, FAST_DECLINE, REVIEW, NOTHING = range(5)


@dataclass
class CaseloadRow:
    patient: Patient
    rank: int = NOTHING
    open_alerts: int = 0
    last_log: date | None = None
    rate: float | None = None
    pending_review: bool = False
    quiet_days: int = 0  # days since the last log, when it is QUIET_DAYS or more
    # What applies, most pressing first; put in words only for the rows a page shows.
    signals: list[int] = field(default_factory=list)

    def add(self, rank: int) -> None:
        self.rank = min(self.rank, rank)
        self.signals.append(rank)

    @property
    def reasons(self) -> list[str]:
        """Every reason that applies, in words, most pressing first."""
        words = [_reason_words(self, signal) for signal in self.signals]
        return words or [_("Nothing needs your attention.")]


def _reason_words(row: CaseloadRow, signal: int) -> str:
    if signal == NEW_ALERTS:
        return ngettext(
            "%(count)d new alert to look at (the newest from %(day)s).",
            "%(count)d new alerts to look at (the newest from %(day)s).",
            row.open_alerts,
        ) % {"count": row.open_alerts, "day": _day(row.patient.newest_open)}
    if signal == NO_LOGS and row.last_log is None:
        return _("No sessions logged yet.")
    if signal == NO_LOGS:
        return _("No session logged for %(days)d days (the last on %(day)s).") % {
            "days": row.quiet_days,
            "day": _day(row.last_log),
        }
    if signal == FAST_DECLINE:
        return _(
            "Function is falling faster than average: %(rate)s points a month on "
            "the latest ALSFRS-R."
        ) % {"rate": row.rate}
    return _("A new routine is waiting for your review.")


def therapist_patients(user: Any) -> list[Patient]:
    """The records the user may see where they are linked as the therapist, each with
    what the caseload shows, from one query (no query per person)."""
    # Subqueries, not joins: joining alerts and logs together would multiply the rows.
    open_alerts = (
        Alert.objects.filter(patient=OuterRef("pk"), acknowledged_at__isnull=True)
        .order_by()
        .values("patient")
    )
    logs = SessionLog.objects.filter(patient=OuterRef("pk"))
    # The record the rate reads (ALSFRS-SOURCE-01): the latest day's clinician rating if
    # it has one, otherwise that day's first record.
    latest = (
        Assessment.objects.current()
        .filter(patient=OuterRef("pk"))
        .annotate(rank=Case(When(source=CLINICIAN, then=0), default=1))
        .order_by("-taken_on", "rank", "created_at")
    )
    link = CareLink.objects.active().filter(patient=OuterRef("pk"), member=user)
    plans = RoutinePlan.objects.filter(patient=OuterRef("pk")).order_by("-version")
    return list(
        visible_patients(user)
        .filter(
            care_links__member=user,
            care_links__relation=Relation.THERAPIST,
            care_links__revoked_at__isnull=True,
        )
        .annotate(
            open_alerts=Coalesce(Subquery(open_alerts.annotate(n=Count("pk")).values("n")), 0),
            newest_open=Subquery(open_alerts.annotate(d=Max("day")).values("d")),
            last_log=Subquery(logs.order_by("-day").values("day")[:1]),
            latest_total=Subquery(latest.values("total")[:1]),
            latest_on=Subquery(latest.values("taken_on")[:1]),
            first_on=Subquery(latest.order_by("taken_on").values("taken_on")[:1]),
            link_permission=Subquery(link.values("permission")[:1]),
            link_relation=Subquery(link.values("relation")[:1]),
            approved_version=Subquery(plans.filter(status=Status.APPROVED).values("version")[:1]),
            pending_version=Subquery(plans.filter(status=Status.PROPOSED).values("version")[:1]),
        )
        .order_by("display_name", "pk")
    )


def _latest_rate(patient: Any, today: date) -> float | None:
    """ΔFS of the latest record; None without one, or when the record's dates do not fit
    together (older data): one inconsistent record never breaks the caseload. The first
    and latest dates stand for all of them (the plausibility rules look at no others)."""
    if patient.latest_total is None or patient.onset_date is None:
        return None
    days = [patient.first_on, patient.latest_on]
    if record_problems(
        onset=patient.onset_date,
        diagnosis=patient.diagnosis_date,
        assessment_days=days,
        today=today,
    ):
        return None
    try:
        return round(
            progression_rate(patient.latest_total, patient.onset_date, patient.latest_on), 2
        )
    except AlsfrsError:
        return None


def _pending_review(patient: Any) -> bool:
    """A proposal newer than the routine in use (as `current_plans` decides)."""
    pending, approved = patient.pending_version, patient.approved_version
    return pending is not None and (approved is None or pending > approved)


def _day(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


def caseload(user: Any, today: date | None = None) -> list[CaseloadRow]:
    """The rows, each judged on its person's own today (`today` fixes one for tests).
    Each row's reasons are put in words when read, so a page of 40 out of 200 people
    words only its own 40."""
    rows = []
    for patient in therapist_patients(user):
        day = today or today_for(patient)
        row = CaseloadRow(patient, open_alerts=patient.open_alerts, last_log=patient.last_log)
        if row.open_alerts:
            row.add(NEW_ALERTS)
        if row.last_log is None:
            row.add(NO_LOGS)
        elif row.last_log <= day - timedelta(days=QUIET_DAYS):
            row.quiet_days = (day - row.last_log).days
            row.add(NO_LOGS)
        row.rate = _latest_rate(patient, day)
        if row.rate is not None and progression_category(row.rate) == "fast":
            row.add(FAST_DECLINE)
        # Only someone who may approve a routine is asked to review one.
        grants = link_grants(user, patient.link_permission, patient.link_relation)
        row.pending_review = Action.EDIT_PLAN in grants and _pending_review(patient)
        if row.pending_review:
            row.add(REVIEW)
        rows.append(row)
    # Python's sort is stable: within a rank, the most alerts first, then by name.
    rows.sort(key=lambda r: (r.rank, -r.open_alerts))
    return rows
