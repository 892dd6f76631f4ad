"""The logbook: session logs, check-ins, alerts and the overwork judgement.

Reading needs VIEW; writing logs and check-ins needs LOG. A log or check-in carries a
client id made by the sender, so a retried send is stored once: the first send answers
201, a repeat 200 with the same record. Warnings are rendered in the request's language.
"""

from __future__ import annotations

import datetime as dt
import uuid
from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from alsmove.api.schemas import REFUSALS, ErrorOut, InvalidOut
from alsmove.core import overwork as core
from alsmove.core.library import ExerciseId
from alsmove.exercises.services import exercise_library
from alsmove.formats import say
from alsmove.logbook.feelings import alerts_visible_to
from alsmove.logbook.models import CheckIn, SessionLog
from alsmove.logbook.services import (
    Entry,
    checkin_warnings,
    evaluate,
    record_checkin,
    record_log,
    warnings_on,
)
from alsmove.patients.clock import today_for
from alsmove.patients.policy import Action, require
from alsmove.routines.services import plan_in_use

router = Router(tags=["logbook"])


class ExerciseIn(Schema):
    exercise: ExerciseId
    status: Literal["done", "partly", "skipped"]
    pain: int = Field(0, ge=0, le=10, description="Pain during this exercise, 0-10")


class LogIn(Schema):
    client_id: uuid.UUID = Field(description="Made by the sender; a repeat is stored once")
    date: dt.date | None = Field(None, description="The session's day; default today")
    exercises: list[ExerciseIn] = Field(default_factory=list, max_length=60)
    fatigue: int = Field(ge=0, le=10, description="Tiredness right after, 0-10")
    cramps: Literal["none", "mild", "severe"] = "none"
    breathless_after: bool = False
    note: str = Field("", max_length=2000)


class ExerciseOut(Schema):
    exercise: str
    status: str
    pain: int


class LogOut(Schema):
    id: int
    client_id: uuid.UUID
    date: date
    exercises: list[ExerciseOut]
    pain: int | None
    fatigue: int | None
    cramps: str
    breathless_after: bool
    note: str
    entered_by: str | None
    created_at: datetime


class WarningOut(Schema):
    date: date
    rule: str
    text: str


class LogSaved(Schema):
    log: LogOut
    warnings: list[WarningOut] = Field(description="What the rules found on the log's day")


class CheckInIn(Schema):
    client_id: uuid.UUID
    kind: Literal["after_30_min", "next_day"]
    session_id: int | None = Field(None, description="The session log this answer is about")
    weaker: bool = False
    soreness: bool = False
    heaviness: bool = False


class CheckInOut(Schema):
    id: int
    client_id: uuid.UUID
    kind: str
    date: date
    session_id: int | None
    weaker: bool
    soreness: bool
    heaviness: bool
    entered_by: str | None
    created_at: datetime


class CheckInSaved(Schema):
    checkin: CheckInOut
    warnings: list[WarningOut]


class AlertOut(Schema):
    id: int
    date: date
    rule: str
    text: str
    exercise: str
    created_at: datetime
    acknowledged_at: datetime | None
    acknowledged_by: str | None


class FlagOut(Schema):
    exercise: str
    rule: str
    status: str


class EasingOut(Schema):
    active: bool
    rules: list[str]
    reps_factor: float
    hold_factor: float
    strengthening: bool


class OverworkOut(Schema):
    warnings: list[WarningOut]
    flags: list[FlagOut]
    easing: EasingOut
    reassess_suggested: bool
    rest_day: bool  # OVERWORK-REST-01: no exercise today, call the therapist today
    alert_therapist: bool
    skip_today: list[str]


def _name(user: Any) -> str | None:
    return user.full_name if user is not None else None


def _warnings(found: list[dict[str, Any]], day: date) -> list[WarningOut]:
    return [WarningOut(date=day, rule=w["rule"], text=say(w)) for w in found]


def _log_out(log: SessionLog) -> LogOut:
    return LogOut(
        id=log.pk,
        client_id=log.client_id,
        date=log.day,
        exercises=[
            ExerciseOut(exercise=e.exercise, status=e.status, pain=e.pain)
            for e in log.exercises.all()
        ],
        pain=log.pain,
        fatigue=log.fatigue,
        cramps=log.cramps,
        breathless_after=log.breathless_after,
        note=log.note,
        entered_by=_name(log.entered_by),
        created_at=log.created_at,
    )


def _checkin_out(checkin: CheckIn) -> CheckInOut:
    return CheckInOut(
        id=checkin.pk,
        client_id=checkin.client_id,
        kind=checkin.kind,
        date=checkin.day,
        session_id=checkin.session_id,
        weaker=checkin.weaker,
        soreness=checkin.soreness,
        heaviness=checkin.heaviness,
        entered_by=_name(checkin.entered_by),
        created_at=checkin.created_at,
    )


@router.get(
    "/{patient_id}/logs",
    response={200: list[LogOut], **REFUSALS, 422: InvalidOut},
    summary="Session logs, newest first",
)
def list_logs(
    request: HttpRequest,
    patient_id: int,
    limit: int = Query(50, ge=1, le=500, description="At most this many logs"),
) -> list[LogOut]:
    patient = require(request.user, patient_id, Action.VIEW)
    logs = (
        SessionLog.objects.filter(patient=patient)
        .select_related("entered_by")
        .prefetch_related("exercises")[:limit]
    )
    return [_log_out(log) for log in logs]


@router.post(
    "/{patient_id}/logs",
    response={
        201: LogSaved,
        200: LogSaved,
        400: ErrorOut,
        **REFUSALS,
        409: ErrorOut,
        422: InvalidOut,
    },
    summary="Log a session (201; a repeated client_id answers 200 with the stored log)",
)
def create_log(request: HttpRequest, patient_id: int, payload: LogIn) -> Status[Any]:
    patient = require(request.user, patient_id, Action.LOG)
    day = payload.date or today_for(patient)  # dates are checked by record_log
    known = {e.id for e in exercise_library()}
    unknown = sorted({e.exercise for e in payload.exercises} - known)
    if unknown:
        return Status(
            400,
            ErrorOut(
                detail=_("Not in the exercise library: %(ids)s.") % {"ids": ", ".join(unknown)}
            ),
        )
    outcome = record_log(
        patient=patient,
        by=request.user,
        client_id=payload.client_id,
        day=day,
        plan=plan_in_use(patient),
        entries=[Entry(e.exercise, e.status, e.pain) for e in payload.exercises],
        fatigue=payload.fatigue,
        cramps=payload.cramps,
        breathless_after=payload.breathless_after,
        note=payload.note,
    )
    log = outcome.log
    warnings = _warnings(warnings_on(outcome.result, log.day), log.day)
    return Status(201 if outcome.created else 200, LogSaved(log=_log_out(log), warnings=warnings))


@router.get(
    "/{patient_id}/checkins",
    response={200: list[CheckInOut], **REFUSALS, 422: InvalidOut},
    summary="Check-ins, newest first",
)
def list_checkins(
    request: HttpRequest,
    patient_id: int,
    limit: int = Query(50, ge=1, le=500, description="At most this many check-ins"),
) -> list[CheckInOut]:
    patient = require(request.user, patient_id, Action.VIEW)
    found = CheckIn.objects.filter(patient=patient).select_related("entered_by")[:limit]
    return [_checkin_out(c) for c in found]


@router.post(
    "/{patient_id}/checkins",
    response={
        201: CheckInSaved,
        200: CheckInSaved,
        400: ErrorOut,
        **REFUSALS,
        409: ErrorOut,
        422: InvalidOut,
    },
    summary="Answer a check-in, dated today (201; a repeat answers 200 with the stored one)",
)
def create_checkin(request: HttpRequest, patient_id: int, payload: CheckInIn) -> Status[Any]:
    patient = require(request.user, patient_id, Action.LOG)
    session = None
    if payload.session_id is not None:
        session = SessionLog.objects.filter(patient=patient, pk=payload.session_id).first()
        if session is None:
            return Status(400, ErrorOut(detail=_("That session is not in this record.")))
    outcome = record_checkin(
        patient=patient,
        by=request.user,
        client_id=payload.client_id,
        kind=payload.kind,
        day=today_for(patient),
        session=session,
        weaker=payload.weaker,
        soreness=payload.soreness,
        heaviness=payload.heaviness,
    )
    checkin = outcome.checkin
    warnings = _warnings(checkin_warnings(outcome.result, checkin.day), checkin.day)
    body = CheckInSaved(checkin=_checkin_out(checkin), warnings=warnings)
    return Status(201 if outcome.created else 200, body)


@router.get(
    "/{patient_id}/alerts",
    response={200: list[AlertOut], **REFUSALS, 422: InvalidOut},
    summary="Alerts for the care team, newest first",
)
def list_alerts(
    request: HttpRequest,
    patient_id: int,
    open_only: bool = Query(False, description="Only alerts nobody has acknowledged"),
    limit: int = Query(100, ge=1, le=500),
) -> list[AlertOut]:
    patient = require(request.user, patient_id, Action.VIEW)
    alerts = alerts_visible_to(request.user, patient).select_related("acknowledged_by")
    if open_only:
        alerts = alerts.filter(acknowledged_at__isnull=True)
    return [
        AlertOut(
            id=a.pk,
            date=a.day,
            rule=a.rule,
            text=say(a.message),
            exercise=a.exercise,
            created_at=a.created_at,
            acknowledged_at=a.acknowledged_at,
            acknowledged_by=_name(a.acknowledged_by),
        )
        for a in alerts[:limit]
    ]


@router.get(
    "/{patient_id}/overwork",
    response={200: OverworkOut, **REFUSALS},
    summary="Overwork warnings, flags and easing as of today (the `alsmove overwork` shape)",
)
def get_overwork(request: HttpRequest, patient_id: int) -> dict[str, Any]:
    patient = require(request.user, patient_id, Action.VIEW)
    return core.result_to_json(evaluate(patient, today_for(patient)))
