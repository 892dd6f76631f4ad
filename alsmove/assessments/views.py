from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_http_methods, require_POST

from alsmove.assessments.entry import (
    QUESTION_COUNT,
    STEPS,
    Draft,
    neighbours,
    question_number,
    spec_for,
)
from alsmove.assessments.progress_store import progress_context
from alsmove.assessments.recording import enter_assessment
from alsmove.assessments.services import check_date, correctable_sources, require_correction
from alsmove.core.alsfrs import GASTROSTOMY_HINT, GASTROSTOMY_QUESTION, ITEMS_BY_ID, AlsfrsError
from alsmove.formats import DateInput, say
from alsmove.patients.clock import today_for
from alsmove.patients.policy import Action, can, require


class DateForm(forms.Form):
    taken_on = forms.DateField(
        label=gettext_lazy("Date of this assessment"),
        widget=DateInput(),
        help_text=gettext_lazy("Usually today."),
    )


def _go(patient_id: int, step: str) -> HttpResponse:
    return redirect("assessments:entry", patient_id=patient_id, step=step)


@login_required
def start(request: HttpRequest, patient_id: int) -> HttpResponse:
    """Begin a new record; with ?edit=ID a new version of an existing one (only for its
    own kind of author, ALSFRS-SOURCE-01); with ?beside=ID one's own record for the same
    day, starting from that record's answers."""
    patient = require(request.user, patient_id, Action.LOG)
    draft = Draft(taken_on=today_for(patient))
    edit = request.GET.get("edit", "")
    reference = edit or request.GET.get("beside", "")
    if not reference and request.GET.get("fresh") != "1":
        stopped = Draft.load(patient, request.user)
        if stopped.begun:
            return render(
                request,
                "assessments/entry_resume.html",
                {
                    "patient": patient,
                    "draft": stopped,
                    "answered": len(stopped.answers),
                    "count": QUESTION_COUNT,
                    "next_step": stopped.first_missing() or "review",
                    "by_someone_else": stopped.started_by is not None
                    and stopped.started_by.pk != request.user.pk,
                },
            )
    if reference:
        if not reference.isdigit():
            raise Http404("No such assessment")
        old = patient.assessments.current().filter(pk=int(reference)).first()
        if old is None:
            raise Http404("No such assessment")
        if edit:
            require_correction(request.user, patient, old)
        items = dict(old.items)
        tube = "5b" in items
        five = items.pop("5b" if tube else "5a")
        draft = Draft(
            taken_on=old.taken_on,
            tube=tube,
            answers={**items, "5": five},
            replaces=old.pk if edit else None,
        )
    draft.save(patient, request.user)
    return _go(patient.pk, "date")


@login_required
@require_http_methods(["GET", "POST"])
def entry(request: HttpRequest, patient_id: int, step: str) -> HttpResponse:
    patient = require(request.user, patient_id, Action.LOG)
    if step not in STEPS:
        raise Http404("No such step")
    draft = Draft.load(patient, request.user)
    before, after = neighbours(step)
    context: dict[str, object] = {"patient": patient, "step": step, "before": before}

    if step == "date":
        initial = {"taken_on": draft.taken_on or today_for(patient)}
        form = DateForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            taken_on: date = form.cleaned_data["taken_on"]
            try:
                check_date(patient, taken_on)
            except AlsfrsError as error:
                form.add_error("taken_on", say(error.message))
            else:
                draft.taken_on = taken_on
                draft.save(patient, request.user)
                return _go(patient.pk, draft.first_missing() or "review")
        context.update(form=form, editing=draft.replaces is not None)
        return render(request, "assessments/entry_date.html", context)

    if step == "review":
        missing = draft.first_missing()
        if missing is not None:
            return _go(patient.pk, missing)
        if request.method == "POST":
            replaces = None
            if draft.replaces is not None:
                replaces = patient.assessments.current().filter(pk=draft.replaces).first()
            try:
                assert draft.taken_on is not None
                # An approved routine stays in use; the new stage goes to review first.
                proposal = enter_assessment(
                    patient=patient,
                    by=request.user,
                    taken_on=draft.taken_on,
                    items=draft.items(),
                    replaces=replaces,
                ).proposal
            except AlsfrsError as error:
                # The draft stays in the session: nothing the person entered is lost.
                context["error"] = say(error.message)
            else:
                Draft.clear(patient, request.user)
                messages.success(request, _("The assessment is saved."))
                if proposal is not None and not proposal.reused:
                    messages.info(
                        request,
                        _(
                            "An updated routine for the new scores is waiting for the "
                            "therapist's review."
                        ),
                    )
                return redirect("assessments:progress", patient_id=patient.pk)
        rows = []
        for item_step in ("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"):
            spec = spec_for(item_step, draft.tube)
            score = draft.answers[item_step]
            rows.append(
                {"step": item_step, "spec": spec, "score": score, "text": spec.level(score)}
            )
        context.update(draft=draft, rows=rows, total=sum(draft.answers.values()))
        return render(request, "assessments/entry_review.html", context)

    # Question screens must be answered in order: a jump ahead goes back to the gap.
    if draft.taken_on is None:
        return _go(patient.pk, "date")
    if step == "5" and draft.tube is None:
        return _go(patient.pk, "tube")

    if step == "tube":
        # The keys are the first letters of yes and no in the page's language (S/N, J/N).
        yes_key = pgettext("the key that answers yes", "y")
        no_key = pgettext("the key that answers no", "n")
        choices = [
            ("yes", _("Yes, I have a feeding tube"), yes_key),
            ("no", _("No feeding tube"), no_key),
        ]
        current = {True: "yes", False: "no", None: None}[draft.tube]
        if request.method == "POST":
            answer = request.POST.get("answer")
            if answer in ("yes", "no"):
                draft.tube = answer == "yes"
                draft.save(patient, request.user)
                return _go(patient.pk, after or "review")
            context["error"] = _("Choose one of the answers.")
        context.update(
            title=_(GASTROSTOMY_QUESTION),
            hint=_(GASTROSTOMY_HINT),
            choices=choices,
            keys={"yes": yes_key.upper(), "no": no_key.upper()},
            current=current,
            number=question_number(step),
            count=QUESTION_COUNT,
        )
        return render(request, "assessments/entry_choice.html", context)

    spec = spec_for(step, draft.tube)
    if request.method == "POST":
        raw = request.POST.get("answer", "")
        if raw in ("0", "1", "2", "3", "4"):
            draft.answers[step] = int(raw)
            draft.save(patient, request.user)
            # After a change from the review screen, go straight back to it.
            nxt = "review" if request.POST.get("back_to_review") else draft.first_missing()
            return _go(patient.pk, nxt or "review")
        context["error"] = _("Choose one of the answers.")
    choices = [(str(score), _(spec.level(score)), str(score)) for score in (4, 3, 2, 1, 0)]
    current = draft.answers.get(step)
    context.update(
        title=_(spec.title),
        hint="",
        choices=choices,
        current=str(current) if current is not None else None,
        number=question_number(step),
        count=QUESTION_COUNT,
        back_to_review=request.GET.get("from") == "review",
        item_label=ITEMS_BY_ID[spec.id].id,
    )
    return render(request, "assessments/entry_choice.html", context)


@login_required
def progress(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.VIEW)
    # The figures and charts are stored per state of the record (progress_store).
    context = progress_context(patient, request.user, today=today_for(patient))
    if can(request.user, patient, Action.LOG):
        context["stopped_draft"] = Draft.load(patient, request.user).begun
    return render(request, "assessments/progress.html", context)


@login_required
@require_POST
def forecast_choice(request: HttpRequest, patient_id: int) -> HttpResponse:
    """The person's (or caregiver's) saved choice to see the forecast or not."""
    patient = require(request.user, patient_id, Action.VIEW)
    choice = request.POST.get("show_forecast")
    if choice in ("yes", "no"):
        request.user.show_forecast = choice == "yes"
        request.user.save(update_fields=["show_forecast"])
        messages.success(
            request,
            _("Saved: the forecast is shown.")
            if choice == "yes"
            else _("Saved: the forecast is hidden. You can show it here at any time."),
        )
    return redirect(reverse("assessments:progress", args=[patient.pk]) + "#forecast-choice")


@login_required
def history(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.VIEW)
    records = patient.assessments.select_related("entered_by").order_by("-taken_on", "-created_at")
    context = {
        "patient": patient,
        "records": records,
        "can_log": can(request.user, patient, Action.LOG),
        "correctable": correctable_sources(request.user, patient),
    }
    return render(request, "assessments/history.html", context)
