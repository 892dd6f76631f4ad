"""Two-step sign-in in a real browser: the caseload stays shut without the code, and a new
therapist sets up an authenticator with the keyboard alone; in each language of the
product, with the same key presses."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice
from e2e_support import assert_no_axe_violations, in_page_language, screenshot, t
from playwright.sync_api import Page
from signin_support import current_code

from alsmove.accounts.models import Role, User
from alsmove.demo.seed import DEMO_PASSWORD, Demo


def _type_password(page: Page, live_server: Any, email: str, then: str = "") -> None:
    page.goto(f"{live_server.url}/accounts/login/{then}")
    page.get_by_label(t("Email address")).focus()
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")


def test_a_therapist_cannot_reach_the_caseload_without_the_code(
    live_demo: Demo, live_server: Any, page: Page
) -> None:
    _type_password(page, live_server, "therapist@example.org", "?next=/caseload/")
    page.wait_for_url("**/accounts/two-step/verify/**")
    page.goto(f"{live_server.url}/caseload/")
    assert "/accounts/two-step/verify/" in page.url
    assert live_demo.patient.display_name not in page.content()
    assert (
        page.evaluate(
            f"fetch('/api/v1/patients/{live_demo.patient.pk}/routine').then(r => r.status)"
        )
        == 401
    )
    code = page.get_by_label(t("Code from your authenticator app"))
    assert code.get_attribute("autocomplete") == "one-time-code"
    assert code.get_attribute("inputmode") == "numeric"
    code.fill("000000")
    page.get_by_role("button", name=t("Sign in")).click()
    wrong = t(
        "That code does not match. Type the six digits your app shows now, or a "
        "recovery code you have not used before."
    )
    page.get_by_text(wrong).wait_for()
    assert_no_axe_violations(page, "two-step verify with an error")
    screenshot(page, "two-step-verify-error")
    device = TOTPDevice.objects.get(user=live_demo.therapist)
    page.wait_for_timeout(1100)  # the one-second pause after a wrong code
    right = current_code(device)
    assert right is not None
    code.fill(right)
    page.keyboard.press("Enter")
    page.wait_for_url("**/caseload/")
    assert page.get_by_role("heading", name=t("Caseload")).first.is_visible()


def test_a_new_therapist_sets_up_the_authenticator_by_keyboard_alone(
    live_demo: Demo, live_server: Any, page: Page
) -> None:
    staff = User.objects.create_user(
        email="new-pt@example.org",
        password=DEMO_PASSWORD,
        full_name="Noor Aziz",
        role=Role.THERAPIST,
        organisation=live_demo.riverside,
        disclaimer_accepted_at=timezone.now(),
    )
    _type_password(page, live_server, staff.email, "?next=/caseload/")
    page.wait_for_url("**/accounts/two-step/set-up/**")
    qr = t("QR code to scan with your authenticator app. The same secret is written out below.")
    assert page.get_by_role("img", name=qr).is_visible()
    secret = page.locator(".secret-text code").inner_text()
    assert len(secret.replace(" ", "")) == 32
    assert_no_axe_violations(page, "two-step set-up")
    screenshot(page, "two-step-set-up")
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    # Tab from the top of the page to the code field, as a keyboard user would.
    page.keyboard.press("Tab")
    for _ in range(40):
        if page.evaluate("document.activeElement.name") == "code":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "code"
    code = current_code(device)
    assert code is not None
    page.keyboard.type(code)
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/two-step/recovery-codes/**")
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    assert_no_axe_violations(page, "recovery codes")
    screenshot(page, "two-step-recovery-codes")
    continue_link = page.get_by_role("link", name=t("I have kept them: continue"))
    continue_link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/caseload/")
    assert page.get_by_role("heading", name=t("Caseload")).first.is_visible()


def test_the_idle_sign_out_and_the_login_wait_say_why_in_words(
    live_demo: Demo, live_server: Any, page: Page
) -> None:
    from alsmove.accounts.session_guard import LAST_SEEN

    _type_password(page, live_server, "person@example.org")
    page.wait_for_url(live_server.url + "/")
    from django.contrib.sessions.backends.db import SessionStore

    cookie = next(c for c in page.context.cookies() if c["name"] == "sessionid")
    session = SessionStore(session_key=cookie["value"])
    session[LAST_SEEN] = int(session[LAST_SEEN]) - 9 * 3600
    session.save()
    page.goto(f"{live_server.url}/")
    page.wait_for_url("**/accounts/login/**")
    idle = t(
        "You were logged out because nothing happened for a while. This keeps your "
        "records safe on a computer others use. Log in again to go on."
    )
    assert page.get_by_role("status").filter(has_text=idle).is_visible()
    assert_no_axe_violations(page, "login after an idle sign-out")
    screenshot(page, "login-after-idle")
    for _ in range(5):
        page.get_by_label(t("Email address")).fill("person@example.org")
        page.get_by_label(t("Password")).fill("not the password")
        page.get_by_role("button", name=t("Log in")).click()
        page.wait_for_load_state()
    page.get_by_role("heading", name=t("Please wait before trying again")).wait_for()
    wait = in_page_language(
        ngettext,
        "The password was wrong several times. To keep accounts safe, the next try waits "
        "%(seconds)s second.",
        "The password was wrong several times. To keep accounts safe, the next try waits "
        "%(seconds)s seconds.",
        30,
    )
    assert page.get_by_text(wait % {"seconds": 30}).is_visible()
    assert_no_axe_violations(page, "login wait")
    screenshot(page, "login-wait")
