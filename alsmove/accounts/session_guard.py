"""The two gates every request passes after the session is read.

SessionTimeoutMiddleware ends a session after a quiet spell (30 minutes for staff, longer
for people and caregivers) and after 12 hours in any case. SecondStepMiddleware is the one
place the second sign-in step is enforced: a signed-in account that needs it reaches
nothing but the second-step pages, sign-out and static files until this session confirmed
a code — pages are redirected there, API routes answer 401.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress

from django.apps import apps
from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp.middleware import OTPMiddleware
from django_otp.models import Device

from alsmove.accounts.two_factor import (
    has_authenticator,
    is_staff_account,
    is_verified,
    requires_second_step,
)
from alsmove.kept import by_key

SIGNED_IN_AT = "alsmove_signed_in_at"
LAST_SEEN = "alsmove_last_seen"
SIGNED_OUT_REASON = "alsmove_signed_out_reason"
# Seen-again times are written at most this often, so a busy page does not save the
# session on every request.
TOUCH_EVERY_SECONDS = 60

# What an account waiting for its second step may open. Everything else is refused.
SECOND_STEP_OPEN = (
    "/static/",
    "/accounts/two-step/verify/",
    "/accounts/two-step/set-up/",
    "/accounts/logout/",
    "/accounts/login/",
)


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def idle_limit_seconds(user: object) -> int:
    minutes = (
        settings.ALSMOVE_IDLE_MINUTES_STAFF
        if is_staff_account(user)
        else settings.ALSMOVE_IDLE_MINUTES_HOME
    )
    return int(minutes) * 60


def mark_signed_in(request: HttpRequest) -> None:
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            reason = self._expired(request, user)
            if reason:
                return self._sign_out(request, reason)
        return self.get_response(request)

    @staticmethod
    def _expired(request: HttpRequest, user: object) -> str:
        now = int(time.time())
        signed_in_at = request.session.get(SIGNED_IN_AT)
        last_seen = request.session.get(LAST_SEEN)
        # A session without these was not started by a sign-in here: fail closed.
        if not isinstance(signed_in_at, int) or not isinstance(last_seen, int):
            return "expired"
        if now - signed_in_at > settings.ALSMOVE_SESSION_MAX_HOURS * 3600:
            return "too_long"
        if now - last_seen > idle_limit_seconds(user):
            return "idle"
        if now - last_seen >= TOUCH_EVERY_SECONDS:
            request.session[LAST_SEEN] = now
        return ""

    @staticmethod
    def _sign_out(request: HttpRequest, reason: str) -> HttpResponse:
        logout(request)
        # The new, empty session carries only why, for the sign-in page to say so.
        request.session[SIGNED_OUT_REASON] = reason
        if _wants_json(request):
            return JsonResponse({"detail": "Log in first."}, status=401)
        login = reverse("accounts:login")
        if request.method == "GET":
            return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
        return redirect(login)


class VerifiedDeviceMiddleware(OTPMiddleware):
    """django-otp's OTPMiddleware (the verified device kept in the session, checked to be
    this account's and confirmed, else dropped), its one read of the device by key
    compiled once (`kept.by_key`) instead of on every staff request. Anything that is not
    a plain device id reads no device: the session is not verified (fails closed)."""

    def _device_from_persistent_id(self, persistent_id: str) -> Device | None:
        persistent_id = self._normalize_persistent_id(persistent_id)
        with suppress(ValueError, LookupError):
            label, device_id = persistent_id.rsplit("/", 1)
            app_label, model_name = label.split(".")
            device_class = apps.get_model(app_label, model_name)
            if issubclass(device_class, Device):
                with suppress(device_class.DoesNotExist):
                    return by_key(device_class, int(device_id))  # type: ignore[no-any-return]
        return None


class SecondStepMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(SECOND_STEP_OPEN)
            and requires_second_step(user)
            and not is_verified(user)
        ):
            if _wants_json(request):
                return JsonResponse(
                    {"detail": "Finish signing in: enter the code from your authenticator."},
                    status=401,
                )
            target = reverse(
                "accounts:two_step_verify" if has_authenticator(user) else "accounts:two_step_setup"
            )
            next_url = request.get_full_path() if request.method == "GET" else reverse("web:home")
            return redirect(f"{target}?{urlencode({'next': next_url})}")
        return self.get_response(request)
