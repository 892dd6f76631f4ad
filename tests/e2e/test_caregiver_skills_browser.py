"""A caregiver skill in a real browser: the demo caregiver goes from their home page
through every step of a skill by keyboard alone (one key a step, nothing moves on by
itself), axe finds nothing on the way, the largest text on a tablet still shows the step
and its button, the switches are shared with the guided session, and the printed page
leaves out the site's navigation."""

from __future__ import annotations

from typing import Any

import pytest
from e2e_support import SCREENSHOTS, assert_no_axe_violations, log_in, screenshot
from playwright.sync_api import Browser, BrowserContext, Page

from alsmove.caregiving.loader import default_skills
from alsmove.demo.seed import Demo

SKILL = "transfer-board-bed-chair"
TABLET = {"width": 820, "height": 1180}


def _steps() -> int:
    return len(next(s for s in default_skills() if s.id == SKILL).steps)


def test_the_caregiver_goes_through_a_skill_by_keyboard_alone(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.caregiver)
    base = f"{live_server.url}/patients/{live_demo.patient.pk}/skills"
    page.goto(f"{live_server.url}/")
    assert page.get_by_role("heading", name="Skills you have been taught").is_visible()
    assert page.get_by_role("link", name="Bed to chair and back with a transfer board").is_visible()
    page.goto(f"{base}/")
    assert_no_axe_violations(page, "skill list")
    screenshot(page, "skills-list")
    page.goto(f"{base}/{SKILL}/")
    assert_no_axe_violations(page, "skill overview")
    # The overview's Start has the focus: Enter begins.
    assert page.evaluate("document.activeElement.textContent.trim()") == "Start step by step"
    page.keyboard.press("Enter")
    count = _steps()
    presses = 1
    for number in range(1, count + 1):
        page.wait_for_url(f"**/skills/{SKILL}/{number}/")
        assert page.locator(".step-count").inner_text() == f"Step {number} of {count}"
        assert page.evaluate("document.activeElement.id") == "guide-primary"
        assert page.locator("#guide-read").is_visible()
        if number == 1:
            assert_no_axe_violations(page, "skill step")
            # Nothing moves on by itself: the same step after a long wait.
            page.wait_for_timeout(1500)
            assert page.url.endswith(f"/{SKILL}/1/")
        if number == 2:
            screenshot(page, "skill-step")
        page.keyboard.press("Enter")
        presses += 1
    page.wait_for_url("**?finished=1")
    assert page.locator("p.review-status").inner_text().startswith("That was the last step")
    assert presses == count + 1  # one key to start, one a step


def test_a_switch_that_sends_enter_with_nothing_focused_still_goes_on(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.caregiver)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/skills/{SKILL}/1/")
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/skills/{SKILL}/2/")


@pytest.mark.parametrize("text_size", ["normal", "larger"])
def test_the_step_and_its_button_fit_a_tablet_in_large_mode(
    live_demo: Demo, live_server: Any, browser: Browser, text_size: str
) -> None:
    user = live_demo.caregiver
    user.text_size, user.large_targets = text_size, True
    user.save(update_fields=["text_size", "large_targets"])
    context = browser.new_context(bypass_csp=True, viewport=TABLET)
    try:
        log_in(context, live_server, user)
        page = context.new_page()
        # The longest step of all the skills, the hardest case.
        skill, index = max(
            ((s.id, i) for s in default_skills() for i in range(len(s.steps))),
            key=lambda pair: len(
                next(s for s in default_skills() if s.id == pair[0]).steps[pair[1]]
            ),
        )
        page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/skills/{skill}/{index + 1}/")
        assert page.evaluate("window.scrollY") == 0
        for part in ("h1", "#guide-step", "#guide-primary"):
            box = page.locator(part).bounding_box()
            assert box is not None and box["y"] >= 0, part
            assert box["y"] + box["height"] <= TABLET["height"], f"{part} is off the screen"
        if text_size == "larger":
            page.screenshot(path=str(SCREENSHOTS / "skill-step-tablet-large.png"))
            assert_no_axe_violations(page, "skill step, large")
    finally:
        context.close()


def test_the_speech_switch_on_a_skill_is_the_sessions_switch(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    user = live_demo.caregiver
    user.speech_enabled, user.tone_enabled = True, True
    user.save(update_fields=["speech_enabled", "tone_enabled"])
    log_in(context, live_server, user)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/skills/{SKILL}/1/")
    with page.expect_response("**/preferences/session/**"):
        page.get_by_label("Speak the cues aloud").uncheck()
    user.refresh_from_db()
    # Speech is off now; the tone, not offered on a skill's screen, is kept.
    assert (user.speech_enabled, user.tone_enabled) == (False, True)


def test_the_printed_skill_leaves_out_the_navigation(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.caregiver)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/skills/{SKILL}/print/")
    assert_no_axe_violations(page, "skill printable")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".no-print").first.is_visible()
    assert page.locator(".print-steps li").count() == _steps()
    screenshot(page, "skill-print")


def test_the_therapist_marks_a_skill_as_taught_in_the_browser(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    from alsmove.caregiving.models import SkillTaught

    log_in(context, live_server, live_demo.therapist)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/skills/")
    assert_no_axe_violations(page, "skill list, therapist")
    page.get_by_label("Skill taught").select_option(label="Getting in and out of a car")
    page.get_by_role("button", name="Mark as taught").click()
    page.wait_for_url("**/skills/#taught-title")
    assert SkillTaught.objects.filter(
        patient=live_demo.patient, caregiver=live_demo.caregiver, skill="car-transfer"
    ).exists()
    assert page.get_by_text("Alex Rivera, on").count() == 3
    page.locator("section[aria-labelledby=taught-title]").screenshot(
        path=str(SCREENSHOTS / "skills-mark-taught.png")
    )
