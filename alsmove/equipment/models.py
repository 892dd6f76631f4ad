"""The equipment catalogue in the database, and each person's equipment plan with the
history of every change to it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from alsmove.content_translations import in_language
from alsmove.core.equipment_catalogue import CatalogueItem


class CatalogueRecord(models.Model):
    """One catalogue item; the validated entry kept as JSON (like the resources)."""

    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    group = models.CharField(max_length=30)
    home_area = models.CharField(max_length=30, blank=True)
    position = models.PositiveIntegerField(default=0)  # order in the files
    data = models.JSONField()

    class Meta:
        ordering = ("position", "slug")

    def __str__(self) -> str:
        return self.name

    def item(self) -> CatalogueItem:
        """The entry in the active language (English where no translation exists)."""
        return CatalogueItem.model_validate(in_language("equipment", self.data, get_language()))


class Status(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    DISCUSSING = "discussing", _("Discussing")
    ORDERED = "ordered", _("Ordered")
    DELIVERED = "delivered", _("Delivered")
    IN_USE = "in_use", _("In use")
    NOT_NEEDED = "not_needed", _("Not needed")


# In use or not needed: the planner does not suggest the item again (EQUIP-DONE-01).
SETTLED = frozenset({Status.IN_USE, Status.NOT_NEEDED})


class PlanItem(models.Model):
    """An item on a person's plan: from the catalogue, or one the therapist wrote in."""

    patient = models.ForeignKey(
        "patients.Patient", on_delete=models.CASCADE, related_name="equipment_items"
    )
    slug = models.SlugField(max_length=64)  # the catalogue id; "own-..." for a written-in item
    name = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUGGESTED)
    # The date the person or therapist aims at (start by, expected delivery...), if any.
    target_date = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("name",)
        constraints = [
            models.UniqueConstraint(fields=["patient", "slug"], name="one_plan_item_per_slug")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.status})"


class PlanChange(models.Model):
    """One change to a plan item: who, when, what it was and what it became."""

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    from_status = models.CharField(max_length=20, blank=True)  # blank: the item was added
    to_status = models.CharField(max_length=20)
    target_date = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ("-changed_at", "-pk")

    def __str__(self) -> str:
        return f"{self.item_id}: {self.from_status} -> {self.to_status}"
