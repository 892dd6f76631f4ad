"""Loading the library into the database and reading it back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils.translation import get_language

from alsmove.core.library import Exercise
from alsmove.exercises.loader import default_library
from alsmove.exercises.models import ExerciseRecord
from alsmove.kept import Kept, rows


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int


@transaction.atomic
def sync_library(exercises: Sequence[Exercise] | None = None) -> LoadResult:
    """Make the built-in rows match the YAML library. Safe to run again and again."""
    exercises = default_library() if exercises is None else exercises
    existing = {r.slug: r for r in ExerciseRecord.objects.all()}
    created = updated = unchanged = 0
    for exercise in exercises:
        data = exercise.model_dump(mode="json")
        fields = {
            "name": exercise.name,
            "kind": exercise.kind.value,
            "body_region": exercise.body_region.value,
            "data": data,
        }
        record = existing.get(exercise.id)
        if record is None:
            ExerciseRecord.objects.create(slug=exercise.id, **fields)
            created += 1
        elif any(getattr(record, k) != v for k, v in fields.items()):
            for key, value in fields.items():
                setattr(record, key, value)
            record.save()
            updated += 1
        else:
            unchanged += 1
    return LoadResult(created, updated, unchanged)


# Each row read once per process: parsing 89 exercises again on every page cost more than
# the rest of the page. Keyed by the row and its last change (`ExerciseRecord.save` sets
# `updated_at`), so an edited row is parsed again and a stale one is never used.
_PARSED: dict[tuple[int, Any, str], Exercise] = {}


def library_with_changes() -> list[tuple[Exercise, Any]]:
    """Each exercise with the time its row last changed (for cache-friendly addresses).

    The library is the same for everyone who may see it, so nothing here depends on who
    asks."""
    rows = list(ExerciseRecord.objects.values_list("pk", "updated_at"))
    language = get_language() or ""  # the parsed entry holds the words of one language
    missing = [pk for pk, changed in rows if (pk, changed, language) not in _PARSED]
    if missing:
        for record in ExerciseRecord.objects.filter(pk__in=missing):
            _PARSED[(record.pk, record.updated_at, language)] = record.exercise()
    return [(_PARSED[(pk, changed, language)], changed) for pk, changed in rows]


# The whole list, by name, per language and every row's (id, last change) as stored: the
# key read in plain SQL (alsmove.kept.rows), since compiling the ORM's read of the same
# two columns cost more than running it on every page that names an exercise.
_LISTS = Kept[list[Exercise]](size=12)


def exercise_library() -> list[Exercise]:
    """The library's exercises in the active language, by name."""
    key = (get_language() or "", rows(ExerciseRecord, ("id", "updated_at"), ("id",)))

    def make() -> list[Exercise]:
        return [exercise for exercise, _changed in library_with_changes()]

    return list(_LISTS.get_or_make(key, make))  # a list of its own for the caller


def find_exercise(slug: str) -> Exercise | None:
    for exercise in exercise_library():
        if exercise.id == slug:
            return exercise
    return None


def exercise_with_change(slug: str) -> tuple[Exercise, Any] | None:
    """One exercise in the active language with its row's last change as the database
    gives it (a key for what is made from it), reading only that row's key: for a page
    that needs one exercise. Plain SQL built once: compiling the ORM's query cost more
    than running it. The change is the raw value (text on SQLite), so these entries are
    kept beside the library's, never mixed with them."""
    if not _ONE_SQL:
        table = ExerciseRecord._meta.db_table
        _ONE_SQL.append(f"SELECT id, updated_at FROM {table} WHERE slug = %s")  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(_ONE_SQL[0], [slug])
        row = cursor.fetchone()
    if row is None:
        return None
    pk, changed = row
    key = (pk, ("row", changed), get_language() or "")
    if key not in _PARSED:
        record = ExerciseRecord.objects.filter(pk=pk).first()
        if record is None:
            return None
        _PARSED[key] = record.exercise()
    return _PARSED[key], changed


_ONE_SQL: list[str] = []
