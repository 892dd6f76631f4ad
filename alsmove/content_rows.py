"""Keeping the database rows of content written as data in step with its files: one row
per entry, by slug, with the fields a page filters on and the whole entry as JSON. Used
by the resources, the caregiver skills and the equipment catalogue."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int
    removed: int


@transaction.atomic
def sync_rows(model: type[models.Model], rows: Iterable[tuple[str, dict[str, Any]]]) -> LoadResult:
    """Make `model`'s rows match `rows` (slug, fields): create, update what changed, and
    delete the rows whose entry is no longer in the files. Safe to run again and again."""
    existing: dict[str, Any] = {r.slug: r for r in model.objects.all()}  # type: ignore[attr-defined]
    created = updated = unchanged = 0
    for slug, fields in rows:
        record = existing.pop(slug, None)
        if record is None:
            model.objects.create(slug=slug, **fields)  # type: ignore[attr-defined]
            created += 1
        elif any(getattr(record, k) != v for k, v in fields.items()):
            for key, value in fields.items():
                setattr(record, key, value)
            record.save()
            updated += 1
        else:
            unchanged += 1
    if existing:
        model.objects.filter(pk__in=[r.pk for r in existing.values()]).delete()  # type: ignore[attr-defined]
    return LoadResult(created, updated, unchanged, len(existing))
