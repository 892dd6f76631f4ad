from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from alsmove.core.i18n import Message
from alsmove.exercises import labels
from alsmove.exercises.names import exercise_name
from alsmove.exercises.services import exercise_library
from alsmove.formats import WEEKDAY_NAMES
from alsmove.patients.clock import today_for
from alsmove.patients.models import FunctionalProfile, Patient
from alsmove.patients.policy import Action, allowed_actions, require
from alsmove.routines.forms import ProfileForm, TherapistProfileForm
from alsmove.routines.models import RoutinePlan
from alsmove.routines.profile_service import save_profile
from alsmove.routines.review_form import ReviewForm
from alsmove.routines.services import (
    WHY_REQUESTED,
    RoutineError,
    approve,
    current_plans,
    plan_in_use,
    propose,
    revise,
    undo_revision,
)

DAY_NAMES = WEEKDAY_NAMES


def _decorate(items: list[dict[str, object]]) -> list[dict[str, object]]:
    """Adds the words people read for the stored codes."""
    out = []
    for item in items:
        out.append(
            {
                **item,
                "position_label": labels.POSITION.get(item["position"], item["position"]),  # type: ignore[call-overload]
                "performer_label": labels.PERFORMER.get(item["performer"], item["performer"]),  # type: ignore[call-overload]
                "region_label": labels.REGION.get(item["region"], item["region"]),  # type: ignore[call-overload]
            }
        )
    return out


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.EDIT_PROFILE)
    is_therapist = Action.EDIT_PLAN in allowed_actions(request.user, patient)
    instance = FunctionalProfile.objects.filter(patient=patient).first()
    form_class = TherapistProfileForm if is_therapist else ProfileForm
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        plan = save_profile(form, patient=patient, by=request.user, is_new=instance is None)[1]
        if plan is not None and plan.reused:
            messages.success(request, _("The profile is saved. The routine stays as it is."))
        else:
            messages.success(
                request,
                _(
                    "The profile is saved. An updated routine is waiting for the "
                    "therapist's review."
                ),
            )
        return redirect("routines:routine", patient_id=patient.pk)
    return render(
        request,
        "routines/profile.html",
        {"patient": patient, "form": form, "is_therapist": is_therapist},
    )


@login_required
def routine(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.VIEW)
    approved, pending = current_plans(patient)
    plan = approved or pending
    today = today_for(patient).weekday()
    actions = allowed_actions(request.user, patient)
    context = {
        "patient": patient,
        "plan": plan,
        "approved": approved,
        "pending": pending,
        "has_profile": FunctionalProfile.objects.filter(patient=patient).exists(),
        "today_items": _decorate(plan.items_for_day(today)) if plan else [],
        "all_items": _decorate(plan.items) if plan else [],
        "today_message": plan.messages.get(str(today)) if plan else None,
        "day_names": DAY_NAMES,
        "today": today,
        "can_log": Action.LOG in actions,
        "can_review": Action.EDIT_PLAN in actions,
        "can_edit_profile": Action.EDIT_PROFILE in actions,
        "excluded": _named_exclusions(patient, plan.excluded) if plan else [],
    }
    return render(request, "routines/routine.html", context)


def _named_exclusions(patient: Patient, excluded: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the engine left out, each with the exercise's name (people never read its id)."""
    names = {e.id: e.name for e in exercise_library()}
    return [{**out, "name": names.get(out["exercise"], out["exercise"])} for out in excluded]


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.EDIT_PLAN)
    approved, pending = current_plans(patient)
    plan = pending or approved
    if plan is None:
        return redirect("routines:routine", patient_id=patient.pk)
    error = None
    if request.method == "POST":
        form = ReviewForm(plan, request.POST)
        try:
            if not form.is_valid():
                raise RoutineError(form.first_error())
            removed = form.removed()
            if removed and request.POST.get("confirmed") != "yes":
                return _confirm_removal(request, patient, plan, removed)
            revised = revise(plan, by=request.user, changes=form.changes(), add=form.added())
        except RoutineError as exc:
            error = str(exc)
        else:
            messages.success(
                request,
                _("Saved as version %(v)s. Approve it when it is right.") % {"v": revised.version},
            )
            return redirect(
                f"{reverse('routines:review', args=[patient.pk])}?undo={revised.version}"
            )
    in_plan = {i["exercise"] for i in plan.items}
    addable = [e for e in exercise_library() if e.id not in in_plan]
    addable.sort(key=lambda e: e.name)
    versions = RoutinePlan.objects.for_patient(patient).select_related("created_by", "reviewed_by")
    undo = request.GET.get("undo", "")
    return render(
        request,
        "routines/review.html",
        {
            # Just saved an edit: offer to take it back while it waits for approval.
            "undo_plan": plan
            if undo.isdigit() and plan.version == int(undo) and plan.status == "proposed"
            else None,
            "patient": patient,
            "plan": plan,
            "items": _decorate(plan.items),
            "error": error,
            "addable": addable,
            "versions": versions,
            "day_names": DAY_NAMES,
            # ROUTINE-PASSIVE-01 and the like: for the therapist, by day.
            "therapist_notes": [
                {**note, "day": DAY_NAMES[int(day)]}
                for day, notes in sorted((plan.messages.get("therapist") or {}).items())
                for note in notes
            ],
        },
    )


def _confirm_removal(
    request: HttpRequest, patient: Patient, plan: RoutinePlan, removed: list[str]
) -> HttpResponse:
    """Before an edit that removes exercises: name them, and send the same edit again."""
    # The routine stores the English names: the page names them in its own language.
    names = {i["exercise"]: exercise_name(i) for i in plan.items}
    listed = ", ".join(names.get(slug, slug) for slug in removed)
    hidden = [
        (k, v) for k in request.POST if k != "csrfmiddlewaretoken" for v in request.POST.getlist(k)
    ]
    return render(
        request,
        "web/confirm.html",
        {
            "title": _("Remove from %(name)s's routine?") % {"name": patient.display_name},
            "lines": [
                _("This edit takes out: %(list)s.") % {"list": listed},
                _(
                    "It is saved as a new version for you to approve; the earlier version "
                    "stays in the history, and you can undo the edit straight after."
                ),
            ],
            "action": reverse("routines:review", args=[patient.pk]),
            "hidden": [*hidden, ("confirmed", "yes")],
            "button": _("Yes, remove and save"),
            "cancel": reverse("routines:review", args=[patient.pk]),
        },
    )


@login_required
@require_POST
def undo_edit_view(request: HttpRequest, patient_id: int, version: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.EDIT_PLAN)
    plan = RoutinePlan.objects.filter(patient=patient, version=version).first()
    if plan is None:
        raise Http404("No such version")
    try:
        source = undo_revision(plan, by=request.user)
    except RoutineError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Edit undone: version %(v)s is set aside, and the routine is as it was.")
            % {"v": version}
            + (
                " " + _("Version %(v)s is back.") % {"v": source.version}
                if source is not None
                else ""
            ),
        )
    return redirect("routines:review", patient_id=patient.pk)


@login_required
@require_POST
def approve_view(request: HttpRequest, patient_id: int, version: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.EDIT_PLAN)
    plan = RoutinePlan.objects.filter(patient=patient, version=version).first()
    if plan is None:
        raise Http404("No such version")
    try:
        approve(plan, by=request.user)
    except RoutineError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Version %(v)s is approved and in use.") % {"v": version})
    return redirect("routines:routine", patient_id=patient.pk)


@login_required
@require_POST
def propose_view(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.EDIT_PLAN)
    plan = propose(
        patient, by=request.user, why=Message(WHY_REQUESTED, {"name": request.user.full_name})
    )
    if plan is None:
        messages.error(request, _("Fill in the functional profile first."))
        return redirect("routines:profile", patient_id=patient.pk)
    if plan.reused:
        messages.info(
            request,
            _("Nothing has changed since version %(v)s, so no new version was made.")
            % {"v": plan.version},
        )
        return redirect("routines:routine", patient_id=patient.pk)
    messages.success(request, _("A fresh proposal is ready for review."))
    return redirect("routines:review", patient_id=patient.pk)


@login_required
def version(request: HttpRequest, patient_id: int, version: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.VIEW)
    plan = RoutinePlan.objects.filter(patient=patient, version=version).first()
    if plan is None:
        raise Http404("No such version")
    return render(
        request,
        "routines/version.html",
        {
            "patient": patient,
            "plan": plan,
            "items": _decorate(plan.items),
            "day_names": DAY_NAMES,
            "in_use": plan_in_use(patient),
        },
    )
