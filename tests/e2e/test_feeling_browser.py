""" "How have you been feeling?" by keyboard alone: the card on the person's home, a low
answer, and the choice to tell the therapist. Nothing moves on by itself."""

from __future__ import annotations

from typing import Any

from e2e_support import assert_no_axe_violations, log_in, screenshot, t
from playwright.sync_api import BrowserContext, Page

from alsmove.demo.seed import Demo
from alsmove.logbook.models import Alert, FeelingCheckIn

TAB_LIMIT = 80  # a control further than this from the top is not reachable in practice
CRISIS = (
    "If you think about ending your life, or feel you might harm yourself, call your local "
    "emergency number now, or go to the nearest emergency department. If you can, tell "
    "someone close to you."
)


def _tab_to(page: Page, name: str) -> int:
    """Press Tab until the focus is on the control with this name; the presses taken."""
    for presses in range(1, TAB_LIMIT + 1):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement && document.activeElement.textContent")
        if focused and focused.strip() == name:
            return presses
    raise AssertionError(f"Tab never reached {name!r}")


def test_a_low_answer_and_a_yes_by_keyboard_alone(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    patient = live_demo.patient
    log_in(context, live_server, live_demo.person)
    page.goto(f"{live_server.url}/")
    card = page.get_by_role("heading", name=t("How have you been feeling?"))
    assert card.is_visible()
    assert_no_axe_violations(page, "home with the feeling question")
    screenshot(page, "feeling-home")

    # Waiting changes nothing: no timer answers or moves on.
    page.wait_for_timeout(2500)
    assert page.url == f"{live_server.url}/" and card.is_visible()

    _tab_to(page, t("Low"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/feeling/?saved=*")
    assert page.get_by_role("heading", name=t("You are not alone in this")).is_visible()
    assert page.get_by_text(t(CRISIS)).is_visible()
    assert page.get_by_role("link", name=t("Counselling")).is_visible()
    ask = page.get_by_role("heading", name=t("Would you like your therapist to know?"))
    assert ask.is_visible()
    assert not Alert.objects.filter(patient=patient, rule="FEELING-SHARED-01").exists()
    assert_no_axe_violations(page, "after a low answer")
    screenshot(page, "feeling-low")

    page.wait_for_timeout(2500)
    assert "?saved=" in page.url and not Alert.objects.filter(rule="FEELING-SHARED-01").exists()

    _tab_to(page, t("Yes, tell my therapist"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/feeling/?saved=*#share")
    assert page.get_by_role("heading", name=t("Your therapist will know")).is_visible()
    assert_no_axe_violations(page, "after telling the therapist")
    assert FeelingCheckIn.objects.get(patient=patient).tell_therapist is True
    assert Alert.objects.filter(patient=patient, rule="FEELING-SHARED-01").count() == 1

    # The home page does not ask again this week.
    page.goto(f"{live_server.url}/")
    assert page.get_by_role("heading", name=t("How have you been feeling?")).count() == 0


def test_not_now_by_keyboard_sets_the_question_aside(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.person)
    page.goto(f"{live_server.url}/")
    _tab_to(page, t("Not now"))
    with page.expect_navigation():  # from the home page, back to the home page
        page.keyboard.press("Enter")
    assert page.get_by_text(t("That is fine. We will not ask again for a week.")).is_visible()
    assert page.get_by_role("heading", name=t("How have you been feeling?")).count() == 0
    assert FeelingCheckIn.objects.get(patient=live_demo.patient).answer == "skipped"
    assert not Alert.objects.filter(rule="FEELING-SHARED-01").exists()
