"""A caregiver skill in a real browser: the demo caregiver goes from their home page
through every step of a skill by keyboard alone (one key a step, nothing moves on by
itself), axe finds nothing on the way, the largest text on a tablet still shows the step
and its button, the switches are shared with the guided session, and the printed page
leaves out the site's navigation. Every test runs in each language of the product, with
the page's words: the skill's title and steps as the page shows them."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from e2e_support import (
    OTHER_SCREENSHOTS,
    SCREENSHOTS,
    assert_no_axe_violations,
    in_page_language,
    log_in,
    page_language,
    screenshot,
    set_page_language,
    t,
)
from playwright.sync_api import Browser, BrowserContext, Locator, Page

from alsmove.caregiving.services import all_skills, find_skill
from alsmove.core.caregiving import Skill
from alsmove.demo.seed import Demo

SKILL = "transfer-board-bed-chair"
TABLET = {"width": 820, "height": 1180}


def _skill(slug: str = SKILL) -> Skill:
    """A skill as its pages show it, in the test's language (the app's own lookup)."""
    found = in_page_language(find_skill, slug)
    assert found is not None, slug
    return found


def _steps() -> int:
    return len(_skill().steps)


def _shot(part: Page | Locator, name: str) -> None:
    """A screenshot of what is on the screen (not the whole page), in the same folder as
    e2e_support.screenshot would put it: the docs for English, var/ for the others."""
    english = page_language() == settings.LANGUAGE_CODE
    folder = SCREENSHOTS if english else OTHER_SCREENSHOTS / page_language()
    folder.mkdir(parents=True, exist_ok=True)
    part.screenshot(path=str(folder / f"{name}.png"))


def test_the_caregiver_goes_through_a_skill_by_keyboard_alone(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.caregiver)
    base = f"{live_server.url}/patients/{live_demo.patient.pk}/skills"
    page.goto(f"{live_server.url}/")
    assert page.get_by_role("heading", name=t("Skills you have been taught")).is_visible()
    assert page.get_by_role("link", name=_skill().title).is_visible()
    page.goto(f"{base}/")
    assert_no_axe_violations(page, "skill list")
    screenshot(page, "skills-list")
    page.goto(f"{base}/{SKILL}/")
    assert_no_axe_violations(page, "skill overview")
    # The overview's Start has the focus: Enter begins.
    assert page.evaluate("document.activeElement.textContent.trim()") == t("Start step by step")
    page.keyboard.press("Enter")
    count = _steps()
    presses = 1
    for number in range(1, count + 1):
        page.wait_for_url(f"**/skills/{SKILL}/{number}/")
        expected = t("Step %(index)s of %(count)s", index=number, count=count)
        assert page.locator(".step-count").inner_text() == expected
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
    last = t(
        "That was the last step. Well done. Look again at the stop rules below whenever "
        "you need them."
    )
    assert page.locator("p.review-status").inner_text() == last
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
    live_demo: Demo, live_server: Any, browser: Browser, text_size: str, ui_language: str
) -> None:
    user = live_demo.caregiver
    user.text_size, user.large_targets = text_size, True
    user.save(update_fields=["text_size", "large_targets"])
    set_page_language(ui_language)
    context = browser.new_context(bypass_csp=True, viewport=TABLET, locale=ui_language)
    try:
        log_in(context, live_server, user)
        page = context.new_page()
        # The longest step of all the skills in the page's language, the hardest case.
        skills = in_page_language(all_skills)
        skill, index = max(
            ((s.id, i) for s in skills for i in range(len(s.steps))),
            key=lambda pair: len(next(s for s in skills if s.id == pair[0]).steps[pair[1]]),
        )
        page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/skills/{skill}/{index + 1}/")
        assert page.evaluate("window.scrollY") == 0
        for part in ("h1", "#guide-step", "#guide-primary"):
            box = page.locator(part).bounding_box()
            assert box is not None and box["y"] >= 0, part
            assert box["y"] + box["height"] <= TABLET["height"], f"{part} is off the screen"
        if text_size == "larger":
            _shot(page, "skill-step-tablet-large")
            assert_no_axe_violations(page, "skill step, large")
    finally:
        context.close()
        set_page_language(settings.LANGUAGE_CODE)


def test_the_speech_switch_on_a_skill_is_the_sessions_switch(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    user = live_demo.caregiver
    user.speech_enabled, user.tone_enabled = True, True
    user.save(update_fields=["speech_enabled", "tone_enabled"])
    log_in(context, live_server, user)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/skills/{SKILL}/1/")
    with page.expect_response("**/preferences/session/**"):
        page.get_by_label(t("Speak the cues aloud")).uncheck()
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
    page.get_by_label(t("Skill taught")).select_option(label=_skill("car-transfer").title)
    page.get_by_role("button", name=t("Mark as taught")).click()
    page.wait_for_url("**/skills/#taught-title")
    assert SkillTaught.objects.filter(
        patient=live_demo.patient, caregiver=live_demo.caregiver, skill="car-transfer"
    ).exists()
    # Each mark for the caregiver starts with their name and the word before the day.
    mark = t(
        "%(name)s, on %(day)s, by %(teacher)s",
        name=live_demo.caregiver.full_name,
        day="|",
        teacher="",
    )
    assert page.get_by_text(mark.split("|")[0].rstrip()).count() == 3
    _shot(page.locator("section[aria-labelledby=taught-title]"), "skills-mark-taught")
