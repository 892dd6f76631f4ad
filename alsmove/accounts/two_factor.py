"""Two-step sign-in: a code from an authenticator app (TOTP, django-otp) after the password.

Required for therapists, administrators and any account that is not a person with ALS or
a caregiver (fail closed: a role without a rule counts as staff); a choice for people and
caregivers. Each account has at most one authenticator ("authenticator") and one set of
single-use recovery codes ("recovery"), shown once when they are made.
"""

from __future__ import annotations

import base64
from binascii import unhexlify
from functools import cache
from typing import Any

import segno
from django.db import connections, router, transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from alsmove.accounts.models import AuditEvent, Role, User

AUTHENTICATOR = "authenticator"
RECOVERY = "recovery"
RECOVERY_CODE_COUNT = 10
# People and caregivers may choose a second step; everyone else must have one.
OPTIONAL_ROLES = frozenset({Role.PERSON.value, Role.CAREGIVER.value})


def is_staff_account(user: Any) -> bool:
    """Staff, for the second step: anything but a person or a caregiver (fail closed)."""
    return bool(
        getattr(user, "is_superuser", False)
        or getattr(user, "is_staff", False)
        or getattr(user, "role", None) not in OPTIONAL_ROLES
    )


@cache
def _has_authenticator_sql(alias: str) -> str:
    quote = connections[alias].ops.quote_name
    meta = TOTPDevice._meta
    user = quote(meta.get_field("user").column)
    confirmed = quote(meta.get_field("confirmed").column)
    # Every part is a quoted name from the model; the values are parameters.
    return f"SELECT 1 FROM {quote(meta.db_table)} WHERE {user} = %s AND {confirmed} = %s LIMIT 1"  # noqa: S608


def has_authenticator(user: Any) -> bool:
    """A confirmed authenticator? Asked on every signed-in request of a person or a
    caregiver, so in plain SQL built once (the ORM's compiling cost more than the query)."""
    if getattr(user, "pk", None) is None:
        return False
    alias = router.db_for_read(TOTPDevice)
    with connections[alias].cursor() as cursor:
        cursor.execute(_has_authenticator_sql(alias), [user.pk, True])
        return cursor.fetchone() is not None


def requires_second_step(user: Any) -> bool:
    """Must this signed-in account confirm a code before it reaches anything else?"""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_staff_account(user) or has_authenticator(user)


def is_verified(user: Any) -> bool:
    """Did this session confirm a code? (OTPMiddleware sets `is_verified`; without it, no.)"""
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else False


def pending_authenticator(user: User) -> TOTPDevice:
    """The authenticator being set up: the same secret until it is confirmed, so a page
    reload does not change the QR code someone is scanning."""
    device = TOTPDevice.objects.filter(user=user, name=AUTHENTICATOR, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret as an authenticator app asks for it when typed: base32, in groups of four."""
    secret = base64.b32encode(unhexlify(device.key)).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_data_uri(device: TOTPDevice) -> str:
    """The setup QR code as an SVG data URI, drawn here: the secret never leaves the server
    for a QR service."""
    return str(segno.make(device.config_url, error="m").svg_data_uri(scale=6, border=4))


def clean_code(value: str) -> str:
    """People type codes with spaces or dashes ("123 456", "abcd-efgh"); those are ignored."""
    return "".join(ch for ch in value.strip().lower() if ch not in " -\u00a0")


@transaction.atomic
def confirm_authenticator(user: User, code: str) -> tuple[TOTPDevice, list[str]] | None:
    """Confirms the pending authenticator with a code from it; then it replaces any old
    one and a fresh set of recovery codes is made. None if the code does not match."""
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, name=AUTHENTICATOR, confirmed=False)
        .first()
    )
    if device is None or not device.verify_token(clean_code(code)):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = make_recovery_codes(user)
    AuditEvent.objects.create(actor=user, action="two_factor_on", detail=user.email)
    return device, codes


@transaction.atomic
def make_recovery_codes(user: User) -> list[str]:
    """A new set of single-use recovery codes; any earlier set stops working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


@transaction.atomic
def verify_code(user: User, code: str) -> TOTPDevice | StaticDevice | None:
    """The device that accepts this code: six digits from the authenticator, or one of the
    recovery codes (used up by this). None when nothing matches or guesses are paused
    (django-otp doubles the wait after each wrong code)."""
    token = clean_code(code)
    if not token:
        return None
    model: type[TOTPDevice] | type[StaticDevice] = TOTPDevice if token.isdigit() else StaticDevice
    device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
    if device is not None and device.verify_token(token):
        return device
    return None


def wait_seconds(user: User) -> int:
    """How long wrong codes pause guessing on this account (0 when it is not paused)."""
    longest = 0
    for model in (TOTPDevice, StaticDevice):
        for device in model.objects.filter(user=user, confirmed=True):
            allowed, info = device.verify_is_allowed()
            if not allowed and info and info.get("locked_until"):
                left = (info["locked_until"] - timezone.now()).total_seconds()
                longest = max(longest, int(left) + 1)
    return longest


@transaction.atomic
def turn_off(user: User) -> None:
    """A person or caregiver who chose the second step may stop it. Staff may not."""
    if is_staff_account(user):
        raise ValueError("Staff accounts keep their second step")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    AuditEvent.objects.create(actor=user, action="two_factor_off", detail=user.email)


@transaction.atomic
def reset_for(*, admin: User, member: User) -> None:
    """An administrator clears a colleague's lost authenticator and recovery codes. Their
    signed-in sessions lose the second step at once (the device they named is gone), and
    their next sign-in sets up a new authenticator."""
    TOTPDevice.objects.filter(user=member).delete()
    StaticDevice.objects.filter(user=member).delete()
    AuditEvent.objects.create(actor=admin, action="two_factor_reset", detail=member.email)
