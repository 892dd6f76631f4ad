"""The guided session on a tablet: every text size and target size shows the exercise's
name, its picture, the first step and the primary button without scrolling; the session's
switches are saved to the account; a stopped session is logged as it happened."""

from __future__ import annotations

import re
from typing import Any

import pytest
from e2e_support import SCREENSHOTS, assert_no_axe_violations, log_in
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
    live_demo: Demo, live_server: Any, browser: Browser, text_size: str, large_targets: bool
) -> None:
    user = live_demo.person
    user.text_size, user.large_targets = text_size, large_targets
    user.save(update_fields=["text_size", "large_targets"])
    context = browser.new_context(bypass_csp=True, viewport=TABLET)
    try:
        log_in(context, live_server, user)
        page = context.new_page()
        page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/session/1/")
        assert page.evaluate("document.activeElement.id") == "timer-primary"
        assert page.evaluate("window.scrollY") == 0
        for part in ("h1", ".pictogram-session svg", ".steps li", "#timer-primary"):
            assert _on_screen(page, part), f"{part} is off the screen ({text_size})"
        if text_size == "larger" and large_targets:
            page.screenshot(path=str(SCREENSHOTS / "session-tablet-large.png"))
            assert_no_axe_violations(page, "session step, large")
    finally:
        context.close()
