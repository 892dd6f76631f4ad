"""The reminder page: which days and at what time the person wants a nudge by email.

Sending is `python manage.py send_reminders` (run by a scheduler); see reminder_mail.py.
"""

from __future__ import annotations

from datetime import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from alsmove.accounts.policy import Action, require
from alsmove.logbook.forms import ReminderForm
from alsmove.logbook.models import ReminderSchedule
from alsmove.patients.models import Patient


@login_required
@require_http_methods(["GET", "POST"])
def reminders(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.EDIT_PROFILE)
    schedule = ReminderSchedule.objects.filter(patient=patient).first()
    initial = (
        {
            "enabled": schedule.enabled,
            "days": schedule.days,
            "time": schedule.time,
            "time_zone": patient.time_zone,
            "caregivers_too": schedule.caregivers_too,
        }
        if schedule
        else {
            "enabled": True,
            "time": time(10, 0),
            "time_zone": patient.time_zone,
        }
    )
    form = ReminderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # One clock per record: the reminder's zone is the record's (see patients.clock).
        Patient.objects.filter(pk=patient.pk).update(time_zone=data["time_zone"])
        ReminderSchedule.objects.update_or_create(
            patient=patient,
            defaults={
                "enabled": data["enabled"],
                "days": sorted(set(data["days"])),
                "time": data["time"],
                "time_zone": data["time_zone"],
                "caregivers_too": data["caregivers_too"],
                "updated_by": request.user,
                "updated_at": timezone.now(),
            },
        )
        if data["enabled"]:
            messages.success(request, _("Saved. Reminders will come by email on the days chosen."))
        else:
            messages.success(request, _("Saved. Reminders are turned off."))
        return redirect("checkins:reminders", patient_id=patient.pk)
    return render(
        request,
        "logbook/reminders.html",
        {"patient": patient, "form": form, "has_account": patient.user_id is not None},
    )
