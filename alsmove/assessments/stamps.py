"""What a stored figure made from a person's ALSFRS-R records is keyed by.

A record is never changed in place (a correction is a new row and the old one
superseded), but a removed row's id can be given to the next one (SQLite does), so the
key is every row's content, read without parsing: one small query.
"""

from __future__ import annotations

import json
from typing import Any

from alsmove.assessments.models import Assessment
from alsmove.patients.models import FunctionalProfile, Patient

RECORD_FIELDS = ("pk", "taken_on", "source", "total", "items", "created_at", "superseded_at")


def record_rows(patient: Patient) -> list[tuple[Any, ...]]:
    """Every assessment row's values (`RECORD_FIELDS`), by id."""
    return list(
        Assessment.objects.filter(patient=patient).order_by("pk").values_list(*RECORD_FIELDS)
    )


def rows_key(rows: list[tuple[Any, ...]]) -> tuple[Any, ...]:
    return tuple(
        (pk, day, source, total, json.dumps(items, sort_keys=True), created, superseded)
        for pk, day, source, total, items, created, superseded in rows
    )


def records_key(patient: Patient) -> tuple[Any, ...]:
    """Every assessment row of the record: id, day, source, answers, total, entry and
    superseded times (a new, corrected or removed record changes it)."""
    return rows_key(record_rows(patient))


def patient_key(patient: Patient) -> tuple[Any, ...]:
    """The patient row's values as loaded (onset and diagnosis dates, time zone...)."""
    return tuple(getattr(patient, field.attname) for field in Patient._meta.concrete_fields)


def profile_values(patient: Patient) -> dict[str, Any] | None:
    """The functional profile row's values (None without one)."""
    return FunctionalProfile.objects.filter(patient=patient).values().first()


def values_key(values: dict[str, Any] | None) -> str:
    return json.dumps(values, sort_keys=True, default=str)


def profile_key(patient: Patient) -> str:
    """The functional profile's values ("null" without one)."""
    return values_key(profile_values(patient))
