from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from alsmove.exercises import labels, search
from alsmove.exercises.pictograms import pictogram_svg
from alsmove.exercises.services import find_exercise, library_for

ANY = [("", _("Any"))]


class LibraryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=search.QUERY_MAX,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        help_text=_("For example: shoulder, lying, breathing."),
    )
    suits = forms.ChoiceField(label=_("Suits"), required=False, choices=ANY)
    region = forms.ChoiceField(
        label=_("Body region"), required=False, choices=ANY + labels.choices(labels.REGION)
    )
    position = forms.ChoiceField(
        label=_("Position"), required=False, choices=ANY + labels.choices(labels.POSITION)
    )
    performer = forms.ChoiceField(
        label=_("Who does it"), required=False, choices=ANY + labels.choices(labels.PERFORMER)
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=ANY + labels.choices(labels.KIND)
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # "Suits me" (or "Suits Sam"): only the records this user may see, with a profile.
        choices = search.profile_choices(user)
        if choices:
            self.fields["suits"].choices = ANY + choices
        else:
            del self.fields["suits"]


def library(request: HttpRequest) -> HttpResponse:
    form = LibraryFilterForm(request.GET or None, user=request.user)
    exercises = library_for(request.user)
    # An invalid filter value (a hand-edited address) shows everything and says so.
    filters = form.cleaned_data if form.is_valid() else {}
    if filters.get("region"):
        exercises = [e for e in exercises if e.body_region == filters["region"]]
    if filters.get("position"):
        exercises = [e for e in exercises if filters["position"] in e.positions]
    if filters.get("performer"):
        exercises = [e for e in exercises if e.performer == filters["performer"]]
    if filters.get("kind"):
        exercises = [e for e in exercises if e.kind == filters["kind"]]
    if filters.get("q"):
        exercises = search.matching(exercises, filters["q"])
    profile = search.profile_for(request.user, filters.get("suits") or "")
    if profile is not None:
        exercises = search.suiting(exercises, profile)
    exercises.sort(key=lambda e: (str(labels.REGION[e.body_region]), e.name))
    rows = [
        {
            "exercise": e,
            "region": labels.REGION[e.body_region],
            "kind": labels.KIND[e.kind],
            "performer": labels.PERFORMER[e.performer],
            "positions": [labels.POSITION[p] for p in e.positions],
            "pictogram": mark_safe(pictogram_svg(e)),  # noqa: S308 - built and escaped by us
        }
        for e in exercises
    ]
    return render(request, "exercises/library.html", {"form": form, "rows": rows})


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = find_exercise(request.user, slug)
    if exercise is None:
        raise Http404("No such exercise")
    context = {
        "exercise": exercise,
        "pictogram": mark_safe(pictogram_svg(exercise)),  # noqa: S308 - escaped by us
        "kind": labels.KIND[exercise.kind],
        "region": labels.REGION[exercise.body_region],
        "performer": labels.PERFORMER[exercise.performer],
        "positions": [labels.POSITION[p] for p in exercise.positions],
        "requires": [labels.REQUIREMENT[r] for r in exercise.requires],
        "stages": [labels.STAGE[s] for s in exercise.stages],
        "sources": [labels_source(s) for s in exercise.sources],
    }
    return render(request, "exercises/detail.html", context)


def labels_source(key: str) -> str:
    from alsmove.core.library import SOURCES

    return SOURCES.get(key, key)
