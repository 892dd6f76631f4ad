"""The printable "Questions for my next visit": the stage questions of the Resources
section, with the person's own recent log and score, read through the access policy."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from alsmove.assessments.models import Assessment
from alsmove.exercises.services import exercise_library
from alsmove.logbook.models import ExerciseLog, SessionLog
from alsmove.patients.clock import today_for
from alsmove.patients.policy import Action, require
from alsmove.resources.services import find_resource

RECENT_DAYS = 30
STAGE_QUESTIONS = ("questions-early-stage", "questions-middle-stage", "questions-advanced-stage")


def questions_for_visit(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.VIEW)
    # The last 30 days on the person's own clock, like every "today" in the record.
    since = today_for(patient) - timedelta(days=RECENT_DAYS)
    logs = SessionLog.objects.filter(patient=patient, day__gte=since)
    names = {e.id: e.name for e in exercise_library()}
    painful = (
        ExerciseLog.objects.filter(session__in=logs, pain__gt=0)
        .select_related("session")
        .order_by("-pain", "-session__day")[:5]
    )
    latest = (
        Assessment.objects.current()
        .filter(patient=patient)
        .order_by("-taken_on", "-created_at")
        .first()
    )
    context = {
        "patient": patient,
        "days": RECENT_DAYS,
        "sessions": logs.count(),
        "breathless": logs.filter(breathless_after=True).count(),
        "painful": [
            {
                "name": names.get(row.exercise, row.exercise),
                "pain": row.pain,
                "day": row.session.day,
            }
            for row in painful
        ],
        "latest": latest,
        "stages": [r for r in (find_resource(slug) for slug in STAGE_QUESTIONS) if r is not None],
        "call": find_resource("when-to-call-your-therapist"),
    }
    return render(request, "resources/visit.html", context)
