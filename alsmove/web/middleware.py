"""Gives bare error responses (405 from Django's method decorators) a page in words."""

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
