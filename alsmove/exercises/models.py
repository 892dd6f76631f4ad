"""The library in the database: one row per entry of the YAML library.

Each row keeps the full, schema-validated exercise as JSON; the few columns beside it are
for ordering and lookup. Reading a row validates it again, so a bad row cannot reach the
routine engine.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language

from alsmove.content_translations import in_language
from alsmove.core.library import Exercise


class ExerciseRecord(models.Model):
    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30)
    body_region = models.CharField(max_length=30)
    data = models.JSONField()
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Every change gets a new time: the parsed library and pictogram caches key on it.
        self.updated_at = timezone.now()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated_at"}
        super().save(*args, **kwargs)

    def exercise(self) -> Exercise:
        """The entry in the active language (English where no translation exists)."""
        return Exercise.model_validate(in_language("exercises", self.data, get_language()))
