"""What the overwork rules read: session logs, check-ins and reviews, validated.

Each record checks its own fields when it is made, and `parse_input()` builds them from
decoded JSON (the command line and the web), naming the bad field in its error. The
rules themselves are in `alsmove.core.overwork`, which re-exports every name here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal, TypeVar

Status = Literal["done", "partly", "skipped"]
Cramps = Literal["none", "mild", "severe"]
CheckInKind = Literal["after_30_min", "next_day"]
_STATUSES: dict[str, Status] = {"done": "done", "partly": "partly", "skipped": "skipped"}
_CRAMPS: dict[str, Cramps] = {"none": "none", "mild": "mild", "severe": "severe"}
_KINDS: dict[str, CheckInKind] = {"after_30_min": "after_30_min", "next_day": "next_day"}
_T = TypeVar("_T")
EXERCISE_ID = re.compile(r"^[a-z][a-z0-9-]{2,60}$")  # as in alsmove.core.library


class OverworkInputError(ValueError):
    """Bad input; the message names the field, e.g. "sessions[0].date: not a date"."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def _check_int(field: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise OverworkInputError(field, f"must be an integer {low}-{high}")
    return value


def _check_bool(field: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise OverworkInputError(field, "must be true or false")
    return value


def _check_exercise(field: str, value: object) -> str:
    if not isinstance(value, str) or not EXERCISE_ID.match(value):
        raise OverworkInputError(
            field, "must be an exercise id (lowercase letters, digits and hyphens)"
        )
    return value


def _check_date(field: str, value: object) -> date:
    # A datetime is a date too, but cannot be compared with one.
    if not isinstance(value, date) or isinstance(value, datetime):
        raise OverworkInputError(field, "must be a date")
    return value


def _choice(field: str, value: object, choices: Mapping[str, _T]) -> _T:
    if not isinstance(value, str) or value not in choices:
        *others, last = choices
        listed = f"{', '.join(others)} or {last}" if others else last
        raise OverworkInputError(field, f"must be {listed}")
    return choices[value]


@dataclass(frozen=True)
class ExerciseLog:
    exercise: str
    status: Status
    pain: int  # 0-10, during the exercise

    def __post_init__(self) -> None:
        _check_exercise("exercise", self.exercise)
        _choice("status", self.status, _STATUSES)
        _check_int("pain", self.pain, 0, 10)


@dataclass(frozen=True)
class SessionLog:
    date: date
    exercises: tuple[ExerciseLog, ...]
    fatigue: int  # 0-10, right after the session
    cramps: Cramps
    breathless_after: bool  # short of breath that lasted after the session
    # When these answers were given (the latest correction's time); lets a review made
    # later the same day clear them. None when unknown (the CLI's day-only input).
    recorded_at: datetime | None = None

    def __post_init__(self) -> None:
        _check_date("date", self.date)
        _check_int("fatigue", self.fatigue, 0, 10)
        _choice("cramps", self.cramps, _CRAMPS)
        _check_bool("breathless_after", self.breathless_after)
        ids = [log.exercise for log in self.exercises]
        if len(set(ids)) != len(ids):
            raise OverworkInputError("exercises", "an exercise is listed twice")


@dataclass(frozen=True)
class CheckIn:
    date: date
    kind: CheckInKind
    weaker: bool
    soreness: bool
    heaviness: bool

    def __post_init__(self) -> None:
        _check_date("date", self.date)
        _choice("kind", self.kind, _KINDS)
        for name in ("weaker", "soreness", "heaviness"):
            _check_bool(name, getattr(self, name))


@dataclass(frozen=True)
class ReviewEvent:
    """A therapist reviewed (cleared) an exercise: clears its flags dated before this day,
    and those of this day recorded before `at` when both times are known."""

    date: date
    exercise: str
    at: datetime | None = None

    def __post_init__(self) -> None:
        _check_date("date", self.date)
        _check_exercise("exercise", self.exercise)


# ---- input parsing (CLI and web) -------------------------------------------------------

DATE_FORMAT = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SESSION_KEYS = ("date", "exercises", "fatigue", "cramps", "breathless_after")
EXERCISE_KEYS = ("exercise", "status", "pain")
CHECKIN_KEYS = ("date", "kind", "weaker", "soreness", "heaviness")


def _keys(
    field: str, raw: object, keys: Sequence[str], *, optional: bool = False
) -> dict[str, Any]:
    """`raw` as an object holding only `keys` (all of them, unless optional)."""
    if not isinstance(raw, dict):
        raise OverworkInputError(field or "input", "must be an object")
    prefix = f"{field}." if field else ""
    for key in raw:
        if key not in keys:
            raise OverworkInputError(f"{prefix}{key}", "unknown key")
    if not optional:
        for key in keys:
            if key not in raw:
                raise OverworkInputError(f"{prefix}{key}", "missing")
    return raw


def _list(field: str, raw: object) -> list[Any]:
    if not isinstance(raw, list):
        raise OverworkInputError(field, "must be a list")
    return raw


def _date(field: str, raw: object) -> date:
    if isinstance(raw, str) and DATE_FORMAT.match(raw):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    raise OverworkInputError(field, "not a date (YYYY-MM-DD)")


def _session(field: str, raw: object) -> SessionLog:
    data = _keys(field, raw, SESSION_KEYS)
    logs: list[ExerciseLog] = []
    for index, item in enumerate(_list(f"{field}.exercises", data["exercises"])):
        at = f"{field}.exercises[{index}]"
        entry = _keys(at, item, EXERCISE_KEYS)
        exercise = _check_exercise(f"{at}.exercise", entry["exercise"])
        if any(log.exercise == exercise for log in logs):
            raise OverworkInputError(f"{at}.exercise", f"{exercise} is listed twice")
        status = _choice(f"{at}.status", entry["status"], _STATUSES)
        pain = _check_int(f"{at}.pain", entry["pain"], 0, 10)
        logs.append(ExerciseLog(exercise, status, pain))
    return SessionLog(
        date=_date(f"{field}.date", data["date"]),
        exercises=tuple(logs),
        fatigue=_check_int(f"{field}.fatigue", data["fatigue"], 0, 10),
        cramps=_choice(f"{field}.cramps", data["cramps"], _CRAMPS),
        breathless_after=_check_bool(f"{field}.breathless_after", data["breathless_after"]),
    )


def _checkin(field: str, raw: object) -> CheckIn:
    data = _keys(field, raw, CHECKIN_KEYS)
    return CheckIn(
        date=_date(f"{field}.date", data["date"]),
        kind=_choice(f"{field}.kind", data["kind"], _KINDS),
        weaker=_check_bool(f"{field}.weaker", data["weaker"]),
        soreness=_check_bool(f"{field}.soreness", data["soreness"]),
        heaviness=_check_bool(f"{field}.heaviness", data["heaviness"]),
    )


def parse_input(raw: object) -> tuple[list[SessionLog], list[CheckIn]]:
    """Sessions and check-ins from decoded JSON; OverworkInputError names the bad field.

    Both top-level lists may be left out. Exercise ids are checked for their form only,
    not against the built-in library, which is still being written.
    """
    data = _keys("", raw, ("sessions", "checkins"), optional=True)
    sessions = [
        _session(f"sessions[{index}]", item)
        for index, item in enumerate(_list("sessions", data.get("sessions", [])))
    ]
    checkins = [
        _checkin(f"checkins[{index}]", item)
        for index, item in enumerate(_list("checkins", data.get("checkins", [])))
    ]
    return sessions, checkins
