"""The Resources section in the database: each row keeps the validated entry as JSON."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language

from alsmove.content_translations import in_language
from alsmove.core.resources import Resource


class ResourceRecord(models.Model):
    slug = models.SlugField(max_length=64, unique=True)
    title = models.CharField(max_length=200)
    topic = models.CharField(max_length=30)
    data = models.JSONField()

    class Meta:
        ordering = ("title",)

    def __str__(self) -> str:
        return self.title

    def resource(self) -> Resource:
        """The entry in the active language (English where no translation exists)."""
        return Resource.model_validate(in_language("resources", self.data, get_language()))
