"""Loading the equipment catalogue into the database and reading it back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from alsmove.core.equipment_catalogue import CatalogueItem
from alsmove.equipment.loader import default_catalogue
from alsmove.equipment.models import CatalogueRecord


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int
    removed: int


@transaction.atomic
def sync_catalogue(items: Sequence[CatalogueItem] | None = None) -> LoadResult:
    """Make the rows match the YAML files. Safe to run again and again; an item taken out
    of the files is taken out of the catalogue (plans keep their own name for it)."""
    items = default_catalogue() if items is None else items
    existing = {r.slug: r for r in CatalogueRecord.objects.all()}
    created = updated = unchanged = 0
    for position, item in enumerate(items):
        fields = {
            "name": item.name,
            "group": item.group.value,
            "home_area": item.home_area.value if item.home_area else "",
            "position": position,
            "data": item.model_dump(mode="json"),
        }
        record = existing.pop(item.id, None)
        if record is None:
            CatalogueRecord.objects.create(slug=item.id, **fields)
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
        CatalogueRecord.objects.filter(pk__in=[r.pk for r in existing.values()]).delete()
    return LoadResult(created, updated, unchanged, removed)


def catalogue_items() -> list[CatalogueItem]:
    """The catalogue as loaded into the database, in file order."""
    return [record.item() for record in CatalogueRecord.objects.all()]


def find_item(slug: str) -> CatalogueItem | None:
    record = CatalogueRecord.objects.filter(slug=slug).first()
    return record.item() if record is not None else None
