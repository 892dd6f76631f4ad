"""What was done in today's guided session, kept in the browser session until it is logged.

The step pages note each exercise as it ends (done by "Next", skipped by "Skip", partly
when the session is stopped in the middle of it); the quick log starts from these
answers, so a stopped or partly skipped session is logged as it happened.
"""

from __future__ import annotations

from datetime import date

from django.contrib.sessions.backends.base import SessionBase

STATUSES = ("done", "partly", "skipped")


def _key(patient_id: int) -> str:
    return f"session-progress-{patient_id}"


def note_status(
    session: SessionBase, patient_id: int, day: date, exercise: str, status: str
) -> None:
    if status not in STATUSES:
        return
    raw = session.get(_key(patient_id)) or {}
    statuses = dict(raw.get("statuses") or {}) if raw.get("day") == day.isoformat() else {}
    statuses[exercise] = status
    session[_key(patient_id)] = {"day": day.isoformat(), "statuses": statuses}


def carried_statuses(session: SessionBase, patient_id: int, day: date) -> dict[str, str]:
    """The statuses noted today (an older day's are forgotten)."""
    raw = session.get(_key(patient_id)) or {}
    if raw.get("day") != day.isoformat():
        return {}
    return {str(k): str(v) for k, v in (raw.get("statuses") or {}).items() if v in STATUSES}


def forget(session: SessionBase, patient_id: int) -> None:
    session.pop(_key(patient_id), None)
