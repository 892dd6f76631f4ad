"""Correcting a session log: one log per session, its earlier answers kept as history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alsmove.accounts.audit import record_change
from alsmove.accounts.models import User
from alsmove.core import overwork as core
from alsmove.logbook.alerts import withdraw_unsupported
from alsmove.logbook.models import Alert, ExerciseLog, SessionLog, SessionLogRevision
from alsmove.logbook.services import (
    Entry,
    LogConflict,
    LogError,
    check_entries,
    evaluate,
    raise_alerts,
)
from alsmove.patients.models import Patient


@dataclass(frozen=True)
class Correction:
    log: SessionLog
    changed: bool  # False: nothing new (the same correction sent again, or no change)
    result: core.OverworkResult
    alerts: list[Alert]
    withdrawn: list[Alert] = field(default_factory=list)  # no longer shown by the log


def _content(log: SessionLog) -> dict[str, Any]:
    return {
        "pain": log.pain,
        "fatigue": log.fatigue,
        "cramps": log.cramps,
        "breathless_after": log.breathless_after,
        "note": log.note,
        "exercises": [
            {"exercise": e.exercise, "status": e.status, "pain": e.pain}
            for e in log.exercises.all()
        ],
    }


def correct_log(
    *,
    patient: Patient,
    log_id: int,
    by: User,
    revision: int,
    entries: Sequence[Entry],
    fatigue: int,
    cramps: str,
    breathless_after: bool,
    note: str = "",
    worst_pain: int | None = None,
) -> Correction:
    """Replace a log's answers, keep the earlier ones as a revision, and judge the day
    again (new warnings raise their alerts). All of it or none of it.

    `revision` is the version the person was looking at. If the log has moved on since,
    the same answers sent again are a repeat (nothing changes); other answers are a
    conflict, so one person's change never silently undoes another's.
    """
    check_entries(entries, fatigue=fatigue, cramps=cramps)
    planned = {
        "pain": worst_pain if worst_pain is not None else max((e.pain for e in entries), default=0),
        "fatigue": fatigue,
        "cramps": cramps,
        "breathless_after": breathless_after,
        "note": note.strip(),
        "exercises": [
            {"exercise": e.exercise, "status": e.status, "pain": e.pain} for e in entries
        ],
    }
    with transaction.atomic():
        log = SessionLog.objects.select_for_update().filter(patient=patient, pk=log_id).first()
        if log is None:
            raise LogError(_("There is no such log on this record."))
        before = _content(log)
        known = {e["exercise"] for e in before["exercises"]}
        if {e.exercise for e in entries} != known:
            raise LogError(_("A correction lists the same exercises as the log it changes."))
        if revision != log.revision or _same(before, planned):
            if _same(before, planned):
                return Correction(log, False, evaluate(patient, log.day), [])
            raise LogConflict(
                _("Someone changed this log in the meantime. Look at it again, then change it.")
            )
        SessionLogRevision.objects.create(
            log=log,
            number=log.revision,
            content=before,
            entered_by=log.changed_by or log.entered_by,
            entered_at=log.changed_at or log.created_at,
            replaced_by=by,
        )
        log.pain = planned["pain"]
        log.fatigue = fatigue
        log.cramps = cramps
        log.breathless_after = breathless_after
        log.note = planned["note"]
        log.revision += 1
        log.changed_at = timezone.now()
        log.changed_by = by
        log.save()
        log.exercises.all().delete()
        ExerciseLog.objects.bulk_create(
            ExerciseLog(session=log, exercise=e.exercise, status=e.status, pain=e.pain)
            for e in entries
        )
        record_change(by, patient, "log_corrected", detail=str(log.day))
        result = evaluate(patient, log.day)
        alerts = raise_alerts(patient, result, log.day)
        withdrawn = withdraw_unsupported(patient, result, log.day, by=by)
    return Correction(log, True, result, alerts, withdrawn)


def _same(before: dict[str, Any], after: dict[str, Any]) -> bool:
    def key(content: dict[str, Any]) -> tuple[Any, ...]:
        exercises = sorted((e["exercise"], e["status"], e["pain"]) for e in content["exercises"])
        return (
            content["pain"],
            content["fatigue"],
            content["cramps"],
            bool(content["breathless_after"]),
            content["note"],
            tuple(exercises),
        )

    return key(before) == key(after)
