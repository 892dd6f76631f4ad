"""The services of a clinic's staff list: an administrator adds therapists and
administrators, switches accounts off and on again. The form is
`accounts.forms.StaffForm`; the pages are `web.staff_views`.

A new account has no password: the person gets an email with a one-time link to choose
one (Django's password-reset token), so no administrator ever knows a colleague's
password.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from alsmove.accounts.language import language_of
from alsmove.accounts.models import AuditEvent, Role, User

STAFF_ROLES = (Role.THERAPIST, Role.ADMIN)


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
