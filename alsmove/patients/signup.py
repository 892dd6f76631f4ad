"""Signing up: a new account, and for a person with ALS their own record.

It lives here, above `accounts`, because it makes a `Patient` as well as a `User`
(docs/architecture.md, "The layers"): `accounts` knows users and clinics and nothing of
records. The page keeps its address, /accounts/signup/ (`patients:signup`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import login, password_validation
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from alsmove.accounts.language import language_choices
from alsmove.accounts.models import AuditEvent, Role, User
from alsmove.accounts.views import safe_next
from alsmove.patients.clock import default_zone_name, is_known_zone
from alsmove.patients.models import Patient


class SignupForm(forms.Form):
    role = forms.ChoiceField(
        label=_("I am"),
        choices=[
            (Role.PERSON.value, _("a person living with ALS")),
            (Role.CAREGIVER.value, _("a caregiver, family member or friend")),
        ],
        widget=forms.RadioSelect,
        initial=Role.PERSON.value,
    )
    full_name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Email address"))
    password1 = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters. A short sentence is easy to remember."),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    language = forms.ChoiceField(
        label=_("Language"),
        choices=language_choices(),
        required=False,  # the page's own language when not sent
        widget=forms.RadioSelect,
        help_text=_("Pages, emails and printed documents use it. You can change it later."),
    )

    # Filled in by the browser (static/js/timezone.js); editable later on the record.
    time_zone = forms.CharField(
        required=False, max_length=64, widget=forms.HiddenInput(attrs={"data-browser-zone": ""})
    )

    def clean_time_zone(self) -> str:
        """The browser's zone if this server knows it; otherwise the server's (no error:
        the person never saw this field, and can change it on their record)."""
        zone = str(self.cleaned_data.get("time_zone") or "").strip()
        return zone if is_known_zone(zone) else default_zone_name()

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].lower()
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(
                _("An account with this email address already exists. Try logging in.")
            )
        return email

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        one, two = cleaned.get("password1"), cleaned.get("password2")
        if one and two and one != two:
            self.add_error("password2", _("The two passwords are not the same."))
        elif one:
            candidate = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(one, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


@transaction.atomic
def sign_up(
    *, email: str, full_name: str, password: str, role: str, time_zone: str = "", language: str = ""
) -> User:
    """A new account; a person with ALS also gets their own patient record, on the clock
    of the browser they signed up with (`time_zone`, checked by the form)."""
    if role not in (Role.PERSON, Role.CAREGIVER):
        raise ValueError("Only people with ALS and caregivers sign up themselves")
    user = User.objects.create_user(
        email=email, password=password, full_name=full_name, role=role, language=language
    )
    if role == Role.PERSON:
        patient = Patient.objects.create(
            user=user,
            display_name=full_name,
            created_by=user,
            time_zone=time_zone or default_zone_name(),
        )
        AuditEvent.objects.create(actor=user, patient=patient, action="record_created")
    return user


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:home")
    form = SignupForm(request.POST or None, initial={"language": get_language()})
    if request.method == "POST" and form.is_valid():
        user = sign_up(
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            password=form.cleaned_data["password1"],
            role=form.cleaned_data["role"],
            time_zone=form.cleaned_data["time_zone"],
            language=form.cleaned_data["language"] or get_language(),
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        # Back to where they came from (an invitation link, say), after the disclaimer.
        target = safe_next(request, fallback="web:home")
        return redirect(f"{reverse('accounts:disclaimer')}?{urlencode({'next': target})}")
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url and not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    return render(request, "accounts/signup.html", {"form": form, "next": next_url})
