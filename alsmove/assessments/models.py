"""ALSFRS-R records. A record is never changed in place: an edit writes a new version and
marks the old one superseded, so the history of what was entered stays readable."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alsmove.core.alsfrs import Scores, parse_items


class Source(models.TextChoices):
    SELF_REPORT = "self_report", _("Self-report")
    CLINICIAN = "clinician", _("Clinician")


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def current(self) -> AssessmentQuerySet:
        return self.filter(superseded_at__isnull=True)


class Assessment(models.Model):
    patient = models.ForeignKey(
        "patients.Patient", on_delete=models.CASCADE, related_name="assessments"
    )
    taken_on = models.DateField(_("date"))
    items = models.JSONField()
    total = models.PositiveSmallIntegerField()
    source = models.CharField(max_length=20, choices=Source.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    replaces = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    superseded_at = models.DateTimeField(null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ("taken_on", "created_at")
        indexes = [models.Index(fields=["patient", "taken_on"])]
        constraints = [
            # ALSFRS-SOURCE-01: a clinician's rating and a self-report may share a day,
            # but each source has one current record a day.
            models.UniqueConstraint(
                fields=["patient", "taken_on", "source"],
                condition=models.Q(superseded_at__isnull=True),
                name="one_current_assessment_per_day_and_source",
            )
        ]

    def __str__(self) -> str:
        return f"ALSFRS-R {self.taken_on} ({self.total})"

    def scores(self) -> Scores:
        return parse_items(self.items)


class AssessmentDraft(models.Model):
    """An ALSFRS-R entry not saved yet: kept on the server, so "Stop for now" keeps the
    answers, any device can continue where it stopped, and a caregiver can finish the
    person's entry. One draft per record and kind of author (a clinician's rating and a
    self-report are never mixed)."""

    patient = models.ForeignKey(
        "patients.Patient", on_delete=models.CASCADE, related_name="assessment_drafts"
    )
    source = models.CharField(max_length=20, choices=Source.choices)
    taken_on = models.DateField(null=True, blank=True)
    tube = models.BooleanField(null=True, blank=True)
    answers = models.JSONField(default=dict)  # question number -> score (5 by the tube answer)
    replaces = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["patient", "source"], name="one_draft_per_source")
        ]

    def __str__(self) -> str:
        return f"ALSFRS-R draft ({self.patient})"
