"""Storing logs and applying the overwork rules to them. One transaction per log."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alsmove.accounts.audit import record_change
from alsmove.accounts.models import User
from alsmove.core import overwork as core
from alsmove.core.adjustments import Adjustments
from alsmove.core.plausible import date_problem
from alsmove.exercises.services import exercise_library
from alsmove.kept import rows
from alsmove.logbook.history import read_history
from alsmove.logbook.models import Alert, CheckIn, ExerciseLog, FlagReview, SessionLog
from alsmove.patients.clock import today_for
from alsmove.patients.models import Patient
from alsmove.routines.models import RoutinePlan

# Far enough back for every rule's window (the longest is 30 days for a reassessment).
HISTORY_DAYS = 45


class LogError(ValueError):
    """A log that cannot be stored as sent; the message says which answer to fix."""


class LogConflict(LogError):
    """The client id (or session) sent belongs to another record."""


def _history_start(as_of: date) -> date:
    # A stored row from year 1 (older data) must not overflow the calendar.
    if as_of.toordinal() <= HISTORY_DAYS:
        return date.min
    return as_of - timedelta(days=HISTORY_DAYS)


def check_log_day(patient: Patient, day: date) -> None:
    """PLAUSIBLE-DATE-01 on the person's own today; LogError names the problem."""
    problem = date_problem(day, today_for(patient))
    if problem is not None:
        raise LogError(problem.message.render(_))


def evaluate(patient: Patient, as_of: date) -> core.OverworkResult:
    """The overwork rules over the person's last HISTORY_DAYS of logs and check-ins and
    every review, as of `as_of` (read in plain SQL: logbook.history)."""
    sessions, checkins, reviews = read_history(patient.pk, _history_start(as_of), as_of)
    return core.assess_overwork(sessions, checkins, as_of=as_of, reviews=reviews)


def adjustments_for(patient: Patient, today: date) -> tuple[core.OverworkResult, Adjustments]:
    result = evaluate(patient, today)
    return result, core.to_adjustments(result)


def _named_params(params: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    """A warning's parameters with the exercise id replaced by the name people read."""
    named = dict(params)
    exercise = named.get("exercise")
    if exercise:
        named["exercise"] = names.get(str(exercise), exercise)
    return named


def _exercise_names() -> dict[str, str]:
    return {e.id: e.name for e in exercise_library()}


def raise_alerts(patient: Patient, result: core.OverworkResult, on: date) -> list[Alert]:
    """One alert per warning dated `on`; a repeated evaluation adds none twice."""
    todays = [warning for warning in result.warnings if warning.date == on]
    names = _exercise_names() if todays else {}  # read only when there is one to name
    raised = []
    for warning in todays:
        exercise = str(warning.text.params.get("exercise", ""))
        params = _named_params(warning.text.params, names)
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


class AfterLog(Protocol):
    """Told inside a new log's transaction: `saved()` once the log is written, before
    the day is judged; `judged(result)` with that judgement (logbook.today keeps today's
    session from it, so the log's own judgement is not made again by the next page)."""

    def saved(self) -> None: ...

    def judged(self, result: core.OverworkResult) -> None: ...


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
    after: AfterLog | None = None,
) -> Outcome:
    """Store a session log once (by client id), then judge it. All of it or none of it.

    The quick log asks one pain level and which exercises hurt; each of those gets it.
    """
    if not 0 <= pain <= 10:
        raise LogError(_("Pain is a number from 0 (none) to 10."))
    unknown = sorted(set(pain_exercises) - set(statuses))
    if unknown:
        raise LogError(
            _("%(name)s is not in this session, so it cannot be marked as painful.")
            % {"name": _exercise_names().get(unknown[0], unknown[0])}
        )
    entries = [
        Entry(slug, status, pain if slug in pain_exercises else 0)
        for slug, status in statuses.items()
    ]
    return record_log(
        patient=patient,
        by=by,
        client_id=client_id,
        day=day,
        plan=plan,
        entries=entries,
        fatigue=fatigue,
        cramps=cramps,
        breathless_after=breathless_after,
        note=note,
        worst_pain=pain,
        after=after,
    )


def warnings_on(result: core.OverworkResult, day: date) -> list[dict[str, Any]]:
    """The warnings dated `day`, as {rule, text, params} for the templates, with the
    exercise named as people read it."""
    names = _exercise_names()
    return [
        {"rule": w.rule, "text": w.text.text, "params": _named_params(w.text.params, names)}
        for w in result.warnings
        if w.date == day
    ]


# ---- logs with a pain level per exercise (the API) -------------------------------------


@dataclass(frozen=True)
class Entry:
    """One exercise in a log sent with its own pain level (the API's shape)."""

    exercise: str
    status: str
    pain: int


def check_entries(entries: Sequence[Entry], fatigue: int, cramps: str) -> None:
    """Raise a LogError that names the answer (and the exercise) to fix."""
    if not 0 <= fatigue <= 10:
        raise LogError(_("Tiredness is a number from 0 (not tired) to 10."))
    if cramps not in ("none", "mild", "severe"):
        raise LogError(_("Choose no cramps, mild cramps or strong cramps."))
    seen: set[str] = set()
    for entry in entries:
        # The library is read only to name the exercise of a refusal.
        if not 0 <= entry.pain <= 10:
            raise LogError(
                _("Pain during %(name)s is a number from 0 (none) to 10.")
                % {"name": _name(entry.exercise)}
            )
        if entry.status not in ("done", "partly", "skipped"):
            raise LogError(
                _("For %(name)s, choose done, partly or skipped.") % {"name": _name(entry.exercise)}
            )
        if entry.exercise in seen:
            raise LogError(
                _("%(name)s is listed twice; list it once.") % {"name": _name(entry.exercise)}
            )
        seen.add(entry.exercise)


def _name(exercise: str) -> str:
    return _exercise_names().get(exercise, exercise)


def record_log(
    *,
    patient: Patient,
    by: User,
    client_id: uuid.UUID,
    day: date,
    plan: RoutinePlan | None,
    entries: Sequence[Entry],
    fatigue: int,
    cramps: str,
    breathless_after: bool,
    note: str = "",
    worst_pain: int | None = None,
    after: AfterLog | None = None,
) -> Outcome:
    """Store a log once (by client id), each exercise with its own pain level, then judge
    the day and raise the care team's alerts. All of it or none of it.

    (The quick log asks one pain level and which exercises hurt; a client that knows the
    level per exercise must not have a mild ache stored as the worst pain of the session.)
    """
    existing = _log_sent_as(client_id)
    if existing is not None:
        if existing.patient_id != patient.pk:
            raise LogConflict(_("This log belongs to another record."))
        return Outcome(existing, False, evaluate(patient, existing.day), [])
    check_log_day(patient, day)
    check_entries(entries, fatigue=fatigue, cramps=cramps)
    try:
        with transaction.atomic():
            log = SessionLog.objects.create(
                patient=patient,
                client_id=client_id,
                day=day,
                plan=plan,
                pain=worst_pain
                if worst_pain is not None
                else max((e.pain for e in entries), default=0),
                fatigue=fatigue,
                cramps=cramps,
                breathless_after=breathless_after,
                note=note.strip(),
                entered_by=by,
            )
            ExerciseLog.objects.bulk_create(
                ExerciseLog(session=log, exercise=e.exercise, status=e.status, pain=e.pain)
                for e in entries
            )
            record_change(by, patient, "session_logged", detail=str(day))
            if after is not None:
                after.saved()
            result = evaluate(patient, day)
            alerts = raise_alerts(patient, result, day)
            if after is not None:
                after.judged(result)
    except IntegrityError:
        # The same log sent twice at the same moment: the first one won; use it.
        log = SessionLog.objects.get(client_id=client_id)
        return Outcome(log, False, evaluate(patient, log.day), [])
    return Outcome(log, True, result, alerts)


def _log_sent_as(client_id: uuid.UUID) -> SessionLog | None:
    """The log stored under this client id, if any: asked on every log, and almost always
    none, so its id is read in plain SQL (compiling the ORM's query cost more than running
    it) and the row itself only when there is one."""
    value = SessionLog._meta.get_field("client_id").get_db_prep_value(client_id, connection)
    found = rows(SessionLog, ("id",), ("id",), where="client_id", value=value)
    return SessionLog.objects.get(pk=found[0][0]) if found else None


# ---- check-ins --------------------------------------------------------------------------

AFTER_SESSION_WAIT = timedelta(minutes=30)
# The warnings a check-in can give; the result page shows these, not the session's own.
CHECKIN_RULES = frozenset({core.WEAKER_01, core.SORE_01, core.HEAVY_01, core.REASSESS_01})


@dataclass(frozen=True)
class DueCheckIn:
    kind: str  # "after_30_min" or "next_day"
    session: SessionLog


@dataclass(frozen=True)
class CheckInOutcome:
    checkin: CheckIn
    created: bool
    result: core.OverworkResult
    alerts: list[Alert]


def due_checkins(patient: Patient, now: datetime) -> list[DueCheckIn]:
    """The check-ins waiting for an answer at `now`: at most one of each kind.

    - after_30_min: the newest session logged today or yesterday at least 30 minutes ago,
      until it has that check-in (asked "the next time the app is opened" if missed), and
      not once the next-day question about it has been answered.
    - next_day: on the day after a session, until a next-day check-in covers that day.
    """
    today = today_for(patient, now)
    yesterday = today - timedelta(days=1)
    recent = list(
        SessionLog.objects.filter(patient=patient, day__gte=yesterday, day__lte=today)
        .prefetch_related("checkins")
        .order_by("-day", "-created_at")
    )
    due: list[DueCheckIn] = []
    ready = [log for log in recent if log.created_at <= now - AFTER_SESSION_WAIT]
    if ready:
        newest = ready[0]
        kinds = {c.kind for c in newest.checkins.all()}
        if not kinds & {"after_30_min", "next_day"}:
            due.append(DueCheckIn("after_30_min", newest))
    yesterdays = [log for log in recent if log.day == yesterday]
    if yesterdays and not any(
        c.kind == "next_day" for log in yesterdays for c in log.checkins.all()
    ):
        due.append(DueCheckIn("next_day", yesterdays[0]))
    return due


def record_checkin(
    *,
    patient: Patient,
    by: User,
    client_id: uuid.UUID,
    kind: str,
    day: date,
    session: SessionLog | None,
    weaker: bool = False,
    soreness: bool = False,
    heaviness: bool = False,
) -> CheckInOutcome:
    """Store a check-in once (by client id, and once per session and kind), then judge the
    day and raise the care team's alerts. All of it or none of it."""
    if kind not in ("after_30_min", "next_day"):
        raise LogError(_("A check-in is either 30 minutes after a session or the next day."))
    if session is not None and session.patient_id != patient.pk:
        raise LogConflict(_("This session belongs to another record."))
    existing = _existing_checkin(client_id, kind, session)
    if existing is not None:
        if existing.patient_id != patient.pk:
            raise LogConflict(_("This check-in belongs to another record."))
        return CheckInOutcome(existing, False, evaluate(patient, existing.day), [])
    check_log_day(patient, day)
    try:
        with transaction.atomic():
            checkin = CheckIn.objects.create(
                patient=patient,
                session=session,
                client_id=client_id,
                kind=kind,
                day=day,
                weaker=weaker,
                soreness=soreness,
                heaviness=heaviness,
                entered_by=by,
            )
            record_change(by, patient, "checkin_recorded", detail=f"{kind} {day}")
            result = evaluate(patient, day)
            alerts = raise_alerts(patient, result, day)
    except IntegrityError:
        # The same answer sent twice at once (or from two devices): the first one won.
        found = _existing_checkin(client_id, kind, session)
        if found is None or found.patient_id != patient.pk:
            raise
        return CheckInOutcome(found, False, evaluate(patient, found.day), [])
    return CheckInOutcome(checkin, True, result, alerts)


def _existing_checkin(
    client_id: uuid.UUID, kind: str, session: SessionLog | None
) -> CheckIn | None:
    found = CheckIn.objects.filter(client_id=client_id).first()
    if found is None and session is not None:
        found = CheckIn.objects.filter(session=session, kind=kind).first()
    return found


def checkin_warnings(result: core.OverworkResult, day: date) -> list[dict[str, Any]]:
    """The warnings a check-in on `day` gave, as {rule, text, params}."""
    return [w for w in warnings_on(result, day) if w["rule"] in CHECKIN_RULES]


# ---- flag review ------------------------------------------------------------------------


def clear_flag(*, patient: Patient, exercise: str, by: User, day: date, note: str = "") -> bool:
    """A therapist cleared a flagged or removed exercise; False if it was not flagged."""
    flagged = {f.exercise for f in evaluate(patient, day).flags}
    if exercise not in flagged:
        return False
    with transaction.atomic():
        FlagReview.objects.create(
            patient=patient, exercise=exercise, day=day, reviewed_by=by, note=note.strip()
        )
        record_change(by, patient, "flag_cleared", detail=exercise)
        # The alerts about this exercise have been looked at: the review answers them.
        Alert.objects.filter(
            patient=patient, exercise=exercise, acknowledged_at__isnull=True, day__lte=day
        ).update(
            acknowledged_by=by,
            acknowledged_at=timezone.now(),
            acknowledgement=note.strip(),
        )
    return True
