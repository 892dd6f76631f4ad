"""The guided session on a tablet: every text size and target size shows the exercise's
name, its picture, the first step and the primary button without scrolling; the session's
switches are saved to the account; a stopped session is logged as it happened."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from e2e_support import (
    OTHER_SCREENSHOTS,
    SCREENSHOTS,
    assert_no_axe_violations,
    log_in,
    set_page_language,
)
from playwright.sync_api import Browser, Page

from alsmove.demo.seed import Demo

TABLET = {"width": 820, "height": 1180}
RESULT_URL = re.compile(r".*/log/\d+/$")


def _on_screen(page: Page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return box["y"] >= 0 and box["y"] + box["height"] <= TABLET["height"]


@pytest.mark.parametrize("text_size", ["normal", "large", "larger"])
@pytest.mark.parametrize("large_targets", [False, True])
def test_the_first_screen_of_an_exercise_fits_a_tablet_in_every_size(
    live_demo: Demo,
    live_server: Any,
    browser: Browser,
    ui_language: str,
    text_size: str,
    large_targets: bool,
) -> None:
    user = live_demo.person
    user.text_size, user.large_targets = text_size, large_targets
    user.save(update_fields=["text_size", "large_targets"])
    # A context of its own (the tablet from the start), asking for the test's language as
    # the shared `context` fixture does: German words are the longest.
    set_page_language(ui_language)
    context = browser.new_context(bypass_csp=True, viewport=TABLET, locale=ui_language)
    try:
        log_in(context, live_server, user)
        page = context.new_page()
        page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/session/1/")
        assert page.evaluate("document.activeElement.id") == "timer-primary"
        assert page.evaluate("window.scrollY") == 0
        for part in ("h1", ".pictogram-session svg", ".steps li", "#timer-primary"):
            assert _on_screen(page, part), f"{part} is off the screen ({text_size})"
        if text_size == "larger" and large_targets:
            # What the screen shows, not the whole page; another language's out of the docs.
            english = ui_language == settings.LANGUAGE_CODE
            folder = SCREENSHOTS if english else OTHER_SCREENSHOTS / ui_language
            folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(folder / "session-tablet-large.png"))
            assert_no_axe_violations(page, "session step, large")
    finally:
        context.close()
        set_page_language(settings.LANGUAGE_CODE)
