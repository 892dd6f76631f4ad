from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, LogoutView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from alsmove.accounts.forms import (
    EmailLoginForm,
    PreferencesForm,
    SessionPreferencesForm,
    SignupForm,
)
from alsmove.accounts.services import sign_up


class EmailLoginView(LoginView):
    form_class = EmailLoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class SiteLogoutView(LogoutView):
    http_method_names = ["post", "options"]


def _safe_next(request: HttpRequest, fallback: str = "web:home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return reverse(fallback)


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = sign_up(
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            password=form.cleaned_data["password1"],
            role=form.cleaned_data["role"],
            time_zone=form.cleaned_data["time_zone"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        # Back to where they came from (an invitation link, say), after the disclaimer.
        target = _safe_next(request, fallback="web:home")
        return redirect(f"{reverse('accounts:disclaimer')}?{urlencode({'next': target})}")
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url and not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    return render(request, "accounts/signup.html", {"form": form, "next": next_url})


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
    return redirect(_safe_next(request, "accounts:preferences"))


@login_required
@require_http_methods(["GET", "POST"])
def disclaimer(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        request.user.disclaimer_accepted_at = timezone.now()
        request.user.save(update_fields=["disclaimer_accepted_at"])
        return redirect(_safe_next(request))
    return render(request, "accounts/disclaimer.html", {"next": _safe_next(request)})
