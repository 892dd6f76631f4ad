"""Setting up a clinic from the command line: the clinic and its first administrator.

The administrator gets no password: an email carries a one-time link (Django's
password-reset token, the same as for staff an administrator adds), so whoever runs the
command never knows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from alsmove.accounts.models import AuditEvent, Organisation, Role, User
from alsmove.accounts.staff import set_password_link


class ClinicSetupError(Exception):
    """The clinic cannot be set up as asked; the message says why in words."""


@dataclass(frozen=True)
class ClinicSetup:
    organisation: Organisation
    admin: User
    created: bool  # False: this clinic and administrator existed already, nothing changed


def create_clinic(*, name: str, admin_email: str, admin_name: str = "") -> ClinicSetup:
    name = " ".join(name.split())
    email = admin_email.strip().lower()
    if not name:
        raise ClinicSetupError("The clinic needs a name.")
    if len(name) > Organisation._meta.get_field("name").max_length:  # type: ignore[operator]
        raise ClinicSetupError("The clinic's name is longer than 200 characters.")
    try:
        validate_email(email)
    except ValidationError as error:
        raise ClinicSetupError(f"{admin_email!r} is not an email address.") from error

    with transaction.atomic():
        existing = Organisation.objects.filter(name__iexact=name).first()
        account = User.objects.filter(email=email).first()
        if (
            existing
            and account
            and account.organisation_id == existing.pk
            and account.role == Role.ADMIN
        ):
            return ClinicSetup(existing, account, created=False)
        if existing:
            raise ClinicSetupError(
                f"A clinic named {existing.name!r} already exists; nothing was changed. "
                "Its administrators add colleagues on its clinic page."
            )
        if account:
            raise ClinicSetupError(
                f"An account with the address {email} already exists; nothing was changed. "
                "Each administrator needs an address of their own."
            )
        organisation = Organisation.objects.create(name=name)
        admin = User.objects.create_user(
            email=email,
            password=None,
            full_name=" ".join(admin_name.split()) or email.split("@", 1)[0],
            role=Role.ADMIN,
            organisation=organisation,
        )
        AuditEvent.objects.create(
            actor=None, action="clinic_created", detail=f"{organisation.name}: {email} (admin)"
        )
        send_password_link(admin)
    return ClinicSetup(organisation, admin, created=True)


def send_password_link(admin: User) -> None:
    """The email with the one-time link; sent after the commit, so an account that was
    rolled back never gets one."""
    body = render_to_string(
        "accounts/clinic_admin_email.txt",
        {"user": admin, "organisation": admin.organisation, "link": set_password_link(admin)},
    )
    subject = _("Your ALS Move clinic is ready")
    transaction.on_commit(lambda: send_mail(subject, body, None, [admin.email]))
