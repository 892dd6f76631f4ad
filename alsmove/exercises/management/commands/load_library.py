from typing import Any

from django.core.management.base import BaseCommand

from alsmove.exercises.services import sync_library


class Command(BaseCommand):
    help = "Load or update the built-in exercise library from alsmove/exercises/content."

    def handle(self, *args: Any, **options: Any) -> None:
        result = sync_library()
        self.stdout.write(
            f"Exercise library: {result.created} added, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )
