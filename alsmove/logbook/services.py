"""Storing logs and applying the overwork rules to them. One transaction per log."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, transaction

from alsmove.accounts.models import User
from alsmove.core import overwork as core
from alsmove.core.adjustments import Adjustments
from alsmove.exercises.services import library_for
from alsmove.logbook.models import Alert, CheckIn, ExerciseLog, FlagReview, SessionLog
from alsmove.patients.models import Patient
from alsmove.routines.models import RoutinePlan

# Far enough back for every rule's window (the longest is 30 days for a reassessment).
HISTORY_DAYS = 45


class LogError(ValueError):
    """A log that cannot be stored as sent; the message says which answer to fix."""


def _core_sessions(patient: Patient, since: date) -> list[core.SessionLog]:
    logs = (
        SessionLog.objects.filter(patient=patient, day__gte=since)
        .prefetch_related("exercises")
        .order_by("day", "created_at")
    )
    result = []
    for log in logs:
        result.append(
            core.SessionLog(
                date=log.day,
                exercises=tuple(
                    core.ExerciseLog(e.exercise, e.status, e.pain)  # type: ignore[arg-type]
                    for e in log.exercises.all()
                ),
                fatigue=log.fatigue if log.fatigue is not None else 0,
                cramps=log.cramps,  # type: ignore[arg-type]
                breathless_after=log.breathless_after,
            )
        )
    return result


def evaluate(patient: Patient, as_of: date) -> core.OverworkResult:
    since = as_of - timedelta(days=HISTORY_DAYS)
    sessions = _core_sessions(patient, since)
    checkins = [
        core.CheckIn(c.day, c.kind, c.weaker, c.soreness, c.heaviness)  # type: ignore[arg-type]
        for c in CheckIn.objects.filter(patient=patient, day__gte=since, day__lte=as_of)
    ]
    reviews = [
        core.ReviewEvent(r.day, r.exercise)
        for r in FlagReview.objects.filter(patient=patient, day__lte=as_of)
    ]
    return core.assess_overwork(sessions, checkins, as_of=as_of, reviews=reviews)


def adjustments_for(patient: Patient, today: date) -> tuple[core.OverworkResult, Adjustments]:
    result = evaluate(patient, today)
    return result, core.to_adjustments(result)


def _names(patient: Patient) -> dict[str, str]:
    return {e.id: e.name for e in library_for(None)}


def raise_alerts(patient: Patient, result: core.OverworkResult, on: date) -> list[Alert]:
    """One alert per warning dated `on`; a repeated evaluation adds none twice."""
    names = _names(patient)
    raised = []
    for warning in result.warnings:
        if warning.date != on:
            continue
        params = dict(warning.text.params)
        exercise = str(params.get("exercise", ""))
        if exercise:
            params["exercise"] = names.get(exercise, exercise)
        alert, created = Alert.objects.get_or_create(
            patient=patient,
            day=warning.date,
            rule=warning.rule,
            exercise=exercise,
            defaults={"message": {"text": warning.text.text, "params": params}},
        )
        if created:
            raised.append(alert)
    return raised


@dataclass(frozen=True)
class Outcome:
    log: SessionLog
    created: bool
    result: core.OverworkResult
    alerts: list[Alert]


def record_session(
    *,
    patient: Patient,
    by: User,
    client_id: uuid.UUID,
    day: date,
    plan: RoutinePlan | None,
    statuses: Mapping[str, str],
    pain: int,
    pain_exercises: Sequence[str],
    fatigue: int,
    cramps: str,
    breathless_after: bool,
    note: str = "",
) -> Outcome:
    """Store a session log once (by client id), then judge it. All of it or none of it."""
    existing = SessionLog.objects.filter(client_id=client_id).first()
    if existing is not None:
        if existing.patient_id != patient.pk:
            raise LogError("This log belongs to another record.")
        return Outcome(existing, False, evaluate(patient, existing.day), [])
    if not 0 <= pain <= 10 or not 0 <= fatigue <= 10:
        raise LogError("Pain and tiredness are numbers from 0 to 10.")
    if cramps not in ("none", "mild", "severe"):
        raise LogError("Choose no cramps, mild cramps or strong cramps.")
    unknown = set(pain_exercises) - set(statuses)
    if unknown:
        raise LogError("A painful exercise must be one of this session's exercises.")
    try:
        with transaction.atomic():
            log = SessionLog.objects.create(
                patient=patient,
                client_id=client_id,
                day=day,
                plan=plan,
                pain=pain,
                fatigue=fatigue,
                cramps=cramps,
                breathless_after=breathless_after,
                note=note.strip(),
                entered_by=by,
            )
            ExerciseLog.objects.bulk_create(
                ExerciseLog(
                    session=log,
                    exercise=slug,
                    status=status,
                    pain=pain if slug in pain_exercises else 0,
                )
                for slug, status in statuses.items()
            )
            result = evaluate(patient, day)
            alerts = raise_alerts(patient, result, day)
    except IntegrityError:
        # The same log sent twice at the same moment: the first one won; use it.
        log = SessionLog.objects.get(client_id=client_id)
        return Outcome(log, False, evaluate(patient, log.day), [])
    return Outcome(log, True, result, alerts)


def warnings_on(result: core.OverworkResult, day: date) -> list[dict[str, Any]]:
    """The warnings dated `day`, as {rule, text, params} for the templates."""
    return [
        {"rule": w.rule, "text": w.text.text, "params": dict(w.text.params)}
        for w in result.warnings
        if w.date == day
    ]
