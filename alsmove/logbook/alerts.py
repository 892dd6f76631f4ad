"""The care team's alerts: a short title per rule, and acknowledging one with a note."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alsmove.accounts.models import AuditEvent, User
from alsmove.core import equipment, feelings, feelings_texts
from alsmove.core import overwork as core
from alsmove.logbook.models import Alert
from alsmove.patients.models import Patient

NOTE_MAX = 500
# What each overwork rule's alert is about, as a heading a therapist can scan.
RULE_TITLES = {
    core.PAIN_01: gettext_lazy("Pain during an exercise"),
    core.REPEAT_01: gettext_lazy("Pain twice in the same exercise"),
    core.WEAKER_01: gettext_lazy("Weaker after exercising"),
    core.SORE_01: gettext_lazy("Still sore the next day"),
    core.CRAMP_01: gettext_lazy("Strong cramps"),
    core.HEAVY_01: gettext_lazy("Arms or legs felt heavy"),
    core.BREATH_01: gettext_lazy("Short of breath after the session"),
    core.FATIGUE_01: gettext_lazy("Very tired after the session"),
    core.REASSESS_01: gettext_lazy("The routine may need a reassessment"),
    feelings.FEELING_SHARED_01: gettext_lazy(feelings_texts.SHARED_TITLE),
    equipment.RULE_ALERT: gettext_lazy("Equipment to start sooner"),
}


# The alerts the overwork rules raise from logs and check-ins (a shared feeling is not one).
OVERWORK_ALERT_RULES = frozenset(
    (core.PAIN_01, core.REPEAT_01, *core.EASING_RULES, core.REASSESS_01)
)


class AlertError(ValueError):
    """An acknowledgement that cannot be saved; the message says why, in words."""


def rule_title(rule: str) -> str:
    return str(RULE_TITLES.get(rule, gettext_lazy("Something to look at")))


@transaction.atomic
def acknowledge_alert(alert: Alert, *, by: User, note: str, at: datetime | None = None) -> Alert:
    """Mark an alert as looked at, with the therapist's note; audited.

    The caller has checked that `by` may edit the plan. `at` is for back-dated demo data.
    """
    note = note.strip()
    if not note:
        raise AlertError(_("Write a short note: what you did or advised."))
    if len(note) > NOTE_MAX:
        raise AlertError(_("Keep the note to %(max)d characters or fewer.") % {"max": NOTE_MAX})
    locked = Alert.objects.select_for_update().get(pk=alert.pk)
    if locked.acknowledged_at is not None:
        name = locked.acknowledged_by.full_name if locked.acknowledged_by else _("someone")
        raise AlertError(_("%(name)s has already acknowledged this alert.") % {"name": name})
    when = at or timezone.now()
    locked.acknowledged_by = by
    locked.acknowledged_at = when
    locked.acknowledgement = note
    locked.save(update_fields=["acknowledged_by", "acknowledged_at", "acknowledgement"])
    AuditEvent.objects.create(
        at=when,
        actor=by,
        patient=locked.patient,
        action="alert_acknowledged",
        detail=f"{locked.rule} {locked.day.isoformat()} #{locked.pk}",
    )
    return locked


def withdraw_unsupported(
    patient: Patient, result: core.OverworkResult, day: date, *, by: User
) -> list[Alert]:
    """After a log of `day` was corrected: close the open overwork alerts of that day
    whose sign the day no longer shows (`result` is the day judged again), audited.
    Acknowledged alerts stay as they are; the caller holds the transaction."""
    still = {
        (w.rule, str(w.text.params.get("exercise", ""))) for w in result.warnings if w.date == day
    }
    now = timezone.now()
    withdrawn = []
    for alert in Alert.objects.select_for_update().filter(
        patient=patient, day=day, acknowledged_at__isnull=True, rule__in=OVERWORK_ALERT_RULES
    ):
        if (alert.rule, alert.exercise) in still:
            continue
        alert.acknowledged_at = alert.withdrawn_at = now
        alert.acknowledged_by = by
        alert.save(update_fields=["acknowledged_at", "withdrawn_at", "acknowledged_by"])
        AuditEvent.objects.create(
            at=now,
            actor=by,
            patient=patient,
            action="alert_withdrawn",
            detail=f"{alert.rule} {day.isoformat()} #{alert.pk}",
        )
        withdrawn.append(alert)
    return withdrawn
