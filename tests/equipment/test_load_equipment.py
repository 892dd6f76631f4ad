"""`manage.py load_equipment` loads the catalogue idempotently."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from alsmove.equipment.catalogue import catalogue_items, find_item, sync_catalogue
from alsmove.equipment.loader import default_catalogue
from alsmove.equipment.models import CatalogueRecord

pytestmark = pytest.mark.django_db


def test_loading_twice_changes_nothing_the_second_time(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_equipment")
    again = sync_catalogue()
    assert (again.created, again.updated, again.removed) == (0, 0, 0)
    assert again.unchanged == len(default_catalogue())
    assert [i.id for i in catalogue_items()] == [i.id for i in default_catalogue()]


def test_an_edited_item_is_updated_and_a_removed_one_taken_out() -> None:
    items = list(default_catalogue())
    items[0] = items[0].model_copy(update={"name": "A new name"})
    result = sync_catalogue(items[:-1])
    assert (result.updated, result.removed) == (1, 1)
    first = find_item(items[0].id)
    assert first is not None and first.name == "A new name"
    assert not CatalogueRecord.objects.filter(slug=items[-1].id).exists()
    sync_catalogue()
