"""An ALSFRS-R entry done entirely by keyboard, then the progress page it feeds."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from e2e_support import assert_no_axe_violations, in_page_language, log_in, screenshot, t
from playwright.sync_api import BrowserContext, Page

from alsmove.demo.seed import Demo


def test_a_person_enters_an_assessment_by_keyboard_and_sees_it_on_the_progress_page(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    # The demo has a record five days ago; today is free.
    log_in(context, live_server, live_demo.person)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/progress/")
    screenshot(page, "progress")  # the demo's nine months, before today's entry
    page.get_by_role("link", name=t("Enter a new assessment")).click()
    page.wait_for_url("**/alsfrs/new/date/")
    assert_no_axe_violations(page, "assessment date")
    keys = 0

    def press(*names: str) -> None:
        nonlocal keys
        for name in names:
            page.keyboard.press(name)
            keys += 1

    focused = "document.activeElement.tagName + ' ' + document.activeElement.textContent.trim()"
    assert page.evaluate(focused).startswith(f"H1 {t('New assessment')}")
    press("Tab", "Enter")  # the date (today) is filled in: Enter in it starts the questions
    page.wait_for_url("**/alsfrs/new/1/")
    screenshot(page, "alsfrs-question")
    assert_no_axe_violations(page, "assessment question")
    screens = 0
    while "/review/" not in page.url:
        url = page.url
        # The question's heading has the focus (a screen reader reads it first).
        assert page.evaluate("document.activeElement.id") == "question-title"
        press("n" if "/tube/" in url else "4")  # choose; nothing is sent yet
        assert page.url == url
        if screens == 0:
            assert page.locator("#answer-4").is_checked()
            screenshot(page, "alsfrs-question-chosen")
        press("Enter")  # Next
        page.wait_for_function(f"location.href !== {url!r}")
        screens += 1
    assert screens == 13  # twelve questions plus the feeding-tube question
    per_screen = (keys - 2) / screens
    # The review's first line, with today's date as the page writes it in its language.
    today = in_page_language(date_format, timezone.localdate(), "DATE_FORMAT")
    total = t("Assessment of %(day)s. Total: %(total)s out of 48.", day=today, total=48)
    assert page.get_by_text(total).is_visible()
    assert_no_axe_violations(page, "assessment review")
    screenshot(page, "alsfrs-review")
    press("Tab", "Enter")  # Save the assessment, first after the heading
    page.wait_for_url("**/progress/")
    print(
        f"\nThe whole ALSFRS-R by keyboard: {keys} key presses "
        f"({per_screen:g} a question screen, 13 screens, plus 2 for the date and 2 to save)"
    )
    assert per_screen == 2 and keys == 30
    assert page.get_by_text(t("The assessment is saved.")).is_visible()
    assert page.locator("svg[role=img]").count() >= 5
    assert_no_axe_violations(page, "progress")
