"""An ALSFRS-R entry done entirely by keyboard, then the progress page it feeds."""

from __future__ import annotations

from typing import Any

from e2e_support import assert_no_axe_violations, log_in, screenshot
from playwright.sync_api import BrowserContext, Page

from alsmove.demo.seed import Demo


def test_a_person_enters_an_assessment_by_keyboard_and_sees_it_on_the_progress_page(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    # The demo has a record five days ago; today is free.
    log_in(context, live_server, live_demo.person)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/progress/")
    screenshot(page, "progress")  # the demo's nine months, before today's entry
    page.get_by_role("link", name="Enter a new assessment").click()
    assert_no_axe_violations(page, "assessment date")
    page.get_by_role("button", name="Start the questions").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/alsfrs/new/1/")
    screenshot(page, "alsfrs-question")
    assert_no_axe_violations(page, "assessment question")
    answered = 0
    while "/review/" not in page.url:
        # The first answer button ("as before", or "no feeding tube") by Tab and Enter.
        url = page.url
        page.locator("button[name=answer]").first.focus()
        if "/tube/" in url:
            page.get_by_role("button", name="No feeding tube").focus()
        page.keyboard.press("Enter")
        page.wait_for_function(f"location.href !== {url!r}")
        answered += 1
    assert answered == 13  # twelve questions plus the feeding-tube question
    assert page.get_by_text("Total: 48 out of 48").is_visible()
    assert_no_axe_violations(page, "assessment review")
    screenshot(page, "alsfrs-review")
    page.get_by_role("button", name="Save the assessment").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/progress/")
    assert page.get_by_text("The assessment is saved.").is_visible()
    assert page.locator("svg[role=img]").count() >= 5
    assert_no_axe_violations(page, "progress")
