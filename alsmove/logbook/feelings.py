"""The optional "How have you been feeling?": storing an answer once, the weekly offer,
and telling the therapist only when the person says yes.

What is stored, and who reads it (a privacy choice, documented in docs/architecture.md):
the answer, its day and, after a low answer, the person's yes or no, in FeelingCheckIn.
Only the person's own pages read it (the weekly card, the page after answering). A "no"
adds nothing anyone else sees. A "yes" raises one alert (FEELING-SHARED-01), and that
alert is shown only to the person and their therapists (Action.SEE_SHARED_FEELINGS), not
to every caregiver who may view the record.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from alsmove.accounts.models import AuditEvent, User
from alsmove.core import feelings as core
from alsmove.core import feelings_texts
from alsmove.logbook.models import Alert, FeelingAnswer, FeelingCheckIn
from alsmove.logbook.services import LogConflict, LogError, check_log_day
from alsmove.patients.clock import today_for
from alsmove.patients.models import Patient, Relation
from alsmove.patients.policy import Action, allowed_actions


def offer_due(patient: Patient, now: datetime | None = None) -> bool:
    """FEELING-WEEKLY-01 for this record, on the person's clock."""
    last = FeelingCheckIn.objects.filter(patient=patient).order_by("-day").values("day").first()
    return core.offer_due(last["day"] if last else None, today_for(patient, now))


def record_feeling(
    *, patient: Patient, client_id: uuid.UUID, answer: str, day: date
) -> tuple[FeelingCheckIn, bool]:
    """Store an answer (or "Not now") once: a resent form finds the first one."""
    if answer not in FeelingAnswer.values:
        raise LogError(_("Choose one of the answers, or “Not now”."))
    existing = FeelingCheckIn.objects.filter(client_id=client_id).first()
    if existing is None:
        check_log_day(patient, day)
        try:
            with transaction.atomic():
                created = FeelingCheckIn.objects.create(
                    patient=patient, client_id=client_id, answer=answer, day=day
                )
            return created, True
        except IntegrityError:
            # The same form sent twice at once: the first one won.
            existing = FeelingCheckIn.objects.filter(client_id=client_id).first()
            if existing is None:
                raise
    if existing.patient_id != patient.pk:
        raise LogConflict(_("This answer belongs to another record."))
    return existing, False


@transaction.atomic
def answer_share(*, feeling: FeelingCheckIn, by: User, yes: bool) -> Alert | None:
    """The person's answer to "Would you like your therapist to know?".

    A yes raises the alert (once: a second yes, or a yes on another low answer the same
    day, finds it). A no is kept on the person's own answer and tells no one. A no may
    become a yes later; a yes cannot be taken back, because the therapist may have read it.
    """
    locked = FeelingCheckIn.objects.select_for_update().get(pk=feeling.pk)
    if locked.answer != FeelingAnswer.LOW:
        raise LogError(_("There is nothing to pass on for this answer."))
    if locked.tell_therapist is True:
        return _shared_alert(locked)
    locked.tell_therapist = yes
    locked.save(update_fields=["tell_therapist"])
    feeling.tell_therapist = yes
    if not core.tells_therapist(core.Feeling(locked.answer), yes):
        return None
    alert, _created = Alert.objects.get_or_create(
        patient=locked.patient,
        day=locked.day,
        rule=core.FEELING_SHARED_01,
        exercise="",
        defaults={"message": {"text": feelings_texts.SHARED, "params": {}}},
    )
    # The person's consent to tell the team, recorded like the other consents.
    AuditEvent.objects.create(
        actor=by, patient=locked.patient, action="feeling_shared", detail=f"#{alert.pk}"
    )
    return alert


def _shared_alert(feeling: FeelingCheckIn) -> Alert | None:
    return Alert.objects.filter(
        patient=feeling.patient, day=feeling.day, rule=core.FEELING_SHARED_01
    ).first()


def alerts_visible_to(
    user: User, patient: Patient, actions: frozenset[Action] | None = None
) -> QuerySet[Alert]:
    """The record's alerts this reader may see: a shared feeling only for the person and
    their therapists. `actions`: the reader's `allowed_actions` on the record, when the
    caller has them already (a page that asks several questions reads them once)."""
    alerts = Alert.objects.filter(patient=patient)
    if actions is None:
        actions = allowed_actions(user, patient)
    if Action.SEE_SHARED_FEELINGS not in actions:
        alerts = alerts.exclude(rule=core.FEELING_SHARED_01)
    return alerts


def therapist_names(patient: Patient) -> list[str]:
    """Who a yes would tell: the therapists on the care team, by name."""
    links = (
        patient.care_links.active()
        .filter(relation=Relation.THERAPIST, member__role="therapist", member__is_active=True)
        .select_related("member")
        .order_by("member__full_name")
    )
    return [link.member.full_name for link in links]
