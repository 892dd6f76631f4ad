"""Which language a page speaks: a signed-in person's saved choice, else the language
cookie the switcher sets, else the browser's Accept-Language (Django's LocaleMiddleware).

The switcher on every page is a link to `choose`; for a signed-in person the choice is
also saved on their account, so it follows them to any device and their emails use it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import translation
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

CODES = frozenset(code for code, _name in settings.LANGUAGES)


def language_choices() -> list[tuple[str, str]]:
    """Each language by its own name, marked as that language (`lang`), so a screen reader
    says "Deutsch" in German on an English page (WCAG 3.1.2, language of parts)."""
    return [
        (code, format_html('<span lang="{}">{}</span>', code, name))
        for code, name in settings.LANGUAGES
    ]


def language_of(user: object, fallback: str | None = None) -> str:
    """The language to write to `user` in (emails): their saved choice, else `fallback`
    (the product's default unless given)."""
    saved = getattr(user, "language", "") or ""
    return saved if saved in CODES else (fallback or settings.LANGUAGE_CODE)


class UserLanguageMiddleware:
    """After sign-in: a saved choice wins over the cookie and the browser."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        saved = getattr(user, "language", "") if user is not None else ""
        if user is None or not user.is_authenticated or saved not in CODES:
            return self.get_response(request)
        request.LANGUAGE_CODE = saved  # type: ignore[attr-defined]
        with translation.override(saved):
            response = self.get_response(request)
        response.headers["Content-Language"] = saved
        return response


@require_GET
def choose(request: HttpRequest, code: str) -> HttpResponse:
    """The switcher, a plain link on every page: remember the language on this device
    (a cookie) and go back to the page it was chosen on.

    A signed-in person's choice is saved on their account too, but only from a page of
    this site: browsers say where a request comes from (Sec-Fetch-Site), so another site's
    link cannot change it."""
    target = request.GET.get("next", "") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if code not in CODES:
        return response
    user = request.user
    ours = request.headers.get("Sec-Fetch-Site", "same-origin") in ("same-origin", "none")
    if ours and user.is_authenticated and getattr(user, "language", None) != code:
        user.language = code  # type: ignore[union-attr]
        user.save(update_fields=["language"])  # type: ignore[union-attr]
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=True,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
