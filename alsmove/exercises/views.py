from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from alsmove.core.library import SOURCES
from alsmove.exercises import labels, pictogram_poses, pictograms, search
from alsmove.exercises.listing import sorted_rows
from alsmove.exercises.pictograms import pictogram_svg
from alsmove.exercises.services import find_exercise, library_with_changes
from alsmove.kept import Kept

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
        self.suits_choices = tuple(choices)  # what the drawn form is kept under
        if choices:
            self.fields["suits"].choices = ANY + choices
        else:
            del self.fields["suits"]


# The drawing code's own version: a new release that draws differently gets new addresses.
DRAWING = hashlib.sha256(
    Path(pictograms.__file__).read_bytes() + Path(pictogram_poses.__file__).read_bytes()
).hexdigest()[:10]
A_YEAR = 365 * 24 * 3600
LIBRARY_PAGE = 24  # exercises per page


def pictogram_version(changed: datetime) -> str:
    # Microseconds: a row saved twice within one second must still get a new address.
    return f"{DRAWING}-{changed.timestamp() * 1_000_000:.0f}"


# The filter form drawn (`includes/filter_form.html`), kept per process under all it
# shows: the language, whether the address asked anything, each field's value as asked and
# the reader's "suits" choices (read per request through the access policy). Its errors
# come from those alone; six selects' option templates were most of the list's drawing.
_FILTER_FORMS: Kept[SafeString] = Kept(size=256)


def _drawn_filter_form(form: LibraryFilterForm) -> SafeString:
    asked = tuple(form.data.get(name) for name in LibraryFilterForm.base_fields)
    key = (get_language() or "", form.is_bound, asked, form.suits_choices)

    def make() -> SafeString:
        context = {
            "form": form,
            "title": gettext("Filter the exercises"),
            "unrecognised": gettext(
                "One of the filters was not recognised, so all exercises are shown."
            ),
            "submit": gettext("Show exercises"),
            "clear_url": reverse("exercises:list"),
        }
        html = render_to_string("includes/filter_form.html", context)
        return mark_safe(html)  # noqa: S308  # drawn by the template, escaped there

    return _FILTER_FORMS.get_or_make(key, make)


def library(request: HttpRequest) -> HttpResponse:
    form = LibraryFilterForm(request.GET or None, user=request.user)
    # Sorted and labelled once per language and library version (exercises.listing).
    rows = sorted_rows(pictogram_version)
    # An invalid filter value (a hand-edited address) shows everything and says so.
    filters = form.cleaned_data if form.is_valid() else {}
    if filters.get("region"):
        rows = [r for r in rows if r["exercise"].body_region == filters["region"]]
    if filters.get("position"):
        rows = [r for r in rows if filters["position"] in r["exercise"].positions]
    if filters.get("performer"):
        rows = [r for r in rows if r["exercise"].performer == filters["performer"]]
    if filters.get("kind"):
        rows = [r for r in rows if r["exercise"].kind == filters["kind"]]
    if filters.get("q"):
        kept = {e.id for e in search.matching([r["exercise"] for r in rows], filters["q"])}
        rows = [r for r in rows if r["exercise"].id in kept]
    profile = search.profile_for(request.user, filters.get("suits") or "")
    if profile is not None:
        kept = {e.id for e in search.suiting([r["exercise"] for r in rows], profile)}
        rows = [r for r in rows if r["exercise"].id in kept]
    # A page at a time, the filters kept in every page's address (a bad page number shows
    # the nearest real page).
    page = Paginator(rows, LIBRARY_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "filter_form": _drawn_filter_form(form),
        "rows": page.object_list,
        "page": page,
        "total": len(rows),
        "filters": params.urlencode(),
    }
    return render(request, "exercises/library.html", context)


_SVG: dict[tuple[str, str], bytes] = {}


def pictogram(request: HttpRequest, slug: str) -> HttpResponse:
    """One exercise's pictogram as an SVG file, with an ETag and a long cache life.

    The library list links to it (`?v=` names the version, so a changed exercise or a new
    drawing gets a new address and the old one may be cached for a year)."""
    found = next(((e, c) for e, c in library_with_changes() if e.id == slug), None)
    if found is None:
        raise Http404("No such exercise")
    exercise, changed = found
    version = pictogram_version(changed)
    etag = f'"{slug}-{version}"'
    if etag in request.headers.get("If-None-Match", ""):
        response: HttpResponse = HttpResponseNotModified()
    else:
        if (slug, version) not in _SVG:
            _SVG[(slug, version)] = pictogram_svg(exercise).encode()
        response = HttpResponse(_SVG[(slug, version)], content_type="image/svg+xml")
    response["ETag"] = etag
    response.same_for_everyone = True  # type: ignore[attr-defined]  # see NoStoreMiddleware
    # Private: kept by the browser's own cache only, as it always was (the drawing is the
    # same file for everyone; letting shared caches keep it would be a change of its own).
    if request.GET.get("v") == version:
        response["Cache-Control"] = f"private, max-age={A_YEAR}, immutable"
    else:
        response["Cache-Control"] = "private, max-age=3600"
    return response


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = find_exercise(slug)
    if exercise is None:
        raise Http404("No such exercise")
    context = {
        "exercise": exercise,
        "pictogram": mark_safe(pictogram_svg(exercise, translate=gettext)),  # noqa: S308 - escaped by us
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
    return SOURCES.get(key, key)
