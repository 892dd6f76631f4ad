"""Loading the Resources section into the database and reading it back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from alsmove.core.resources import Resource
from alsmove.resources.loader import default_resources
from alsmove.resources.models import ResourceRecord


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int
    removed: int


@transaction.atomic
def sync_resources(resources: Sequence[Resource] | None = None) -> LoadResult:
    """Make the rows match the YAML files. Safe to run again and again; an entry taken
    out of the files is taken out of the section."""
    resources = default_resources() if resources is None else resources
    existing = {r.slug: r for r in ResourceRecord.objects.all()}
    created = updated = unchanged = 0
    for resource in resources:
        fields = {
            "title": resource.title,
            "topic": resource.topic.value,
            "data": resource.model_dump(mode="json"),
        }
        record = existing.pop(resource.id, None)
        if record is None:
            ResourceRecord.objects.create(slug=resource.id, **fields)
            created += 1
        elif any(getattr(record, k) != v for k, v in fields.items()):
            for key, value in fields.items():
                setattr(record, key, value)
            record.save()
            updated += 1
        else:
            unchanged += 1
    removed = len(existing)
    if existing:
        ResourceRecord.objects.filter(pk__in=[r.pk for r in existing.values()]).delete()
    return LoadResult(created, updated, unchanged, removed)


def all_resources() -> list[Resource]:
    return [record.resource() for record in ResourceRecord.objects.all()]


def find_resource(slug: str) -> Resource | None:
    record = ResourceRecord.objects.filter(slug=slug).first()
    return record.resource() if record is not None else None
