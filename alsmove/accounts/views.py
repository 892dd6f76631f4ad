from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, LogoutView, PasswordChangeView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from alsmove.accounts.forms import (
    EmailLoginForm,
    PreferencesForm,
    SessionPreferencesForm,
)
from alsmove.accounts.session_guard import SIGNED_OUT_REASON

# Why the last session ended, said on the sign-in page (session_guard sets the reason).
SIGNED_OUT_WORDS = {
    "idle": gettext_lazy(
        "You were logged out because nothing happened for a while. This keeps your "
        "records safe on a computer others use. Log in again to go on."
    ),
    "too_long": gettext_lazy(
        "You were logged out because you had been logged in for 12 hours. Log in again to go on."
    ),
    "expired": gettext_lazy("Your login had ended. Log in again to go on."),
}


class EmailLoginView(LoginView):
    form_class = EmailLoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        reason = self.request.session.pop(SIGNED_OUT_REASON, None)
        context["signed_out"] = SIGNED_OUT_WORDS.get(str(reason)) if reason else None
        return context


class PasswordChange(PasswordChangeView):
    """Change one's password (the old one first); other sessions of the account end."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:preferences")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Your new password is saved."))
        return response


class SiteLogoutView(LogoutView):
    http_method_names = ["post", "options"]


def safe_next(request: HttpRequest, fallback: str = "web:home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return reverse(fallback)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your display settings are saved."))
        return redirect("accounts:preferences")
    return render(request, "accounts/preferences.html", {"form": form})


@login_required
@require_http_methods(["POST"])
def session_preferences(request: HttpRequest) -> HttpResponse:
    """The guided session saves its switches here as they are flipped (no page change)."""
    form = SessionPreferencesForm(request.POST, instance=request.user)
    if form.is_valid():  # three check boxes: anything sent reads as on or off
        form.save()
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    messages.success(request, _("Your display settings are saved."))
    return redirect(safe_next(request, "accounts:preferences"))


@login_required
@require_http_methods(["GET", "POST"])
def disclaimer(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        request.user.disclaimer_accepted_at = timezone.now()
        request.user.save(update_fields=["disclaimer_accepted_at"])
        return redirect(safe_next(request))
    return render(request, "accounts/disclaimer.html", {"next": safe_next(request)})
