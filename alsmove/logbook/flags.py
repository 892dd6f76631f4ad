"""The exercises the overwork rules flagged or took out of the routine, and a therapist
clearing one after review."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alsmove.exercises.services import exercise_library, find_exercise
from alsmove.logbook.services import clear_flag, evaluate
from alsmove.patients.clock import today_for
from alsmove.patients.models import Patient
from alsmove.patients.policy import Action, require

NOTE_MAX = 2000


def flags_to_review(patient: Patient) -> list[dict[str, str]]:
    """Today's flags, each with the exercise's name (people never read its id)."""
    names = {e.id: e.name for e in exercise_library()}
    return [
        {
            "exercise": f.exercise,
            "name": names.get(f.exercise, f.exercise),
            "rule": f.rule,
            "status": f.status,
        }
        for f in evaluate(patient, today_for(patient)).flags
    ]


@login_required
@require_POST
def review(request: HttpRequest, patient_id: int, exercise: str) -> HttpResponse:
    patient = require(request.user, patient_id, Action.EDIT_PLAN)
    note = request.POST.get("note", "")[:NOTE_MAX]
    found = find_exercise(exercise)
    name = found.name if found else exercise
    if clear_flag(
        patient=patient, exercise=exercise, by=request.user, day=today_for(patient), note=note
    ):
        messages.success(
            request,
            _("%(name)s is cleared after review and can come back into the routine.")
            % {"name": name},
        )
    else:
        messages.error(
            request, _("%(name)s is not flagged, so there is nothing to clear.") % {"name": name}
        )
    # The alerts page is the one place a flag is cleared (beside what was logged).
    return redirect(reverse("logbook:alerts", args=[patient.pk]) + "#flags")
