"""A therapist's caseload (the view; the figures are in `attention`; a record's alerts
are in `alert_views`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from alsmove.logbook.attention import caseload
from alsmove.logbook.caseload_words import shown_rows

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
