"""Today's session, stored: computed once when its inputs change, read by every page."""

from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone


class StoredSession(models.Model):
    """Today's session for one record, with the inputs it was computed from.

    `stamp` names those inputs (the person's day, the newest log, check-in and flag review,
    the newest routine version and approval, the library's last change); a reader whose
    inputs give another stamp computes the session again and replaces this row. Never
    edited by hand: `alsmove.sessions.services.todays_session` owns it.
    """

    patient = models.OneToOneField(
        "patients.Patient", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    day = models.DateField()
    stamp = models.CharField(max_length=255)
    plan = models.ForeignKey(
        "routines.RoutinePlan", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField(encoder=DjangoJSONEncoder)  # {items, left_out, eased, warnings}
    computed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Today's session {self.day} ({self.patient_id})"
