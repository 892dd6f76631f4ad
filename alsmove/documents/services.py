"""Writes of the documents app, each in one transaction and audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from alsmove.accounts.models import AuditEvent, User
from alsmove.documents.models import GOAL_SLOTS, PlanOfCare
from alsmove.patients.models import Patient

TEXT_FIELDS = (
    "treatment_type",
    "amount",
    "frequency",
    "duration",
    "skilled_need",
    "decline_without",
    "certifier",
)
DATE_FIELDS = ("start_of_care", "certified_on")
DOCUMENT_KINDS = ("routine-handout", "caregiver-handout", "progress-note", "plan-of-care")


def record_download(user: Any, patient: Patient, kind: str, detail: str = "") -> None:
    """Who took which document of whose record, and when."""
    AuditEvent.objects.create(
        actor=user,
        patient=patient,
        action="document_downloaded",
        detail=f"{kind} {detail}".strip(),
    )


def initial_from(care: PlanOfCare | None) -> dict[str, Any]:
    """The form's starting values: what the therapist saved, nothing else."""
    if care is None:
        return {}
    data: dict[str, Any] = {f: getattr(care, f) for f in (*TEXT_FIELDS, *DATE_FIELDS)}
    for n, goal in enumerate(care.goals[:GOAL_SLOTS], start=1):
        data[f"goal_{n}"] = goal.get("text", "")
        data[f"goal_{n}_status"] = goal.get("status", "")
    return data


@transaction.atomic
def save_plan_of_care(*, patient: Patient, by: User, data: dict[str, Any]) -> PlanOfCare:
    """Store the therapist's plan of care. A change of content without signing again
    takes the earlier signature off (a signature covers the text it was given to)."""
    Patient.objects.select_for_update().filter(pk=patient.pk).first()
    care = PlanOfCare.objects.filter(patient=patient).first() or PlanOfCare(patient=patient)
    before = initial_from(care) if care.pk else {}
    for field in TEXT_FIELDS:
        setattr(care, field, (data.get(field) or "").strip())
    for field in DATE_FIELDS:
        setattr(care, field, data.get(field))
    goals = []
    for n in range(1, GOAL_SLOTS + 1):
        goal = (data.get(f"goal_{n}") or "").strip()
        if goal:
            goals.append({"text": goal, "status": data.get(f"goal_{n}_status") or ""})
    care.goals = goals
    after = initial_from(care)
    changed = sorted(
        k for k in set(before) | set(after) if (before.get(k) or "") != (after.get(k) or "")
    )
    if care.pk and not changed and not data.get("sign"):
        return care  # saved again as it was: nothing to record
    now = timezone.now()
    if data.get("sign"):
        care.signed_by, care.signed_at = by, now
    elif changed:
        care.signed_by, care.signed_at = None, None
    care.updated_by, care.updated_at = by, now
    care.save()
    detail = ", ".join(changed) or "no change"
    if data.get("sign"):
        detail += "; signed"
    AuditEvent.objects.create(
        actor=by, patient=patient, action="plan_of_care_saved", detail=detail[:2000]
    )
    return care
