"""A clinic administrator adds therapists and administrators, switches accounts off
(after a confirmation that names the person) and on again.

A new account has no password: the person gets an email with a one-time link to choose
one (Django's password-reset token), so no administrator ever knows a colleague's
password.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from alsmove.accounts.language import language_choices, language_of
from alsmove.accounts.models import AuditEvent, Role, User

STAFF_ROLES = (Role.THERAPIST, Role.ADMIN)


class StaffForm(forms.Form):
    full_name = forms.CharField(label=gettext_lazy("Their name"), max_length=200)
    email = forms.EmailField(label=gettext_lazy("Their email address"))
    role = forms.ChoiceField(
        label=gettext_lazy("Role"),
        choices=[
            (Role.THERAPIST.value, Role.THERAPIST.label),
            (Role.ADMIN.value, Role.ADMIN.label),
        ],
        widget=forms.RadioSelect,
        initial=Role.THERAPIST.value,
    )
    # The new account has no language of its own yet: the welcome email and their pages
    # use this one until they choose in their display settings.
    language = forms.ChoiceField(
        label=gettext_lazy("Their language"),
        choices=language_choices(),
        required=False,  # the page's own language when not sent
        widget=forms.RadioSelect,
        help_text=gettext_lazy("The welcome email and their pages use it. They can change it."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = translation.get_language()

    def clean_language(self) -> str:
        return str(self.cleaned_data.get("language") or translation.get_language())

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].lower()
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(_("An account with this email address already exists."))
        return email


def require_clinic_admin(user: User) -> None:
    if user.role != Role.ADMIN or user.organisation_id is None:
        raise PermissionDenied(_("This page is for clinic administrators."))


def set_password_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password_reset_confirm", args=[uid, token])
    return f"{settings.ALSMOVE_BASE_URL.rstrip('/')}{path}"


@transaction.atomic
def add_staff(*, admin: User, full_name: str, email: str, role: str, language: str = "") -> User:
    if role not in (Role.THERAPIST, Role.ADMIN):
        raise ValueError("Staff are therapists or administrators")
    user = User.objects.create_user(
        email=email,
        password=None,
        full_name=full_name,
        role=role,
        organisation=admin.organisation,
        language=language,
    )
    AuditEvent.objects.create(actor=admin, action="staff_added", detail=f"{email} ({role})")
    with translation.override(language_of(user, fallback=translation.get_language())):
        subject = _("Your ALS Move account")
        body = render_to_string(
            "accounts/welcome_email.txt",
            {
                "user": user,
                "admin": admin,
                "link": set_password_link(user),
                "organisation": admin.organisation,
            },
        )
    # Sent after the commit, so a rolled-back account never gets an email.
    transaction.on_commit(lambda: send_mail(subject, body, None, [user.email]))
    return user


def clinic_staff_member(admin: User, user_id: int) -> User:
    """A staff account of the administrator's own clinic, or 404."""
    member = User.objects.filter(
        pk=user_id, organisation_id=admin.organisation_id, role__in=STAFF_ROLES
    ).first()
    if member is None:
        raise Http404("No such account in this clinic")
    return member


@transaction.atomic
def switch_off(*, admin: User, user_id: int) -> User:
    member = clinic_staff_member(admin, user_id)
    if member.pk == admin.pk:
        raise PermissionDenied(_("You cannot switch off your own account."))
    member.is_active = False
    member.save(update_fields=["is_active"])
    AuditEvent.objects.create(actor=admin, action="staff_switched_off", detail=member.email)
    return member


@transaction.atomic
def switch_on(*, admin: User, user_id: int) -> User:
    """The way back: a switched-off colleague can log in again (with their old password)."""
    member = clinic_staff_member(admin, user_id)
    if not member.is_active:
        member.is_active = True
        member.save(update_fields=["is_active"])
        AuditEvent.objects.create(actor=admin, action="staff_switched_on", detail=member.email)
    return member


@login_required
@require_POST
def add_staff_view(request: HttpRequest) -> HttpResponse:
    from alsmove.web.views import clinic_page

    require_clinic_admin(request.user)
    form = StaffForm(request.POST)
    if not form.is_valid():
        return clinic_page(request, form=form)
    user = add_staff(admin=request.user, **form.cleaned_data)
    messages.success(
        request,
        _("%(name)s has an account now. They got an email with a link to choose a password.")
        % {"name": user.full_name},
    )
    return redirect("web:clinic")


@login_required
@require_http_methods(["GET", "POST"])
def switch_off_view(request: HttpRequest, user_id: int) -> HttpResponse:
    """GET asks "are you sure?", naming the person; POST switches the account off."""
    require_clinic_admin(request.user)
    if request.method == "GET":
        member = clinic_staff_member(request.user, user_id)
        if member.pk == request.user.pk:
            raise PermissionDenied(_("You cannot switch off your own account."))
        if not member.is_active:
            return redirect("web:clinic")
        name = member.full_name
        return render(
            request,
            "web/confirm.html",
            {
                "title": _("Switch off %(name)s's account?") % {"name": name},
                "lines": [
                    _("%(name)s will no longer be able to log in.") % {"name": name},
                    _(
                        "Their records, notes and care-team places are kept. You can switch "
                        "the account on again at any time from the clinic page."
                    ),
                ],
                "action": reverse("web:switch_off", args=[member.pk]),
                "hidden": [],
                "button": _("Yes, switch off %(name)s") % {"name": name},
                "cancel": reverse("web:clinic"),
            },
        )
    member = switch_off(admin=request.user, user_id=user_id)
    messages.success(request, _("%(name)s can no longer log in.") % {"name": member.full_name})
    return redirect(f"{reverse('web:clinic')}?undo={member.pk}")


@login_required
@require_POST
def switch_on_view(request: HttpRequest, user_id: int) -> HttpResponse:
    require_clinic_admin(request.user)
    member = switch_on(admin=request.user, user_id=user_id)
    messages.success(request, _("%(name)s can log in again.") % {"name": member.full_name})
    return redirect("web:clinic")
