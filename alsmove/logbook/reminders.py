"""The reminder page: which days and at what time the person wants a nudge by email.

Sending is `python manage.py send_reminders` (run by a scheduler); see reminder_mail.py.
"""

from __future__ import annotations

from datetime import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from alsmove.accounts.audit import record_change
from alsmove.formats import WEEKDAYS
from alsmove.logbook.forms import ReminderForm
from alsmove.logbook.models import ReminderSchedule
from alsmove.patients.models import Patient
from alsmove.patients.policy import Action, require


@login_required
@require_http_methods(["GET", "POST"])
def reminders(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.EDIT_PROFILE)
    schedule = ReminderSchedule.objects.filter(patient=patient).first()
    # No day ticked means no reminders: a schedule switched off shows no day ticked.
    initial = (
        {
            "days": schedule.days if schedule.enabled else [],
            "time": schedule.time,
            "time_zone": patient.time_zone,
            "caregivers_too": schedule.caregivers_too,
        }
        if schedule
        else {"days": [], "time": time(10, 0), "time_zone": patient.time_zone}
    )
    form = ReminderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # One clock per record: the reminder's zone is the record's (see patients.clock).
        with transaction.atomic():
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
            record_change(request.user, patient, "reminders_changed")
        if data["enabled"]:
            days = ", ".join(str(dict(WEEKDAYS)[d]) for d in sorted(set(data["days"])))
            messages.success(
                request,
                _("Saved. Reminders come by email on %(days)s at %(time)s (%(zone)s).")
                % {"days": days, "time": data["time"].strftime("%H:%M"), "zone": data["time_zone"]},
            )
        else:
            messages.success(request, _("Saved. No day is ticked, so no reminders will come."))
        return redirect("logbook:reminders", patient_id=patient.pk)
    return render(
        request,
        "logbook/reminders.html",
        {
            "patient": patient,
            "form": form,
            "has_account": patient.user_id is not None,
            # The person setting up reminders for the first time: their device's zone is
            # offered (static/js/reminders.js), unless they already chose one.
            "offer_browser_zone": schedule is None and patient.user_id == request.user.pk,
        },
    )
