"""Caregiver skills for a person's care team: the list (with what each helper has been
taught), a skill's overview, the guided steps (one per screen, like the guided session)
and a printable page. Every page reads the record through the access policy; only a
linked therapist with TEACH_SKILLS marks a skill as taught."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from alsmove.caregiving.services import (
    NotTeachable,
    all_skills,
    find_skill,
    helpers,
    mark_taught,
    marks_for,
    unmark_taught,
)
from alsmove.core.caregiving import SOURCES, Skill
from alsmove.exercises.services import exercise_library
from alsmove.formats import DateInput
from alsmove.patients.clock import today_for
from alsmove.patients.models import Patient
from alsmove.patients.policy import Action, can, require


class TaughtForm(forms.Form):
    caregiver = forms.TypedChoiceField(label=gettext_lazy("Caregiver"), coerce=int)
    skill = forms.ChoiceField(label=gettext_lazy("Skill taught"))
    taught_on = forms.DateField(label=gettext_lazy("Taught on"), widget=DateInput())

    def __init__(self, *args: Any, patient: Patient, skills: list[Skill], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["caregiver"].choices = [
            (h.pk, h.full_name or h.email) for h in helpers(patient)
        ]
        self.fields["skill"].choices = [(s.id, s.title) for s in skills]


def _skill_or_404(slug: str) -> Skill:
    skill = find_skill(slug)
    if skill is None:
        raise Http404("No such skill")
    return skill


def _list_page(
    request: HttpRequest, patient: Patient, form: TaughtForm | None = None, status: int = 200
) -> HttpResponse:
    skills = all_skills()
    marks = marks_for(patient)
    may_teach = can(request.user, patient, Action.TEACH_SKILLS)
    if may_teach and form is None:
        form = TaughtForm(patient=patient, skills=skills, initial={"taught_on": today_for(patient)})
    rows = [
        {"skill": skill, "marks": [m for m in marks if m.skill == skill.id]} for skill in skills
    ]
    return render(
        request,
        "caregiving/list.html",
        {
            "patient": patient,
            "rows": rows,
            "may_teach": may_teach,
            "has_helpers": bool(helpers(patient)) if may_teach else False,
            "form": form if may_teach else None,
        },
        status=status,
    )


@login_required
def skill_list(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.VIEW)
    return _list_page(request, patient)


@login_required
@require_POST
def taught(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.TEACH_SKILLS)
    form = TaughtForm(request.POST, patient=patient, skills=all_skills())
    if form.is_valid():
        try:
            mark_taught(
                patient=patient,
                by=request.user,
                caregiver_id=form.cleaned_data["caregiver"],
                skill=form.cleaned_data["skill"],
                taught_on=form.cleaned_data["taught_on"],
            )
        except NotTeachable as problem:
            form.add_error(problem.field, str(problem))
        else:
            return redirect(reverse("caregiving:list", args=[patient.pk]) + "#taught-title")
    return _list_page(request, patient, form, status=400)


@login_required
@require_POST
def untaught(request: HttpRequest, patient_id: int, mark_id: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.TEACH_SKILLS)
    try:
        unmark_taught(patient=patient, by=request.user, mark_id=mark_id)
    except NotTeachable as problem:
        raise Http404(str(problem)) from None
    return redirect(reverse("caregiving:list", args=[patient.pk]) + "#taught-title")


def _related(request: HttpRequest, skill: Skill) -> list[dict[str, str]]:
    names = {e.id: e.name for e in exercise_library()}
    return [{"slug": e, "name": names[e]} for e in skill.exercises if e in names]


def _sources(skill: Skill) -> list[str]:
    return [SOURCES.get(key, key) for key in skill.sources]


@login_required
def overview(request: HttpRequest, patient_id: int, skill: str) -> HttpResponse:
    patient = require(request.user, patient_id, Action.VIEW)
    found = _skill_or_404(skill)
    return render(
        request,
        "caregiving/overview.html",
        {
            "patient": patient,
            "skill": found,
            "related": _related(request, found),
            "sources": _sources(found),
            "marks": [m for m in marks_for(patient) if m.skill == found.id],
            "finished": request.GET.get("finished") == "1",
        },
    )


@login_required
def step(request: HttpRequest, patient_id: int, skill: str, index: int) -> HttpResponse:
    patient = require(request.user, patient_id, Action.VIEW)
    found = _skill_or_404(skill)
    count = len(found.steps)
    if not 1 <= index <= count:
        raise Http404("No such step")
    is_last = index == count
    if is_last:
        next_url = reverse("caregiving:overview", args=[patient.pk, found.id]) + "?finished=1"
    else:
        next_url = reverse("caregiving:step", args=[patient.pk, found.id, index + 1])
    cues = {
        "step": _("Step {n} of {total}."),
        "read": _("Read this step aloud"),
    }
    return render(
        request,
        "caregiving/step.html",
        {
            "patient": patient,
            "skill": found,
            "text": found.steps[index - 1],
            "index": index,
            "count": count,
            "is_last": is_last,
            "next_url": next_url,
            "previous_url": (
                reverse("caregiving:step", args=[patient.pk, found.id, index - 1])
                if index > 1
                else None
            ),
            "cues": cues,
            "speech": getattr(request.user, "speech_enabled", True),
            "tone": getattr(request.user, "tone_enabled", False),  # kept, not offered
            "dwell": getattr(request.user, "dwell_enabled", False),
        },
    )


@login_required
def printable(request: HttpRequest, patient_id: int, skill: str) -> HttpResponse:
    patient = require(request.user, patient_id, Action.VIEW)
    found = _skill_or_404(skill)
    return render(
        request,
        "caregiving/print.html",
        {
            "patient": patient,
            "skill": found,
            "related": _related(request, found),
            "sources": _sources(found),
        },
    )
