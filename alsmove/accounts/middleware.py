"""Shows the medical disclaimer once, on first login, before anything else."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

EXEMPT_PREFIXES = ("/static/", "/api/", "/accounts/")


class DisclaimerMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and getattr(user, "disclaimer_accepted_at", True) is None
            and not request.path.startswith(EXEMPT_PREFIXES)
        ):
            target = reverse("accounts:disclaimer")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


def axes_username(request: HttpRequest, credentials: dict[str, object] | None) -> str | None:
    """The account a login attempt counts against, in lower case like stored addresses."""
    value = (credentials or {}).get("username") or request.POST.get("username")
    return str(value).strip().lower() if value else None
