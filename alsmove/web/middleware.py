"""Response middleware: a page in words for bare 405s, and no caching of answers that may
hold a person's data."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


class FriendlyMethodNotAllowedMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 405
            and not response.content
            and not request.path.startswith("/api/")
        ):
            friendly = render(
                request,
                "error.html",
                {
                    "status": 405,
                    "title": _("This address is for sending a form"),
                    "text": _("Use the button on the page instead. Nothing has been changed."),
                },
                status=405,
            )
            friendly["Allow"] = response.get("Allow", "")
            return friendly
        return response


# What the browser and any proxy on the way may keep of an answer that may hold health
# data: nothing (no-store), and never in a shared cache (private).
NO_STORE = "no-store, private"


class NoStoreMiddleware:
    """Every page for a logged-in account and every API answer is `no-store, private`:
    after logging out on a shared computer, Back shows no one's records."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # A file that is the same for everyone and holds no one's data (a pictogram) keeps
        # its own long cache life, or the library would fetch every drawing again.
        if getattr(response, "same_for_everyone", False):
            return response
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or request.path.startswith("/api/"):
            response["Cache-Control"] = NO_STORE
        return response
