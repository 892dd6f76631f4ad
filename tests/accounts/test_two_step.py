"""Two-step sign-in: staff must pass it, people may choose it, an administrator resets it."""

from __future__ import annotations

import re
import time

from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from signin_support import current_code, sign_in

from alsmove.accounts.models import AuditEvent, Role, User
from alsmove.demo.seed import DEMO_PASSWORD, Demo


def _password_only(email: str) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return client


def _code_for(device: TOTPDevice) -> str:
    code = current_code(device)
    assert code is not None
    return code


def _new_staff(
    demo: Demo, email: str = "new-pt@example.org", role: str = Role.THERAPIST, clinic: object = None
) -> User:
    return User.objects.create_user(
        email=email,
        password=DEMO_PASSWORD,
        full_name="Noor Aziz",
        role=role,
        organisation=clinic or demo.riverside,
        disclaimer_accepted_at=timezone.now(),
    )


def test_a_therapist_with_only_the_password_cannot_open_the_caseload(demo: Demo) -> None:
    client = _password_only("therapist@example.org")
    response = client.get("/caseload/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-step/verify/?next=%2Fcaseload%2F")
    assert demo.patient.display_name.encode() not in response.content


def test_the_api_refuses_a_therapist_who_has_not_passed_the_second_step(demo: Demo) -> None:
    client = _password_only("therapist@example.org")
    response = client.get(f"/api/v1/patients/{demo.patient.pk}/routine")
    assert response.status_code == 401
    assert demo.patient.display_name.encode() not in response.content


def test_the_code_from_the_authenticator_opens_the_caseload(demo: Demo) -> None:
    client = _password_only("therapist@example.org")
    device = TOTPDevice.objects.get(user=demo.therapist)
    response = client.post(
        "/accounts/two-step/verify/?next=/caseload/", {"code": _code_for(device)}
    )
    assert response.status_code == 302 and response["Location"] == "/caseload/"
    assert demo.patient.display_name.encode() in client.get("/caseload/").content


def test_a_code_is_taken_only_once(demo: Demo) -> None:
    device = TOTPDevice.objects.get(user=demo.therapist)
    code = _code_for(device)
    first = _password_only("therapist@example.org")
    assert first.post("/accounts/two-step/verify/", {"code": code}).status_code == 302
    second = _password_only("therapist@example.org")
    response = second.post("/accounts/two-step/verify/", {"code": code})
    assert response.status_code == 400
    assert second.get("/caseload/").status_code == 302


def test_a_wrong_code_is_explained_and_the_next_try_waits(demo: Demo) -> None:
    client = _password_only("therapist@example.org")
    response = client.post("/accounts/two-step/verify/", {"code": "000000"})
    assert response.status_code == 400
    assert b"That code does not match" in response.content
    # Straight away, even the right code waits: the pause doubles after each wrong one.
    device = TOTPDevice.objects.get(user=demo.therapist)
    again = client.post("/accounts/two-step/verify/", {"code": _code_for(device)})
    assert again.status_code == 400 and b"Wait 1 second," in again.content
    assert client.get("/caseload/").status_code == 302


def test_the_code_field_is_made_for_one_time_codes(demo: Demo) -> None:
    page = _password_only("therapist@example.org").get("/accounts/two-step/verify/")
    html = page.content.decode()
    field = re.search(r'<input[^>]*name="code"[^>]*>', html)
    assert field is not None
    assert 'autocomplete="one-time-code"' in field.group(0)
    assert 'inputmode="numeric"' in field.group(0)
    assert "no hurry" in html


def test_a_new_therapist_sets_up_an_authenticator_at_first_sign_in(demo: Demo) -> None:
    staff = _new_staff(demo)
    client = _password_only(staff.email)
    response = client.get("/caseload/")
    assert response["Location"].startswith("/accounts/two-step/set-up/")
    page = client.get(response["Location"])
    html = page.content.decode()
    assert 'src="data:image/svg+xml' in html  # drawn here, no QR service
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    secret = re.search(r'<p class="secret-text"><code>([A-Z2-7 ]+)</code>', html)
    assert secret is not None and len(secret.group(1).replace(" ", "")) == 32
    # Still refused until the code is confirmed.
    assert client.get("/caseload/").status_code == 302
    done = client.post("/accounts/two-step/set-up/?next=/caseload/", {"code": _code_for(device)})
    assert done.status_code == 302 and done["Location"].startswith("/accounts/two-step/recovery")
    codes_page = client.get(done["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", codes_page)
    assert len(codes) == 10
    # Shown once only.
    assert not re.findall(r"<li><code>", client.get(done["Location"]).content.decode())
    assert client.get("/caseload/").status_code == 200
    assert AuditEvent.objects.filter(actor=staff, action="two_factor_on").exists()


def test_a_recovery_code_signs_in_once(demo: Demo) -> None:
    staff = _new_staff(demo)
    client = _password_only(staff.email)
    client.get("/accounts/two-step/set-up/")
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    client.post("/accounts/two-step/set-up/", {"code": _code_for(device)})
    code = StaticToken.objects.filter(device__user=staff).first()
    assert code is not None
    token = code.token
    later = _password_only(staff.email)
    assert later.post("/accounts/two-step/verify/", {"recovery_code": token}).status_code == 302
    assert later.get("/caseload/").status_code == 200
    again = _password_only(staff.email)
    assert again.post("/accounts/two-step/verify/", {"recovery_code": token}).status_code == 400
    assert again.get("/caseload/").status_code == 302


def test_a_stolen_password_cannot_set_up_a_second_authenticator(demo: Demo) -> None:
    client = _password_only("therapist@example.org")
    response = client.get("/accounts/two-step/set-up/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-step/verify/")
    assert not TOTPDevice.objects.filter(user=demo.therapist, confirmed=False).exists()


def test_a_person_may_turn_the_second_step_on_and_off(demo: Demo) -> None:
    client = _password_only("person@example.org")
    assert b"Off:" in client.get("/accounts/two-step/").content
    client.get("/accounts/two-step/set-up/")
    device = TOTPDevice.objects.get(user=demo.person, confirmed=False)
    assert client.post("/accounts/two-step/set-up/", {"code": _code_for(device)}).status_code == 302
    # From now on the person's sign-in asks for the code too.
    later = _password_only("person@example.org")
    assert later.get("/").status_code == 302
    sign_in(later, demo.person)
    assert later.get("/").status_code == 200
    ask = later.get("/accounts/two-step/turn-off/")
    assert b"Stop the two-step sign-in?" in ask.content
    assert later.post("/accounts/two-step/turn-off/").status_code == 302
    assert not TOTPDevice.objects.filter(user=demo.person).exists()
    assert _password_only("person@example.org").get("/").status_code == 200


def test_staff_cannot_turn_the_second_step_off(demo: Demo) -> None:
    client = sign_in(Client(), demo.therapist)
    assert client.post("/accounts/two-step/turn-off/").status_code == 403
    assert TOTPDevice.objects.filter(user=demo.therapist, confirmed=True).exists()


def test_an_administrator_resets_a_colleagues_lost_authenticator_after_asking(
    demo: Demo,
) -> None:
    therapist_session = sign_in(Client(), demo.therapist)
    admin = sign_in(Client(), demo.admin)
    url = f"/clinic/staff/{demo.therapist.pk}/reset-two-step/"
    ask = admin.get(url)
    assert ask.status_code == 200 and b"Reset Tess Morgan" in ask.content
    assert TOTPDevice.objects.filter(user=demo.therapist).exists()  # asking changes nothing
    assert admin.post(url).status_code == 302
    assert not TOTPDevice.objects.filter(user=demo.therapist).exists()
    event = AuditEvent.objects.get(action="two_factor_reset")
    assert event.actor == demo.admin and event.detail == demo.therapist.email
    assert b"Reset the two-step sign-in of:" in admin.get("/clinic/trail/").content
    # The therapist's open session loses the second step at once.
    assert therapist_session.get("/caseload/")["Location"].startswith("/accounts/two-step/set-up/")


def test_only_an_administrator_of_the_same_clinic_may_reset(demo: Demo) -> None:
    url = f"/clinic/staff/{demo.therapist.pk}/reset-two-step/"
    assert sign_in(Client(), demo.other_therapist).post(url).status_code == 403
    assert sign_in(Client(), demo.therapist).post(url).status_code == 403
    hillside_admin = _new_staff(demo, "hill-admin@example.org", Role.ADMIN, demo.hillside)
    other = Client()
    other.force_login(hillside_admin)
    hillside_admin_device = TOTPDevice.objects.create(user=hillside_admin, confirmed=True)
    totp = TOTP(hillside_admin_device.bin_key)
    totp.time = time.time()
    other.post("/accounts/two-step/verify/", {"code": f"{totp.token():06d}"})
    assert other.post(url).status_code == 404
    assert TOTPDevice.objects.filter(user=demo.therapist).exists()
    assert not AuditEvent.objects.filter(action="two_factor_reset").exists()
