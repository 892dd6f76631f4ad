"""What was logged behind each alert: the session logs and check-ins of its day, with who
entered them, so a therapist can act without opening three pages.

Two queries for a whole page of alerts (logs with their exercises, and check-ins), and
one for the exercise names unless the caller has them; never one per alert.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from django.db import connection
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from alsmove.accounts.models import User
from alsmove.exercises.services import exercise_library
from alsmove.kept import Kept
from alsmove.logbook.models import CheckIn, ExerciseLog, SessionLog
from alsmove.patients.clock import zone_for
from alsmove.patients.models import Patient


@dataclass(frozen=True)
class LoggedExercise:
    name: str
    status: str
    status_label: str
    pain: int


@dataclass(frozen=True)
class LoggedSession:
    log: SessionLog
    exercises: list[LoggedExercise]
    painful: list[LoggedExercise]


@dataclass
class Evidence:
    """Everything logged on one day of one record."""

    sessions: list[LoggedSession] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)


def evidence_by_day(
    patient: Patient, days: Iterable[date], names: Mapping[str, str] | None = None
) -> dict[date, Evidence]:
    """`names`: every exercise's name by id, when the caller has read the library."""
    wanted = sorted(set(days))
    found: dict[date, Evidence] = defaultdict(Evidence)
    if not wanted:
        return found
    if names is None:
        names = {e.id: e.name for e in exercise_library()}
    logs = (
        SessionLog.objects.filter(patient=patient, day__in=wanted)
        .select_related("entered_by")
        .prefetch_related("exercises")
        .order_by("created_at")
    )
    for log in logs:
        rows = [
            LoggedExercise(
                names.get(e.exercise, e.exercise), e.status, str(e.get_status_display()), e.pain
            )
            for e in log.exercises.all()
        ]
        found[log.day].sessions.append(
            LoggedSession(log, rows, [row for row in rows if row.pain > 0])
        )
    checkins = (
        CheckIn.objects.filter(patient=patient, day__in=wanted)
        .select_related("entered_by")
        .order_by("created_at")
    )
    for checkin in checkins:
        found[checkin.day].checkins.append(checkin)
    return found


# Each day's evidence drawn (`logbook/_alert_evidence.html`), kept per process under
# everything the drawing shows: the record and its clock, the day, the language, and the
# content of every log row of that day (with who entered it, its revision and change
# time), every exercise row of those logs, every check-in row and the names the drawing
# gives the exercises. A new log or check-in, a correction, a renamed member or library
# row, another language is another key; nothing has to be forgotten by hand.
_DRAWN: Kept[SafeString] = Kept(size=512)


def _in(count: int) -> str:
    return ", ".join(["%s"] * count)


@cache
def _rows_sql(count: int) -> str:
    """Every log row of the days (with its exercise rows and who entered it), then every
    check-in row (with who entered it), in one query: a log's columns are empty on a
    check-in's row and a check-in's on a log's (one round trip, not two)."""
    q = connection.ops.quote_name
    log, ex, user = SessionLog._meta.db_table, ExerciseLog._meta.db_table, User._meta.db_table
    checkin = CheckIn._meta.db_table
    days = f"IN ({_in(count)})"
    return (
        f"SELECT 'log' AS part, l.{q('day')} AS day, l.{q('id')} AS id,"  # noqa: S608
        f" l.{q('created_at')} AS created_at, u.{q('full_name')}, l.{q('fatigue')},"
        f" l.{q('cramps')}, l.{q('breathless_after')}, l.{q('note')}, l.{q('revision')},"
        f" l.{q('changed_at')}, e.{q('id')} AS row_id, e.{q('exercise')}, e.{q('status')},"
        f" e.{q('pain')}, NULL, NULL, NULL, NULL"
        f" FROM {q(log)} l LEFT JOIN {q(user)} u ON u.{q('id')} = l.{q('entered_by_id')}"
        f" LEFT JOIN {q(ex)} e ON e.{q('session_id')} = l.{q('id')}"
        f" WHERE l.{q('patient_id')} = %s AND l.{q('day')} {days}"
        f" UNION ALL SELECT 'checkin', c.{q('day')}, c.{q('id')}, c.{q('created_at')},"
        f" u.{q('full_name')}, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
        f" c.{q('kind')}, c.{q('weaker')}, c.{q('soreness')}, c.{q('heaviness')}"
        f" FROM {q(checkin)} c LEFT JOIN {q(user)} u ON u.{q('id')} = c.{q('entered_by_id')}"
        f" WHERE c.{q('patient_id')} = %s AND c.{q('day')} {days}"
        f" ORDER BY part DESC, created_at, id, row_id"
    )


_SLUG = 12  # where a log's row holds its exercise row's exercise (`_rows_sql`)


def drawn_evidence(
    patient: Patient, days: Iterable[date], names: Mapping[str, str]
) -> dict[date, SafeString]:
    """Each day's evidence, drawn, for the alerts page (`names`: every exercise's name by
    id in the page's language). One plain-SQL read for the keys (built once: compiling it
    in the ORM cost more than running it); the days not kept yet are read through
    `evidence_by_day` and drawn."""
    wanted = sorted(set(days))
    if not wanted:
        return {}
    values = [connection.ops.adapt_datefield_value(day) for day in wanted]
    by_day: dict[Any, list[tuple[Any, ...]]] = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(_rows_sql(len(wanted)), [patient.pk, *values, patient.pk, *values])
        for row in cursor.fetchall():
            by_day[str(row[1])].append(tuple(row))
    language, zone = get_language() or "", patient.time_zone
    keys = {}
    for day in wanted:
        content = tuple(by_day.get(day.isoformat(), ()))
        slugs = sorted({str(row[_SLUG]) for row in content if row[0] == "log" and row[_SLUG]})
        used = tuple((slug, names.get(slug)) for slug in slugs)
        keys[day] = (patient.pk, zone, day, language, content, used)
    drawn: dict[date, SafeString] = {}
    evidence: dict[date, Evidence] | None = None
    for day in wanted:

        def make(day: date = day) -> SafeString:
            nonlocal evidence
            if evidence is None:  # every day not kept, read at once
                evidence = evidence_by_day(patient, wanted, names)
            with timezone.override(zone_for(patient)):  # as the layout draws the page
                html = render_to_string(
                    "logbook/_alert_evidence.html",
                    {"row": {"evidence": evidence[day]}, "patient": patient},
                )
            return mark_safe(html)  # noqa: S308  # drawn by the template, escaped there

        drawn[day] = _DRAWN.get_or_make(keys[day], make)
    return drawn
