"""Two-step sign-in in a real browser: the caseload stays shut without the code, and a new
therapist sets up an authenticator with the keyboard alone."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from e2e_support import assert_no_axe_violations, screenshot
from playwright.sync_api import Page
from signin_support import current_code

from alsmove.accounts.models import Role, User
from alsmove.demo.seed import DEMO_PASSWORD, Demo


def _type_password(page: Page, live_server: Any, email: str, then: str = "") -> None:
    page.goto(f"{live_server.url}/accounts/login/{then}")
    page.get_by_label("Email address").focus()
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
    code = page.get_by_label("Code from your authenticator app")
    assert code.get_attribute("autocomplete") == "one-time-code"
    assert code.get_attribute("inputmode") == "numeric"
    code.fill("000000")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("That code does not match").wait_for()
    assert_no_axe_violations(page, "two-step verify with an error")
    screenshot(page, "two-step-verify-error")
    device = TOTPDevice.objects.get(user=live_demo.therapist)
    page.wait_for_timeout(1100)  # the one-second pause after a wrong code
    right = current_code(device)
    assert right is not None
    code.fill(right)
    page.keyboard.press("Enter")
    page.wait_for_url("**/caseload/")
    assert page.get_by_role("heading", name="Caseload").first.is_visible()


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
    assert page.get_by_role("img", name="QR code").is_visible()
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
    continue_link = page.get_by_role("link", name="I have kept them: continue")
    continue_link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/caseload/")
    assert page.get_by_role("heading", name="Caseload").first.is_visible()


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
    assert page.get_by_role("status").filter(has_text="nothing happened for a while").is_visible()
    assert_no_axe_violations(page, "login after an idle sign-out")
    screenshot(page, "login-after-idle")
    for _ in range(5):
        page.get_by_label("Email address").fill("person@example.org")
        page.get_by_label("Password").fill("not the password")
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state()
    page.get_by_role("heading", name="Please wait before trying again").wait_for()
    assert page.get_by_text("the next try waits 30 seconds").is_visible()
    assert_no_axe_violations(page, "login wait")
    screenshot(page, "login-wait")
