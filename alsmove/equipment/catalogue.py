"""Loading the equipment catalogue into the database and reading it back."""

from __future__ import annotations

from collections.abc import Sequence

from alsmove.content_rows import LoadResult, sync_rows
from alsmove.core.equipment_catalogue import CatalogueItem
from alsmove.equipment.loader import default_catalogue
from alsmove.equipment.models import CatalogueRecord


def sync_catalogue(items: Sequence[CatalogueItem] | None = None) -> LoadResult:
    """Make the rows match the YAML files. Safe to run again and again; an item taken out
    of the files is taken out of the catalogue (plans keep their own name for it)."""
    items = default_catalogue() if items is None else items
    return sync_rows(
        CatalogueRecord,
        (
            (
                item.id,
                {
                    "name": item.name,
                    "group": item.group.value,
                    "home_area": item.home_area.value if item.home_area else "",
                    "position": position,
                    "data": item.model_dump(mode="json"),
                },
            )
            for position, item in enumerate(items)
        ),
    )


def catalogue_items() -> list[CatalogueItem]:
    """The catalogue as loaded into the database, in file order."""
    return [record.item() for record in CatalogueRecord.objects.all()]


def find_item(slug: str) -> CatalogueItem | None:
    record = CatalogueRecord.objects.filter(slug=slug).first()
    return record.item() if record is not None else None
