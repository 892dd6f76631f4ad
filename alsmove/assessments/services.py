"""Writing and reading ALSFRS-R records: the one place the rules are applied to storage."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.db import transaction
from django.utils import timezone

from alsmove.accounts.models import AuditEvent, Role, User
from alsmove.assessments.models import Assessment, Source
from alsmove.core.alsfrs import AlsfrsError, Scores, parse_items
from alsmove.core.i18n import Message, gettext_noop
from alsmove.core.plausible import Problem, date_problem, record_problems
from alsmove.core.progression import Summary, summarize
from alsmove.patients.clock import today_for
from alsmove.patients.models import Patient


def source_for(user: User) -> str:
    """A therapist's entry is a clinician rating; anyone else's is self-report."""
    return Source.CLINICIAN if user.role == Role.THERAPIST else Source.SELF_REPORT


def check_date(patient: Patient, taken_on: date, today: date | None = None) -> None:
    """PLAUSIBLE-DATE-01 on the person's today, and not before the first symptoms."""
    problem = date_problem(taken_on, today or today_for(patient), field="taken_on")
    if problem is not None:
        raise AlsfrsError(problem.message)
    if patient.onset_date and taken_on < patient.onset_date:
        raise AlsfrsError(
            Message(gettext_noop("The date is before the first symptoms were noticed."))
        )


@transaction.atomic
def record_assessment(
    *,
    patient: Patient,
    by: User,
    taken_on: date,
    items: Mapping[str, object],
    replaces: Assessment | None = None,
) -> Assessment:
    """Store a validated record; with `replaces`, the old version is kept as history."""
    scores = parse_items(items)
    check_date(patient, taken_on)
    clash = patient.assessments.current().filter(taken_on=taken_on)
    if replaces is not None:
        clash = clash.exclude(pk=replaces.pk)
    if clash.exists():
        raise AlsfrsError(
            Message(
                gettext_noop(
                    "There is already a record for {day}. Change that one instead, or pick "
                    "another date."
                ),
                {"day": taken_on.isoformat()},
            )
        )
    assessment = Assessment.objects.create(
        patient=patient,
        taken_on=taken_on,
        items=dict(scores.items),
        total=scores.total,
        source=source_for(by),
        entered_by=by,
        replaces=replaces,
    )
    if replaces is not None:
        Assessment.objects.filter(pk=replaces.pk).update(superseded_at=timezone.now())
        AuditEvent.objects.create(
            actor=by, patient=patient, action="assessment_changed", detail=str(replaces.pk)
        )
    return assessment


def current_records(patient: Patient) -> list[tuple[Assessment, Scores]]:
    return [(a, a.scores()) for a in patient.assessments.current().order_by("taken_on")]


def inconsistencies(
    patient: Patient, records: list[tuple[Assessment, Scores]], today: date
) -> list[Problem]:
    """What does not fit in a stored record (older data): onset, diagnosis, record dates."""
    return record_problems(
        onset=patient.onset_date,
        diagnosis=patient.diagnosis_date,
        assessment_days=[a.taken_on for a, _ in records],
        today=today,
    )


def progression_summary(patient: Patient, today: date | None = None) -> Summary | None:
    """The CLI's JSON shape for a stored patient; None without onset date or records, or
    when the stored dates do not fit together (not enough data to say anything)."""
    records = current_records(patient)
    if patient.onset_date is None or not records:
        return None
    today = today or today_for(patient)
    if inconsistencies(patient, records, today):
        return None
    try:
        return summarize(patient.onset_date, [(a.taken_on, s) for a, s in records], today)
    except AlsfrsError:  # stored rows the core cannot read: not enough data, not a failure
        return None
