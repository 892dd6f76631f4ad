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
from functools import cache
from typing import Any

from django.db import connection, models

from alsmove.assessments.models import Assessment
from alsmove.patients.models import FunctionalProfile, Patient


def _column(field: models.Field[Any, Any]) -> str:
    name = connection.ops.quote_name(field.column)
    return f"CAST({name} AS TEXT)" if isinstance(field, models.JSONField) else name


@cache
def _select(
    model: type[models.Model], names: tuple[str, ...], where: str | None, order: tuple[str, ...]
) -> str:
    meta = model._meta

    def quoted(name: str) -> str:
        return connection.ops.quote_name(meta.get_field(name).column)  # type: ignore[union-attr]

    columns = ", ".join(_column(meta.get_field(name)) for name in names)  # type: ignore[arg-type]
    sql = f"SELECT {columns} FROM {connection.ops.quote_name(meta.db_table)}"  # noqa: S608
    if where is not None:
        sql += f" WHERE {quoted(where)} = %s"
    # Every part is a quoted column or table name from the model; the value is a parameter.
    return sql + " ORDER BY " + ", ".join(quoted(name) for name in order)


def rows(
    model: type[models.Model],
    names: tuple[str, ...],
    order: tuple[str, ...],
    where: str | None = None,
    value: Any = None,
) -> tuple[tuple[Any, ...], ...]:
    """The rows of `model` (those whose field `where` is `value`, if given): the fields
    `names`, raw, in the order of the fields `order`."""
    with connection.cursor() as cursor:
        cursor.execute(_select(model, names, where, order), [] if where is None else [value])
        return tuple(tuple(row) for row in cursor.fetchall())


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
