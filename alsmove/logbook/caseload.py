"""A therapist's caseload (the view; the figures are in `attention`, the drawn page in
`caseload_words`; a record's alerts are in `alert_views`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from alsmove.logbook.caseload_words import drawn_caseload


@login_required
def caseload_page(request: HttpRequest) -> HttpResponse:
    drawn = drawn_caseload(request.user, request.GET.get("page"))
    return render(
        request, "logbook/caseload.html", {"total": drawn.total, "listing": drawn.listing}
    )
