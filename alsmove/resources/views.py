"""The Resources section: a searchable list and one page per entry. Public content only:
no page here reads anyone's record."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from alsmove.core.resources import Resource
from alsmove.patients.policy import visible_patients
from alsmove.resources import labels, search
from alsmove.resources.services import all_resources, find_resource

ANY = [("", _("Any"))]


class ResourceFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=search.QUERY_MAX,
        help_text=_("For example: massage, insurance, feeling low, equipment."),
    )
    topic = forms.ChoiceField(
        label=_("Topic"), required=False, choices=ANY + labels.choices(labels.TOPIC)
    )
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=ANY + labels.choices(labels.STAGE)
    )
    audience = forms.ChoiceField(
        label=_("For whom"), required=False, choices=ANY + labels.choices(labels.AUDIENCE)
    )


TOPICS = list(labels.TOPIC)
STAGES = list(labels.STAGE)


def _reading_order(entry: Resource) -> tuple[int, bool, int, str]:
    """By topic; within one, what holds at every stage first, then the entries of one
    stage or a few in the order of the stages (the early questions before the advanced
    ones, not after them as the alphabet had it), then by title."""
    return (
        TOPICS.index(entry.topic),
        len(entry.stages) < len(STAGES),
        min(STAGES.index(stage) for stage in entry.stages),
        entry.title,
    )


def resource_list(request: HttpRequest) -> HttpResponse:
    form = ResourceFilterForm(request.GET or None)
    # An invalid filter value (a hand-edited address) shows everything and says so.
    filters = form.cleaned_data if form.is_valid() else {}
    found = search.filtered(all_resources(), filters)
    found.sort(key=_reading_order)
    rows = [
        {
            "resource": r,
            "topic_key": r.topic.value,
            "topic": labels.TOPIC[r.topic],
            "audiences": [labels.AUDIENCE[a] for a in r.audiences],
        }
        for r in found
    ]
    # The person's own printable questions page, if they have a record (through the policy).
    own = None
    if request.user.is_authenticated:
        own = visible_patients(request.user).filter(user=request.user).first()
    context = {"form": form, "rows": rows, "total": len(rows), "own": own}
    return render(request, "resources/list.html", context)


def detail(request: HttpRequest, resource: str) -> HttpResponse:
    entry = find_resource(resource)
    if entry is None:
        raise Http404("No such resource")
    related = [r for r in (find_resource(slug) for slug in entry.related) if r is not None]
    context = {
        "resource": entry,
        "topic": labels.TOPIC[entry.topic],
        "audiences": [labels.AUDIENCE[a] for a in entry.audiences],
        "stages": [labels.STAGE[s] for s in entry.stages],
        "known_source": labels.source(entry.known.source),
        "sources": [labels.source(s) for s in entry.sources],
        "related": related,
    }
    return render(request, "resources/detail.html", context)
