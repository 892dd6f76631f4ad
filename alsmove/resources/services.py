"""Loading the Resources section into the database and reading it back."""

from __future__ import annotations

from collections.abc import Sequence

from alsmove.content_rows import LoadResult, sync_rows
from alsmove.core.resources import Resource
from alsmove.resources.loader import default_resources
from alsmove.resources.models import ResourceRecord


def sync_resources(resources: Sequence[Resource] | None = None) -> LoadResult:
    """Make the rows match the YAML files. Safe to run again and again; an entry taken
    out of the files is taken out of the section."""
    resources = default_resources() if resources is None else resources
    return sync_rows(
        ResourceRecord,
        (
            (
                resource.id,
                {
                    "title": resource.title,
                    "topic": resource.topic.value,
                    "data": resource.model_dump(mode="json"),
                },
            )
            for resource in resources
        ),
    )


def all_resources() -> list[Resource]:
    return [record.resource() for record in ResourceRecord.objects.all()]


def find_resource(slug: str) -> Resource | None:
    record = ResourceRecord.objects.filter(slug=slug).first()
    return record.resource() if record is not None else None
