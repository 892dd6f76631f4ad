"""The patient record and the care team around it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OnsetRegion(models.TextChoices):
    BULBAR = "bulbar", _("Speech or swallowing (bulbar)")
    UPPER_LIMB = "upper_limb", _("Arms or hands")
    LOWER_LIMB = "lower_limb", _("Legs or feet")
    RESPIRATORY = "respiratory", _("Breathing")
    OTHER = "other", _("Other or not sure")


class Patient(models.Model):
    # A record may exist before the person has an account (a therapist creates it first).
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="patient_record",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="patients",
    )
    display_name = models.CharField(_("name"), max_length=200)
    onset_date = models.DateField(_("first symptoms"), null=True, blank=True)
    onset_region = models.CharField(
        _("where symptoms began"), max_length=20, choices=OnsetRegion.choices, blank=True
    )
    diagnosis_date = models.DateField(_("date of diagnosis"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("display_name", "id")

    def __str__(self) -> str:
        return self.display_name


class Relation(models.TextChoices):
    CAREGIVER = "caregiver", _("Caregiver")
    THERAPIST = "therapist", _("Therapist")


class Permission(models.TextChoices):
    VIEW = "view", _("See the record")
    LOG = "log", _("See the record and log on the person's behalf")
    EDIT_PLAN = "edit_plan", _("See, log, and change the plan")


class CareLinkQuerySet(models.QuerySet["CareLink"]):
    def active(self) -> CareLinkQuerySet:
        return self.filter(revoked_at__isnull=True)


class CareLink(models.Model):
    """A caregiver or therapist linked to a patient, with what they may do."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="care_links")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_links"
    )
    relation = models.CharField(max_length=20, choices=Relation.choices)
    permission = models.CharField(max_length=20, choices=Permission.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When a therapist (not the person) adds someone, how the person's consent was given.
    consent_note = models.CharField(_("how the person agreed"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CareLinkQuerySet.as_manager()

    class Meta:
        ordering = ("relation", "created_at")
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "member"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_link_per_member",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} → {self.patient} ({self.permission})"
