"""One function per document: the record in, the PDF bytes out (views, API and bench)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpResponse
from django.utils import timezone

from alsmove.documents import facts
from alsmove.documents.render import render_pdf
from alsmove.patients.models import Patient

TEMPLATES = {
    "routine-handout": "documents/pdf/routine_handout.html",
    "caregiver-handout": "documents/pdf/caregiver_handout.html",
    "progress-note": "documents/pdf/progress_note.html",
    "plan-of-care": "documents/pdf/plan_of_care.html",
}


def context_for(
    kind: str, patient: Patient, today: date, start: date | None = None, end: date | None = None
) -> dict[str, Any]:
    if kind == "routine-handout":
        context = facts.routine_handout(patient)
    elif kind == "caregiver-handout":
        context = facts.caregiver_handout(patient)
    elif kind == "progress-note":
        assert start is not None and end is not None
        context = facts.progress_note(patient, start, end)
    elif kind == "plan-of-care":
        context = facts.plan_of_care(patient, today)
    else:
        raise ValueError(f"no such document: {kind}")
    context.setdefault("today", today)
    # The handouts are read at arm's length, on the fridge: 15 pt body text.
    context["large_print"] = kind in ("routine-handout", "caregiver-handout")
    context["made_at"] = timezone.now()
    return context


def build_pdf(
    kind: str, patient: Patient, today: date, start: date | None = None, end: date | None = None
) -> bytes:
    return render_pdf(TEMPLATES[kind], context_for(kind, patient, today, start, end))


def pdf_response(content: bytes, kind: str, today: date) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{kind}-{today.isoformat()}.pdf"'
    return response
