"""A therapist's caseload and a record's alerts (the views; the figures are in
`attention`, the acknowledgement in `alerts`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alsmove.core.feelings import FEELING_SHARED_01
from alsmove.exercises.services import exercise_library
from alsmove.kept import Kept
from alsmove.logbook.alert_evidence import drawn_evidence
from alsmove.logbook.alerts import NOTE_MAX, AlertError, acknowledge_alert, rule_title
from alsmove.logbook.attention import caseload
from alsmove.logbook.caseload_words import shown_rows
from alsmove.logbook.feelings import alerts_visible_to
from alsmove.logbook.models import Alert
from alsmove.logbook.today import todays_session
from alsmove.patients.models import Patient
from alsmove.patients.policy import Action, allowed_actions, require


class AcknowledgeForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Your note: what you did or advised"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": gettext_lazy("Write a short note: what you did or advised."),
            "max_length": gettext_lazy("Keep the note to %(limit_value)d characters or fewer."),
        },
    )

    def __init__(self, *args: Any, alert: Alert, **kwargs: Any) -> None:
        # One form per open alert on the page, so each needs its own ids.
        super().__init__(*args, auto_id=f"ack-{alert.pk}-%s", **kwargs)


CASELOAD_PAGE = 40  # people per page: the most pressing first, the page stays light


@login_required
def caseload_page(request: HttpRequest) -> HttpResponse:
    rows = caseload(request.user)
    # A page number that is not one (a hand-edited address) shows the nearest real page.
    page = Paginator(rows, CASELOAD_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "logbook/caseload.html",
        {"rows": shown_rows(page.object_list), "page": page, "total": len(rows)},
    )


# An open alert's empty acknowledgement form, drawn once per alert and language: it holds
# nothing else (its ids name the alert; the token is drawn by the page around it).
_FORMS: Kept[SafeString] = Kept(size=512)


def _empty_form(alert: Alert) -> SafeString:
    def make() -> SafeString:
        html = render_to_string("includes/form.html", {"form": AcknowledgeForm(alert=alert)})
        return mark_safe(html)  # noqa: S308  # drawn by the template, escaped there

    return _FORMS.get_or_make((alert.pk, get_language() or ""), make)


ALERTS_PAGE = 10  # acknowledged alerts per page: the open ones are always all shown


def _alerts_page(
    request: HttpRequest, patient: Patient, failed: AcknowledgeForm | None = None, pk: int = 0
) -> HttpResponse:
    # The reader's rights, read once for the page's three questions.
    actions = allowed_actions(request.user, patient)
    may_acknowledge = Action.EDIT_PLAN in actions
    # A shared feeling is shown only to the person and their therapists.
    alerts = alerts_visible_to(request.user, patient, actions).select_related("acknowledged_by")
    open_alerts = list(alerts.filter(acknowledged_at__isnull=True).order_by("-day", "-created_at"))
    # The acknowledged ones grow with the record's history: the newest first, a page at a
    # time (a page number that is not one shows the nearest real page).
    done = Paginator(
        alerts.filter(acknowledged_at__isnull=False).order_by("-day", "-created_at", "-pk"),
        ALERTS_PAGE,
    ).get_page(request.GET.get("page"))
    shown = [*open_alerts, *done.object_list]
    # What was logged behind each shown alert (its day's logs and check-ins, and who
    # entered them), and which exercises are flagged now, so the flag is cleared right here.
    # The day's flags come with today's session, stored (the same overwork rules).
    flags = todays_session(patient).flags if may_acknowledge else []
    # The library read once, for the evidence and the names (none when nothing is shown).
    library = {e.id: e.name for e in exercise_library()} if shown or flags else {}
    # Each day's evidence drawn once and kept under the content of its rows (kept per process).
    evidence = drawn_evidence(
        patient, (a.day for a in shown if a.rule != FEELING_SHARED_01), library
    )
    slugs = {*(a.exercise for a in shown), *(f["exercise"] for f in flags)}
    names = {slug: library[slug] for slug in slugs if slug in library}
    flagged = {f["exercise"]: f for f in flags}

    def message(alert: Alert) -> Any:
        # The stored message names the exercise as it was called when the alert was
        # raised (in English); the page names it in its own language, like the rest.
        params = alert.message.get("params") if isinstance(alert.message, dict) else None
        if not params or "exercise" not in params or alert.exercise not in names:
            return alert.message
        return {**alert.message, "params": {**params, "exercise": names[alert.exercise]}}

    def row(alert: Alert) -> dict[str, Any]:
        form: AcknowledgeForm | None = None
        form_html: SafeString | None = None
        if may_acknowledge and alert.acknowledged_at is None:
            if failed is not None and alert.pk == pk:
                form = failed  # drawn with its errors, as typed
            else:
                form_html = _empty_form(alert)
        return {
            "alert": alert,
            "title": rule_title(alert.rule),
            "form": form,
            "form_html": form_html,
            "evidence": evidence.get(alert.day, ""),
            "exercise_name": names.get(alert.exercise, ""),
            "message": message(alert),
            "flagged": alert.exercise in flagged,
            "feeling": alert.rule == FEELING_SHARED_01,
        }

    return render(
        request,
        "logbook/alerts.html",
        {
            "patient": patient,
            "open_rows": [row(a) for a in open_alerts],
            "done_rows": [row(a) for a in done.object_list],
            "done_page": done,
            "may_acknowledge": may_acknowledge,
            "is_person": patient.user_id == request.user.pk,
            "may_see_feelings": Action.SEE_SHARED_FEELINGS in actions,
            "flags": [
                {
                    "exercise": f["exercise"],
                    "name": names.get(f["exercise"], f["exercise"]),
                    "flag": f,
                }
                for f in flags
            ],
        },
    )


@login_required
def alerts(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.VIEW)
    return _alerts_page(request, patient)


@login_required
@require_POST
def acknowledge(request: HttpRequest, patient_id: int, alert_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.EDIT_PLAN)
    alert = alerts_visible_to(request.user, patient).filter(pk=alert_id).first()
    if alert is None:
        raise Http404("No such alert")
    form = AcknowledgeForm(request.POST, alert=alert)
    if form.is_valid():
        try:
            acknowledge_alert(alert, by=request.user, note=form.cleaned_data["note"])
        except AlertError as error:
            alert.refresh_from_db()
            if alert.acknowledged_at is not None:  # someone else was quicker
                messages.info(request, str(error))
                return redirect("logbook:alerts", patient_id=patient.pk)
            form.add_error("note", str(error))
        else:
            messages.success(
                request,
                _("Acknowledged: %(title)s, %(day)s.")
                % {"title": rule_title(alert.rule), "day": date_format(alert.day, "DATE_FORMAT")},
            )
            return redirect("logbook:alerts", patient_id=patient.pk)
    return _alerts_page(request, patient, failed=form, pk=alert.pk)
