from typing import Any

from django.core.management.base import BaseCommand

from alsmove.resources.services import sync_resources


class Command(BaseCommand):
    help = "Load or update the Resources section from alsmove/resources/content."

    def handle(self, *args: Any, **options: Any) -> None:
        result = sync_resources()
        self.stdout.write(
            f"Resources: {result.created} added, {result.updated} updated, "
            f"{result.unchanged} unchanged, {result.removed} removed."
        )
