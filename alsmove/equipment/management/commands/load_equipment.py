from typing import Any

from django.core.management.base import BaseCommand

from alsmove.equipment.catalogue import sync_catalogue


class Command(BaseCommand):
    help = "Load or update the equipment catalogue from alsmove/equipment/content."

    def handle(self, *args: Any, **options: Any) -> None:
        result = sync_catalogue()
        self.stdout.write(
            f"Equipment: {result.created} added, {result.updated} updated, "
            f"{result.unchanged} unchanged, {result.removed} removed."
        )
