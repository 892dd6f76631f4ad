"""What a stored figure made from a person's record is keyed by, read in plain SQL.

A record is never changed in place (a correction is a new row and the old one
superseded), but a removed row's id can be given to the next one (SQLite does), so the
key is every row's content. The rows are read with plain SQL built once from the models
(JSON columns as their stored text), because compiling these small queries with the ORM
and converting their values cost twenty times more than running them (a functional
profile: 0.68 ms against 0.03). The values are the database's own (a date may be text on
SQLite): right for a key; `day`, `json_value` and `profile_from_row` make them Python's
where a result is made from them.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.db import models

from alsmove.assessments.models import Assessment
from alsmove.kept import rows
from alsmove.patients.models import FunctionalProfile, Patient

RECORD_FIELDS = ("id", "taken_on", "source", "total", "items", "created_at", "superseded_at")


def record_rows(patient: Patient) -> tuple[tuple[Any, ...], ...]:
    """Every assessment row of the record (`RECORD_FIELDS`, raw), by id: a new,
    corrected or removed record changes it."""
    return rows(Assessment, RECORD_FIELDS, ("id",), "patient", patient.pk)


def patient_key(patient: Patient) -> tuple[Any, ...]:
    """The patient row's values as loaded (onset and diagnosis dates, time zone...)."""
    return tuple(getattr(patient, field.attname) for field in Patient._meta.concrete_fields)


def _profile_names() -> tuple[str, ...]:
    return tuple(field.name for field in FunctionalProfile._meta.concrete_fields)


def profile_row(patient: Patient) -> tuple[Any, ...] | None:
    """The functional profile row's values, raw (None without one)."""
    found = rows(FunctionalProfile, _profile_names(), ("id",), "patient", patient.pk)
    return found[0] if found else None


def day(value: Any) -> date:
    """A date column's raw value as a date (SQLite gives text)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def json_value(text: Any) -> Any:
    return json.loads(text) if isinstance(text, str) else text


def profile_from_row(row: tuple[Any, ...]) -> FunctionalProfile:
    """A functional profile (not saved) from its raw row, as the ORM would read it."""
    values: dict[str, Any] = {}
    for field, value in zip(FunctionalProfile._meta.concrete_fields, row, strict=True):
        if value is not None and isinstance(field, models.JSONField):
            value = json_value(value)
        elif value is not None and isinstance(field, models.BooleanField):
            value = bool(value)
        values[field.attname] = value
    return FunctionalProfile(**values)
