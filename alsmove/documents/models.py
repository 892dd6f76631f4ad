"""The maintenance-therapy plan of care a therapist writes and signs (CLINICAL.md §6).

Every field the therapist writes starts empty and stays empty until the therapist fills
it: the product's suggested wording lives in the form, never here until it is saved.
Each save is audited (documents.services.save_plan_of_care).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

GOAL_SLOTS = 4


class GoalStatus(models.TextChoices):
    OPEN = "", _("Not reviewed yet")
    MET = "met", _("Met")
    PARTLY = "partly", _("Partly met")
    NOT_MET = "not_met", _("Not met")


class PlanOfCare(models.Model):
    patient = models.OneToOneField(
        "patients.Patient", on_delete=models.CASCADE, related_name="plan_of_care"
    )
    # [{text, status}]: measurable maintenance goals, with whether each was met.
    goals = models.JSONField(default=list, blank=True)
    treatment_type = models.TextField(_("type of treatment"), blank=True)
    amount = models.TextField(_("amount"), blank=True)
    frequency = models.TextField(_("frequency"), blank=True)
    duration = models.TextField(_("duration"), blank=True)
    skilled_need = models.TextField(_("why the programme needs a therapist's skill"), blank=True)
    decline_without = models.TextField(_("expected decline without the programme"), blank=True)
    start_of_care = models.DateField(_("start of care"), null=True, blank=True)
    certifier = models.CharField(
        _("certifying physician or practitioner"), max_length=200, blank=True
    )
    certified_on = models.DateField(_("certification date"), null=True, blank=True)
    # The therapist's electronic signature: who signed this version, and when.
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Plan of care for {self.patient}"
