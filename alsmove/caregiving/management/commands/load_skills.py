from typing import Any

from django.core.management.base import BaseCommand

from alsmove.caregiving.services import sync_skills


class Command(BaseCommand):
    help = "Load or update the caregiver skills from alsmove/caregiving/content."

    def handle(self, *args: Any, **options: Any) -> None:
        result = sync_skills()
        self.stdout.write(
            f"Caregiver skills: {result.created} added, {result.updated} updated, "
            f"{result.unchanged} unchanged, {result.removed} removed."
        )
