"""The framework floor for `make bench`: a bare view rendering a 200-row template through
the same middleware, in the same server, as every page. Routed only when ALSMOVE_BENCH is
on (see config/urls.py); the pages' speed is reported as a share of this one's."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

ROWS = [{"n": n, "name": f"Row {n}"} for n in range(200)]


def floor(request: HttpRequest) -> HttpResponse:
    return render(request, "web/bench_floor.html", {"rows": ROWS})
