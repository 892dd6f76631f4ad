"""Calendar feed tokens, and what an import keeps of the people named in the file."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class CalendarToken(models.Model):
    """A private calendar link. Only the SHA-256 hash of its secret is stored, so the link
    is shown once, when it is made. It serves the feed while it is not revoked and while
    its owner may still read the record (the access policy is asked on every read)."""

    patient = models.ForeignKey(
        "patients.Patient", on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_read_at = models.DateTimeField(null=True, blank=True)
    # Reads in the current hour (the feed answers 429 past its limit).
    window_start = models.DateTimeField(null=True, blank=True)
    reads_in_window = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "owner"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_calendar_link_per_owner",
            )
        ]

    def __str__(self) -> str:
        return f"Calendar link {self.pk} ({'revoked' if self.revoked_at else 'live'})"


class ImportedRecord(models.Model):
    """A record that came in from another installation's export.

    The people named in the file other than the person (a therapist who rated, a caregiver
    who logged) have no account here, so the rows they wrote are stored without an author;
    `people` and `refs` keep who they were, so exporting the record again names them as
    the file did (docs/data-export.md, "Who wrote what").
    """

    patient = models.OneToOneField(
        "patients.Patient", on_delete=models.CASCADE, related_name="imported_from"
    )
    schema_version = models.PositiveSmallIntegerField()
    imported_at = models.DateTimeField(default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    people = models.JSONField(default=dict)  # ref -> {name, role}
    refs = models.JSONField(default=dict)  # "table:row id:field" -> ref
    # Skill marks and team members of the other installation: {"skills_taught": [...],
    # "care_team": [...]}, as the file had them.
    history = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"Imported record {self.patient_id}"
