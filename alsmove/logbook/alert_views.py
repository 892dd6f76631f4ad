"""A record's alerts: the therapist's inbox for one person, and acknowledging an alert
with a note (the reads in `alert_inbox`, the acknowledgement in `alerts`)."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alsmove.core.feelings import FEELING_SHARED_01
from alsmove.exercises.services import exercise_library
from alsmove.formats import say
from alsmove.kept import Kept
from alsmove.logbook.alert_evidence import drawn_evidence
from alsmove.logbook.alert_inbox import inbox
from alsmove.logbook.alerts import NOTE_MAX, AlertError, acknowledge_alert, rule_title
from alsmove.logbook.feelings import alerts_visible_to
from alsmove.logbook.models import Alert
from alsmove.logbook.today import todays_session
from alsmove.patients.clock import zone_for
from alsmove.patients.models import Patient
from alsmove.patients.policy import Action, require_with_actions


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


# An open alert's empty acknowledgement form, drawn once per alert and language: it holds
# nothing else (its ids name the alert; the token is drawn by the page around it).
_FORMS: Kept[SafeString] = Kept(size=512)


def _empty_form(alert: Alert) -> SafeString:
    def make() -> SafeString:
        html = render_to_string("includes/form.html", {"form": AcknowledgeForm(alert=alert)})
        return mark_safe(html)  # noqa: S308  # drawn by the template, escaped there

    return _FORMS.get_or_make((alert.pk, get_language() or ""), make)


@dataclass(frozen=True)
class Card:
    """Everything one alert's card shows (`logbook/_alert_card.html` reads nothing else):
    the card is drawn from it alone and kept under it, with the language and the clock."""

    patient_pk: int
    may_acknowledge: bool  # the reader's rights, and who they are
    is_person: bool
    show_rule_ids: bool
    pk: int = 0
    day: date | None = None
    rule: str = ""
    # The stored message as JSON, the exercise named as the page names it: the title and
    # the sentence are put in the page's language when the card is drawn.
    message: str = ""
    feeling: bool = False
    evidence: str = ""  # the day's evidence, drawn (alert_evidence.drawn_evidence)
    exercise: str = ""
    exercise_name: str = ""
    flagged: bool = False  # the exercise is flagged today
    open: bool = True
    form_html: str | None = None  # the empty acknowledgement form (`_empty_form`)
    acknowledged_at: datetime | None = None
    acknowledgement: str = ""
    by_name: str | None = None  # who acknowledged it
    withdrawn_at: datetime | None = None


_CARD = "logbook/_alert_card.html"
# Each alert's card, drawn once per `Card`, language and clock, and kept per process
# with its form's token left out: parts to join around the reader's own token.
_CARDS: Kept[tuple[str, ...]] = Kept(size=1024)
_MARK = "alsmove-kept-card-token"


def _csrf_input(token: str) -> str:
    # As `{% csrf_token %}` draws it (the token: letters and digits, nothing to escape).
    return str(format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token))


def _words(card: Card) -> dict[str, Any]:
    """The card, its title and its message in the active language."""
    return {"card": card, "title": rule_title(card.rule), "message": say(json.loads(card.message))}


def _draw(card: Card) -> tuple[str, ...]:
    html = render_to_string(_CARD, {**_words(card), "csrf_token": _MARK})
    # Every other text on the card is escaped, so no "<input" in it can be taken for this.
    return tuple(html.split(_csrf_input(_MARK)))


def _alerts_page(
    request: HttpRequest,
    patient: Patient,
    actions: frozenset[Action],
    failed: AcknowledgeForm | None = None,
    pk: int = 0,
) -> HttpResponse:
    """`actions`: the reader's rights on the record, read once (by `require_with_actions`)
    for the page's three questions."""
    may_acknowledge = Action.EDIT_PLAN in actions
    # Every open alert, and the acknowledged ones a page at a time, the newest first (they
    # grow with the record's history); a shared feeling only for who may see it.
    alerts = inbox(patient, actions, request.GET.get("page"))
    open_alerts, done = alerts.open, alerts.done
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

    page = Card(
        patient_pk=patient.pk,
        may_acknowledge=may_acknowledge,
        is_person=patient.user_id == request.user.pk,
        show_rule_ids=bool(getattr(request.user, "is_therapist", False)),  # as the layout
    )
    zone = zone_for(patient)
    token = _csrf_input(get_token(request))

    def card(alert: Alert) -> SafeString:
        failed_here = failed is not None and alert.pk == pk and alert.acknowledged_at is None
        with timezone.override(zone):  # the person's clock, as the layout draws the page
            drawn = replace(
                page,
                pk=alert.pk,
                day=alert.day,
                rule=alert.rule,
                message=json.dumps(message(alert), sort_keys=True, ensure_ascii=False),
                feeling=alert.rule == FEELING_SHARED_01,
                evidence=evidence.get(alert.day, ""),
                exercise=alert.exercise,
                exercise_name=names.get(alert.exercise, ""),
                flagged=alert.exercise in flagged,
                open=alert.acknowledged_at is None,
                form_html=(
                    _empty_form(alert)
                    if may_acknowledge and alert.acknowledged_at is None and not failed_here
                    else None
                ),
                acknowledged_at=alert.acknowledged_at,
                acknowledgement=alert.acknowledgement,
                by_name=alert.acknowledged_by.full_name if alert.acknowledged_by else None,
                withdrawn_at=alert.withdrawn_at,
            )
            if failed_here:  # drawn with its errors, as typed, and not kept
                html = render_to_string(_CARD, {**_words(drawn), "form": failed}, request=request)
                return mark_safe(html)  # noqa: S308  # drawn by the template, escaped there
            parts = _CARDS.get_or_make((drawn, get_language() or "", zone), lambda: _draw(drawn))
        return mark_safe(token.join(parts))  # noqa: S308  # drawn cards and the token's input

    return render(
        request,
        "logbook/alerts.html",
        {
            "patient": patient,
            "open_rows": [card(a) for a in open_alerts],
            "done_rows": [card(a) for a in done.object_list],
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
    patient, actions = require_with_actions(request.user, patient_id, Action.VIEW)
    return _alerts_page(request, patient, actions)


@login_required
@require_POST
def acknowledge(request: HttpRequest, patient_id: int, alert_id: int) -> HttpResponse:
    patient, actions = require_with_actions(request.user, patient_id, Action.EDIT_PLAN)
    alert = alerts_visible_to(request.user, patient, actions).filter(pk=alert_id).first()
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
    return _alerts_page(request, patient, actions, failed=form, pk=alert.pk)
