"""Today's session: the routine in use for the person's today, after the logbook's easing.

The one place that builds it; the home page, the session pages, the quick log and the API
all call `todays_session`. It lives in the logbook, beside the overwork rules it applies,
because the logbook's quick log needs it as much as the guided session pages (the
sessions app, above the logbook) do. It is computed when its inputs change and stored
(`StoredSession`), not on every page:

- the person's day (their own clock, `patients.clock.today_for`): a new day, a new session;
- the routine in use: a new version or an approval (the engine's output is stored in the
  routine, so a changed engine reaches the session through the new version it proposes);
- the log: a new or corrected session log, check-in or flag review (the overwork rules
  read only these);
- the library (an exercise that became strengthening is left out when easing says so).

A read asks one query for the stored row together with a stamp of those inputs taken
now; when the stamps differ it computes again (and stores the result). The stamp is
taken before computing, so a log saved meanwhile makes the next read compute again
rather than leaving a stale session behind.

The approved routine itself is never changed: easing and removals are applied here, from
the log, so they end as soon as the rules say so (or a therapist reviews a flagged
exercise) and cannot be forgotten.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from alsmove.core.adjustments import Adjustments
from alsmove.core.library import Exercise
from alsmove.core.overwork import OverworkResult, ease_prescription, to_adjustments
from alsmove.exercises.models import ExerciseRecord
from alsmove.exercises.services import exercise_library
from alsmove.kept import by_key
from alsmove.logbook.models import CheckIn, FlagReview, SessionLog, StoredSession
from alsmove.logbook.services import adjustments_for
from alsmove.patients.clock import today_for
from alsmove.patients.models import Patient
from alsmove.routines.models import RoutinePlan, Status
from alsmove.routines.services import plan_in_use

_UNSET: Any = object()


@dataclass
class TodaysSession:
    plan_id: int | None
    day: date
    items: list[dict[str, Any]]
    left_out: list[dict[str, Any]]  # taken out today by the overwork rules, with the rule
    eased: bool  # fewer repetitions and shorter holds after signs of overwork
    warnings: list[dict[str, Any]]
    # ROUTINE-FIRST-01: no therapist has approved the routine yet (gentle work only).
    before_review: bool = False
    # The overwork rules' flags on the day ({exercise, rule, status}): not part of what the
    # person is given (`as_data`), stored beside it for the alerts page, where a therapist
    # clears them; the same rules over the same inputs, so the same stamp keeps them.
    flags: list[dict[str, str]] = field(default_factory=list)
    _plan: Any = field(default=_UNSET, repr=False, compare=False)

    @property
    def plan(self) -> RoutinePlan | None:
        """The routine in use (read only when a caller needs the row itself)."""
        if self._plan is _UNSET:
            self._plan = None
            if self.plan_id:
                # The read compiled once (kept.by_key): the quick log asks for the row on
                # every log, and compiling the ORM's query cost twice what running it did.
                with suppress(RoutinePlan.DoesNotExist):
                    self._plan = by_key(RoutinePlan, self.plan_id)
        return self._plan  # type: ignore[no-any-return]

    @property
    def has_plan(self) -> bool:
        return self.plan_id is not None

    def as_data(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "left_out": self.left_out,
            "eased": self.eased,
            "warnings": self.warnings,
            "before_review": self.before_review,
        }


@cache
def _read_sql() -> str:
    """One query: the stored row (if any) and the newest of each input, taken now.

    Plain SQL, the same on SQLite and PostgreSQL, built once: the ORM took longer to
    compile six subqueries than the database took to answer them. Every subquery reads an
    index (patient, then the id or time).
    """
    t = {
        name: model._meta.db_table
        for name, model in {
            "patient": Patient,
            "stored": StoredSession,
            "log": SessionLog,
            "checkin": CheckIn,
            "review": FlagReview,
            "plan": RoutinePlan,
            "exercise": ExerciseRecord,
        }.items()
    }

    def newest(table: str, column: str = "id", where: str = "") -> str:
        return (
            f"(SELECT {column} FROM {table} WHERE patient_id = p.id{where} "  # noqa: S608
            f"ORDER BY {column} DESC LIMIT 1)"
        )

    inputs = ", ".join(
        [
            newest(t["log"]),
            # A corrected log (logbook.corrections) is judged again: its change time counts.
            newest(t["log"], "changed_at", " AND changed_at IS NOT NULL"),
            newest(t["checkin"]),
            newest(t["review"]),
            newest(t["plan"]),
            newest(t["plan"], "reviewed_at", " AND reviewed_at IS NOT NULL"),
            # Undoing an edit hands the routine back to the version it came from without
            # a new row or an approval: the newest version still in play tells.
            newest(t["plan"], where=f" AND status <> '{Status.SUPERSEDED.value}'"),
            f"(SELECT updated_at FROM {t['exercise']} ORDER BY updated_at DESC LIMIT 1)",  # noqa: S608
        ]
    )
    return (
        # Table names from the models, the one value a parameter: nothing from a request.
        f"SELECT s.stamp, s.plan_id, s.data, {inputs} FROM {t['patient']} p "  # noqa: S608
        f"LEFT JOIN {t['stored']} s ON s.patient_id = p.id WHERE p.id = %s"
    )


# What a stored row holds; a change of it makes every stored row compute again once.
_FORMAT = "2"  # 2: with the day's flags


def _read(patient: Patient, day: date) -> tuple[str, TodaysSession | None]:
    """(the stamp of the inputs now, the stored session if it was made from them)."""
    with connection.cursor() as cursor:
        cursor.execute(_read_sql(), [patient.pk])
        row = cursor.fetchone()
    if row is None:
        return day.isoformat(), None
    stored_stamp, plan_id, data, *inputs = row
    stamp = "|".join([_FORMAT, day.isoformat(), *(str(value) for value in inputs)])[:255]
    if stored_stamp is None or stored_stamp != stamp:
        return stamp, None
    if isinstance(data, str):
        data = json.loads(data)
    return stamp, TodaysSession(plan_id, day, **data)


# Where a stamp holds the routine's parts and the library's (`_read_sql`'s inputs, after
# the format and the day): what a session is made from besides the log.
_NOT_THE_LOG = (0, 1, 6, 7, 8, 9)


class KeepAfterLog:
    """Today's session for the quick log: read before the log, then made again once from
    the log's own judgement of the day and stored in the log's transaction, so neither
    the request nor the next page judges the day a second time (logbook.services.AfterLog).

    Before the log a session out of date is computed but not stored (the log is about
    to change it). After the log the stamp is read again inside the transaction, once
    the log is written and before the day is judged, as `todays_session` takes it before
    computing; the session is stored only when the routine and the library are the ones
    it was read with (else the next read computes it, as after any change)."""

    def __init__(self, patient: Patient, today: date) -> None:
        self.patient = patient
        self.day = today
        self.stamp, stored = _read(patient, self.day)
        self.session = stored if stored is not None else compute_session(patient, self.day)
        # Read now, not in the transaction, where every other writer waits: the stamps
        # taken before this and after the log hold the library's last change, so a
        # library changed meanwhile means nothing is stored (`judged`).
        self._library = {e.id: e for e in exercise_library()}
        self._after: str | None = None

    def saved(self) -> None:
        self._after, _stored = _read(self.patient, self.day)

    def judged(self, result: OverworkResult) -> None:
        after = self._after
        if after is None or len(after) >= 255 or len(self.stamp) >= 255:
            return  # a stamp cut short cannot be compared part by part
        before_parts, after_parts = self.stamp.split("|"), after.split("|")
        if len(before_parts) != len(after_parts) or any(
            before_parts[i] != after_parts[i] for i in _NOT_THE_LOG
        ):
            return
        plan = self.session.plan
        if plan is not None and plan.pk != self.session.plan_id:
            return
        session = _session_from(plan, result, to_adjustments(result), self.day, self._library)
        values = {
            "day": self.day,
            "stamp": after,
            "plan": session.plan_id,
            "data": {**session.as_data(), "flags": session.flags},  # the field encodes it
            "computed_at": timezone.now(),
        }
        # Inside the log's transaction: an update, or an insert in a savepoint of its own
        # (another request storing the first row at the same moment wins).
        if _update_stored(self.patient.pk, values):
            return
        values["plan_id"] = values.pop("plan")
        try:
            with transaction.atomic():
                StoredSession.objects.create(patient_id=self.patient.pk, **values)
        except IntegrityError:
            pass


@cache
def _update_sql() -> str:
    meta = StoredSession._meta
    quote = connection.ops.quote_name
    sets = ", ".join(f"{quote(meta.get_field(name).column)} = %s" for name in _STORED)
    # Table and column names from the model; every value is a parameter.
    return f"UPDATE {quote(meta.db_table)} SET {sets} WHERE {quote('patient_id')} = %s"  # noqa: S608


_STORED = ("day", "stamp", "plan", "data", "computed_at")


def _update_stored(patient_id: int, values: dict[str, Any]) -> bool:
    """The stored row's update in plain SQL built once, each value prepared by its field as
    the ORM prepares it (inside the log's transaction, where compiling the ORM's update
    cost more than running it); False when the person has no stored row yet."""
    fields = StoredSession._meta
    params = [fields.get_field(name).get_db_prep_save(values[name], connection) for name in _STORED]
    with connection.cursor() as cursor:
        cursor.execute(_update_sql(), [*params, patient_id])
        return bool(cursor.rowcount)


def todays_session(patient: Patient, today: date | None = None) -> TodaysSession:
    """Today's exercises for the person (their today unless `today` is given)."""
    day = today or today_for(patient)
    stamp, stored = _read(patient, day)
    if stored is not None:
        return stored
    computed = compute_session(patient, day)
    # Through JSON both ways, so a fresh session and a stored one are the same values.
    data = json.loads(
        json.dumps({**computed.as_data(), "flags": computed.flags}, cls=DjangoJSONEncoder)
    )
    _store(patient, computed, data, stamp)
    return TodaysSession(computed.plan_id, day, **data, _plan=computed.plan)


def _store(patient: Patient, session: TodaysSession, data: dict[str, Any], stamp: str) -> None:
    values = {
        "day": session.day,
        "stamp": stamp,
        "plan_id": session.plan_id,
        "data": data,
        "computed_at": timezone.now(),
    }
    try:
        with transaction.atomic():
            StoredSession.objects.update_or_create(patient_id=patient.pk, defaults=values)
    except IntegrityError:  # another request stored it at the same moment: theirs stands
        pass


def compute_session(patient: Patient, day: date) -> TodaysSession:
    """The session from scratch: the routine's day, the overwork rules, the easing."""
    plan = plan_in_use(patient)
    result, adjustments = adjustments_for(patient, day)
    return _session_from(plan, result, adjustments, day)


def _session_from(
    plan: RoutinePlan | None,
    result: OverworkResult,
    adjustments: Adjustments,
    day: date,
    library: Mapping[str, Exercise] | None = None,
) -> TodaysSession:
    """The session of the routine `plan` on `day`, after the overwork rules' `result`
    (with the library by id, read now when not given)."""
    flags = [{"exercise": f.exercise, "rule": f.rule, "status": f.status} for f in result.flags]
    if plan is None:
        return TodaysSession(None, day, [], [], False, [], flags=flags, _plan=None)
    if library is None:
        library = {e.id: e for e in exercise_library()}
    items, left_out = [], []
    for item in plan.items_for_day(day.weekday()):
        slug = item["exercise"]
        exercise = library.get(slug)
        if slug in adjustments.removed_pending_review:
            left_out.append({**item, "rule": "OVERWORK-REPEAT-01"})
            continue
        if slug in adjustments.skip_today:
            left_out.append({**item, "rule": "OVERWORK-PAIN-01"})
            continue
        if adjustments.rest_day:  # OVERWORK-REST-01: no exercise today
            left_out.append({**item, "rule": "OVERWORK-REST-01"})
            continue
        if not adjustments.allow_strengthening and exercise and exercise.is_strengthening:
            left_out.append({**item, "rule": "ROUTINE-EASE-01"})
            continue
        hold = tuple(item["hold_seconds"]) if item["hold_seconds"] else None
        reps, eased_hold = ease_prescription(item["reps"], hold, result.easing)  # type: ignore[arg-type]
        minutes = item["minutes"]
        if exercise is not None and exercise.kind.value == "aerobic" and result.easing.active:
            # Easing shortens an aerobic bout too (ROUTINE-EASE-01).
            minutes = max(1.0, round(minutes * result.easing.reps_factor * 2) / 2)
        items.append(
            {
                **item,
                "reps": reps,
                "minutes": minutes,
                "hold_seconds": list(eased_hold) if eased_hold else None,
            }
        )
    warnings = [
        {"rule": w.rule, "text": w.text.text, "params": dict(w.text.params)}
        for w in result.warnings
    ]
    return TodaysSession(
        plan.pk,
        day,
        items,
        left_out,
        result.easing.active,
        warnings,
        before_review=not plan.reviewed,
        flags=flags,
        _plan=plan,
    )
