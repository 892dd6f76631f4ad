"""Signing a test client in the way a person does: the session, then (for staff, or anyone
who turned it on) the second step through the real code page.

The code comes from the account's real authenticator (django_otp.oath.totp on its key).
django-otp takes each time step's code only once, so when this step's code was already
used on the account (a second sign-in within 30 seconds), the helper signs in with a
recovery code made for it instead: the other real way through the same page. Staff a
test made without an authenticator set one up through the real set-up page.
"""

from __future__ import annotations

import time
from typing import Any

from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from alsmove.accounts.two_factor import requires_second_step

VERIFY_URL = "/accounts/two-step/verify/"
SETUP_URL = "/accounts/two-step/set-up/"


def current_code(device: TOTPDevice) -> str | None:
    """The code the device's app shows now, or None when it was already used."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        return None
    return f"{totp.token():0{device.digits}d}"


def a_recovery_code(user: Any) -> str:
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    token = StaticToken.random_token()
    StaticToken.objects.create(device=device, token=token)
    return token


def second_step_code(user: Any) -> str:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    assert device is not None, f"{user} has no authenticator to sign in with"
    return current_code(device) or a_recovery_code(user)


def sign_in(client: Client, user: Any) -> Client:
    client.force_login(user)
    if not requires_second_step(user):
        return client
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        # Staff made by a test have no authenticator yet: set one up as at a first sign-in.
        assert client.get(SETUP_URL).status_code == 200
        pending = TOTPDevice.objects.get(user=user, confirmed=False)
        response = client.post(SETUP_URL, {"code": current_code(pending)})
        assert response.status_code == 302, response.content.decode()[:2000]
        return client
    code = second_step_code(user)
    field = "code" if code.isdigit() else "recovery_code"
    response = client.post(VERIFY_URL, {field: code})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client
