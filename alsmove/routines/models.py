"""Stored routines. Every version is kept; a routine is approved by a therapist, and a
newer proposal never replaces an approved routine until it is approved in turn."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for the therapist's review")
    APPROVED = "approved", _("Reviewed and approved")
    SUPERSEDED = "superseded", _("Replaced by a newer version")


class RoutinePlanQuerySet(models.QuerySet["RoutinePlan"]):
    def for_patient(self, patient: Any) -> RoutinePlanQuerySet:
        return self.filter(patient=patient).order_by("-version")


class RoutinePlan(models.Model):
    """A week's plan: every chosen exercise with its prescription, reasons and days."""

    patient = models.ForeignKey(
        "patients.Patient", on_delete=models.CASCADE, related_name="routine_plans"
    )
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    stage = models.CharField(max_length=20)
    # [{exercise, name, region, position, performer, sides, hold_seconds, reps, minutes,
    #   phase, days: [0-6], reasons: [{rule, text, params}], added_by_therapist}]
    items = models.JSONField(default=list)
    # [{exercise, rule, text, params}] left out on every day
    excluded = models.JSONField(default=list)
    # {day: {rule, text, params}} a note for a day (an empty day, easing in force)
    messages = models.JSONField(default=dict)
    why = models.JSONField(default=dict)  # {text, params}: why this version exists
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    objects = RoutinePlanQuerySet.as_manager()
    # Not stored: set by `propose` when an identical routine already existed and was
    # returned instead of a new version.
    reused: bool = False

    class Meta:
        ordering = ("patient", "-version")
        constraints = [
            models.UniqueConstraint(fields=["patient", "version"], name="one_version_number"),
            # One routine in use and one waiting for review per record, at most.
            models.UniqueConstraint(
                fields=["patient"],
                condition=models.Q(status="approved"),
                name="one_approved_routine",
            ),
            models.UniqueConstraint(
                fields=["patient"],
                condition=models.Q(status="proposed"),
                name="one_proposed_routine",
            ),
        ]

    def __str__(self) -> str:
        return f"Routine v{self.version} for {self.patient} ({self.status})"

    @property
    def reviewed(self) -> bool:
        """A therapist approved this routine (ROUTINE-FIRST-01: until then, gentle only)."""
        return self.status == Status.APPROVED

    def items_for_day(self, day: int) -> list[dict[str, Any]]:
        """That day's exercises in session order (an added exercise goes last), each with
        that day's position, steps and sitting. Before a therapist has approved the
        routine, only its gentle items (stretching, range of motion, breathing)."""
        key = str(day)
        chosen = [item for item in self.items if day in item.get("days", [])]
        if not self.reviewed:
            chosen = [item for item in chosen if item.get("gentle", True)]
        chosen.sort(key=lambda item: item.get("order", {}).get(key, 999))
        return [
            {
                **item,
                "position": item.get("positions", {}).get(key, item["position"]),
                "steps_today": item.get("steps", {}).get(key),
                "sitting_today": item.get("sitting", {}).get(key, 1),
            }
            for item in chosen
        ]
