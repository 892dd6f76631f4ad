"""A person's equipment plan: what to start now, soon and later with start-by dates and
reasons, the plan's items with their status and history, and the home changes by area.

Every page reads the record through the access policy (VIEW); a status change needs
CHANGE_EQUIPMENT (the person, a helper who may log, a linked therapist), adding items
and writing an item's note needs ADD_EQUIPMENT (a linked therapist). Views stay thin:
the writes are in `services`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from alsmove.assessments.progress import sees_forecast
from alsmove.core import equipment as core
from alsmove.core.equipment_catalogue import SOURCES, HomeArea
from alsmove.equipment import texts
from alsmove.equipment.models import SETTLED, Status
from alsmove.equipment.services import (
    NAME_MAX,
    NOTE_MAX,
    PlanError,
    PlanView,
    add_item,
    plan_for,
    set_status,
    write_note,
)
from alsmove.formats import DateInput
from alsmove.patients.models import Patient
from alsmove.patients.policy import Action, can, require

AREA_LABELS = {
    HomeArea.ENTRANCE: gettext_lazy("Entrance"),
    HomeArea.STAIRS: gettext_lazy("Stairs"),
    HomeArea.BATHROOM: gettext_lazy("Bathroom"),
    HomeArea.BEDROOM: gettext_lazy("Bedroom"),
    HomeArea.KITCHEN: gettext_lazy("Kitchen"),
    HomeArea.CAR: gettext_lazy("Car"),
}


class StatusForm(forms.Form):
    slug = forms.SlugField(widget=forms.HiddenInput, max_length=64)
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=Status.choices)
    target_date = forms.DateField(
        label=gettext_lazy("Target date (optional)"),
        required=False,
        widget=DateInput(),
    )
    note = forms.CharField(
        label=gettext_lazy("Note about this change (optional)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, slug: str, **kwargs: Any) -> None:
        # One form per item on the page, so each needs its own ids.
        super().__init__(*args, auto_id=f"st-{slug}-%s", **kwargs)


class AddForm(forms.Form):
    slug = forms.ChoiceField(label=gettext_lazy("From the catalogue"), required=False)
    name = forms.CharField(
        label=gettext_lazy("Or write one in"), required=False, max_length=NAME_MAX
    )
    target_date = forms.DateField(
        label=gettext_lazy("Target date (optional)"),
        required=False,
        widget=DateInput(),
    )
    note = forms.CharField(
        label=gettext_lazy("Note (optional)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, plan: PlanView, **kwargs: Any) -> None:
        super().__init__(*args, auto_id="add-%s", **kwargs)
        on_plan = {item.slug for item in plan.items}
        choices = [("", gettext_lazy("Choose an item"))]
        choices += [(s, item.name) for s, item in plan.catalogue.items() if s not in on_plan]
        self.fields["slug"].choices = choices


class NoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Therapist's note"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, slug: str, **kwargs: Any) -> None:
        super().__init__(*args, auto_id=f"note-{slug}-%s", **kwargs)


def _reasons(suggestion: core.Suggestion | None, show_forecast: bool) -> list[dict[str, str]]:
    if suggestion is None:
        return []
    hide = (
        texts.FORECAST_RULES if not show_forecast and suggestion.status == "soon" else frozenset()
    )
    return [
        {"rule": r.rule, "text": texts.render(r.message)}
        for r in suggestion.reasons
        if r.rule not in hide
    ]


def _card(
    plan: PlanView,
    slug: str,
    suggestion: core.Suggestion | None,
    show_forecast: bool,
    failed: dict[str, forms.Form],
) -> dict[str, Any]:
    item = plan.item_for(slug)
    entry = plan.catalogue.get(slug)
    status_form = failed.get(f"status:{slug}") or StatusForm(
        slug=slug,
        initial={
            "slug": slug,
            "status": item.status if item else Status.SUGGESTED,
            "target_date": item.target_date if item else None,
        },
    )
    note_form = failed.get(f"note:{slug}") or NoteForm(
        slug=slug, initial={"note": item.note if item else ""}
    )
    return {
        "slug": slug,
        "name": entry.name if entry else (item.name if item else slug),
        "entry": entry,
        "plan_item": item,
        "history": list(item.changes.all()) if item else [],
        "suggestion": suggestion,
        "reasons": _reasons(suggestion, show_forecast),
        "sources": [SOURCES.get(key, key) for key in (entry.sources if entry else ())],
        "status_form": status_form,
        "note_form": note_form,
    }


def _home_areas(plan: PlanView, by_slug: dict[str, core.Suggestion]) -> list[dict[str, Any]]:
    areas = []
    for area in HomeArea:
        entries = [
            {
                "slug": slug,
                "entry": entry,
                "suggestion": by_slug.get(slug),
                "plan_item": plan.item_for(slug),
            }
            for slug, entry in plan.catalogue.items()
            if entry.home_area is area
        ]
        areas.append({"area": area.value, "label": AREA_LABELS[area], "entries": entries})
    return areas


def _plan_page(
    request: HttpRequest,
    patient: Patient,
    failed: dict[str, forms.Form] | None = None,
    add_form: AddForm | None = None,
    status: int = 200,
) -> HttpResponse:
    failed = failed or {}
    plan = plan_for(patient)
    show_forecast = sees_forecast(request.user)
    suggestions = plan.suggestions or []
    by_slug = {s.item.id: s for s in suggestions}
    on_plan = [
        _card(plan, item.slug, by_slug.get(item.slug), show_forecast, failed) for item in plan.items
    ]
    open_items = [c for c in on_plan if c["plan_item"].status not in SETTLED]
    settled_items = [c for c in on_plan if c["plan_item"].status in SETTLED]
    planned = {item.slug for item in plan.items}
    start_now = [
        _card(plan, s.item.id, s, show_forecast, failed)
        for s in core.start_now_first(suggestions, frozenset(planned))
    ]
    soon = [
        _card(plan, s.item.id, s, show_forecast, failed)
        for s in suggestions
        if s.status == "soon" and not s.start_now and s.item.id not in planned
    ]
    later = [
        s
        for s in suggestions
        if s.status == "later" and not s.outgrown and s.item.id not in planned
    ]
    outgrown = [s for s in suggestions if s.outgrown and s.item.id not in planned]
    may_add = can(request.user, patient, Action.ADD_EQUIPMENT)
    return render(
        request,
        "equipment/plan.html",
        {
            "patient": patient,
            "plan": plan,
            "open_items": open_items,
            "settled_items": settled_items,
            "start_now": start_now,
            "soon": soon,
            "later": later,
            "outgrown": [
                {"name": s.item.name, "reasons": _reasons(s, show_forecast)} for s in outgrown
            ],
            "areas": _home_areas(plan, by_slug),
            "show_forecast": show_forecast,
            "show_rules": getattr(request.user, "is_therapist", False),
            "may_change": can(request.user, patient, Action.CHANGE_EQUIPMENT),
            "may_add": may_add,
            "add_form": (add_form or AddForm(plan=plan)) if may_add else None,
            "statuses": dict(Status.choices),
        },
        status=status,
    )


def _back(patient: Patient, slug: str = "") -> HttpResponse:
    anchor = f"#item-{slug}" if slug else ""
    return redirect(reverse("equipment:plan", args=[patient.pk]) + anchor)


@login_required
def plan_page(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.VIEW)
    return _plan_page(request, patient)


@login_required
@require_POST
def change_status(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.CHANGE_EQUIPMENT)
    slug = str(request.POST.get("slug", ""))[:64]
    form = StatusForm(request.POST, slug=slug)
    if form.is_valid():
        try:
            set_status(
                patient=patient,
                by=request.user,
                slug=form.cleaned_data["slug"],
                status=form.cleaned_data["status"],
                target_date=form.cleaned_data["target_date"],
                note=form.cleaned_data["note"],
            )
        except PlanError as problem:
            form.add_error(problem.field if problem.field in form.fields else None, str(problem))
        else:
            return _back(patient, form.cleaned_data["slug"])
    return _plan_page(request, patient, failed={f"status:{slug}": form}, status=400)


@login_required
@require_POST
def add(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.ADD_EQUIPMENT)
    form = AddForm(request.POST, plan=plan_for(patient))
    if form.is_valid():
        try:
            item = add_item(
                patient=patient,
                by=request.user,
                slug=form.cleaned_data["slug"],
                name=form.cleaned_data["name"],
                target_date=form.cleaned_data["target_date"],
                note=form.cleaned_data["note"],
            )
        except PlanError as problem:
            form.add_error(problem.field if problem.field in form.fields else None, str(problem))
        else:
            return _back(patient, item.slug)
    return _plan_page(request, patient, add_form=form, status=400)


@login_required
@require_POST
def note(request: HttpRequest, patient_id: int, item: str) -> HttpResponse:
    patient = require(request.user, patient_id, Action.ADD_EQUIPMENT)
    slug = item
    form = NoteForm(request.POST, slug=slug)
    if form.is_valid():
        try:
            write_note(patient=patient, by=request.user, slug=slug, note=form.cleaned_data["note"])
        except PlanError as problem:
            form.add_error("note", str(problem))
        else:
            return _back(patient, slug)
    return _plan_page(request, patient, failed={f"note:{slug}": form}, status=400)
