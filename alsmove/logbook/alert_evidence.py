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

from alsmove.exercises.services import exercise_library
from alsmove.logbook.models import CheckIn, SessionLog
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
