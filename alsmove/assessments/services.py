"""Writing and reading ALSFRS-R records: the one place the rules are applied to storage."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from alsmove.accounts.audit import record_change
from alsmove.accounts.models import AuditEvent, User
from alsmove.assessments.models import Assessment, Source
from alsmove.assessments.signals import record_stored
from alsmove.core.alsfrs import AlsfrsError, Scores, parse_items
from alsmove.core.alsfrs_source import counted
from alsmove.core.i18n import Message, gettext_noop
from alsmove.core.plausible import Problem, date_problem, record_problems
from alsmove.core.progression_summary import Summary, summarize
from alsmove.patients.clock import today_for
from alsmove.patients.models import Patient
from alsmove.patients.policy import Action, can, correction_action, require


def source_for(user: User, patient: Patient) -> str:
    """A linked therapist's entry is a clinician rating; anyone else's is a self-report
    (the access policy decides who rates as a clinician)."""
    return Source.CLINICIAN if can(user, patient, Action.RATE_AS_CLINICIAN) else Source.SELF_REPORT


def may_correct(user: User, patient: Patient, assessment: Assessment) -> bool:
    """ALSFRS-SOURCE-01 through the policy: a record is corrected only by its own kind of
    author. Anyone else adds their own record for that day instead."""
    return can(user, patient, correction_action(assessment.source))


def correctable_sources(user: User, patient: Patient) -> set[str]:
    """The sources of record `user` may correct on this record (for the pages' links)."""
    return {source for source in Source.values if can(user, patient, correction_action(source))}


def require_correction(user: User, patient: Patient, assessment: Assessment) -> None:
    """Raise 403 (audited by the policy) unless `user` may correct `assessment`."""
    require(user, patient.pk, correction_action(assessment.source))


CLASH = {
    Source.CLINICIAN: gettext_noop(
        "There is already a clinician's rating for {day}. Change that one instead, or pick "
        "another date."
    ),
    Source.SELF_REPORT: gettext_noop(
        "There is already a self-report for {day}. Change that one instead, or pick another date."
    ),
}


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
    imported_source: str | None = None,
    equipment_alert: bool = True,
) -> Assessment:
    """Store a validated record; with `replaces`, the old version is kept as history.

    A record that brings equipment start-by dates much earlier raises a therapist alert
    (EQUIP-ALERT-01); `equipment_alert=False` is for loading a history at once (the demo),
    where each old record would be judged against today.

    The record's source comes from the policy (a clinician's rating or a self-report),
    and a correction must be allowed by the policy for the replaced record's source
    (ALSFRS-SOURCE-01): otherwise PermissionDenied, and nothing is written.
    `imported_source` is for a FHIR import only (alsmove.interop, which asked the policy
    for IMPORT_ASSESSMENTS): a record brought from a file keeps the kind of author the
    file gives it (a self-report stays one), entered by the importer.
    """
    # The patient row is locked until the end: two saves of one day take turns, so the
    # "already a record for that day" check below sees the other one (an onset change, in
    # patients.services.update_record, takes the same lock).
    Patient.objects.select_for_update().filter(pk=patient.pk).values_list("pk").first()
    if replaces is not None:
        replaces = Assessment.objects.get(pk=replaces.pk)  # as it is now, under the lock
    source = source_for(by, patient)
    if imported_source is not None:
        if replaces is not None or imported_source not in Source.values:
            raise ValueError("An imported record is a new record of a known source")
        require(by, patient.pk, Action.IMPORT_ASSESSMENTS)
        source = imported_source
    if replaces is not None:
        if replaces.patient_id != patient.pk or replaces.superseded_at is not None:
            raise AlsfrsError(Message(gettext_noop("That record has changed since; start again.")))
        require_correction(by, patient, replaces)
        if replaces.source != source:  # the policy grants no correction across sources
            raise PermissionDenied("A record keeps its source")
    scores = parse_items(items)
    check_date(patient, taken_on)
    clash = patient.assessments.current().filter(taken_on=taken_on, source=source)
    if replaces is not None:
        clash = clash.exclude(pk=replaces.pk)
    if clash.exists():
        raise AlsfrsError(Message(CLASH[Source(source)], {"day": taken_on.isoformat()}))
    if replaces is not None:
        # Superseded first, so the one-current-record constraint holds at every step.
        changed = Assessment.objects.filter(pk=replaces.pk, superseded_at__isnull=True).update(
            superseded_at=timezone.now()
        )
        if changed != 1:  # someone else changed it first: keep theirs, write nothing
            raise AlsfrsError(Message(gettext_noop("That record has changed since; start again.")))
    before = dated(current_records(patient))
    assessment = Assessment.objects.create(
        patient=patient,
        taken_on=taken_on,
        items=dict(scores.items),
        total=scores.total,
        source=source,
        entered_by=by,
        replaces=replaces,
    )
    if replaces is not None:
        AuditEvent.objects.create(
            actor=by, patient=patient, action="assessment_changed", detail=str(replaces.pk)
        )
    elif imported_source is None:  # an import writes one row for the whole bundle
        record_change(by, patient, "assessment_recorded", detail=str(taken_on))
    if equipment_alert:
        # EQUIP-ALERT-01 is judged now (when a record is saved), never on a page read:
        # the equipment app receives this (assessments.signals).
        record_stored.send(Assessment, patient=patient, by=by, before=before)
    return assessment


def dated(records: list[tuple[Assessment, Scores]]) -> list[tuple[date, Scores]]:
    """Records as (day, scores), the shape the core's forecasts read."""
    return [(a.taken_on, scores) for a, scores in records]


def shown_records(patient: Patient) -> list[tuple[Assessment, Scores]]:
    """Every current record, a clinician's rating and a self-report of one day both."""
    current = patient.assessments.current().select_related("entered_by")
    return [(a, a.scores()) for a in current.order_by("taken_on", "created_at")]


def current_records(patient: Patient) -> list[tuple[Assessment, Scores]]:
    """The records staging, rate, slope, forecast and the caseload read: one a day, the
    clinician's rating when a self-report shares its day (ALSFRS-SOURCE-01)."""
    return counted_records(shown_records(patient))


def counted_records(
    shown: list[tuple[Assessment, Scores]],
) -> list[tuple[Assessment, Scores]]:
    """Of the shown records, the counted ones (ALSFRS-SOURCE-01, as `current_records`)."""
    return counted(shown, day=lambda r: r[0].taken_on, source=lambda r: r[0].source)


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
