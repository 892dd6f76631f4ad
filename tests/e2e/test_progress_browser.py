"""The progress page on a tablet: the forecast only when chosen, explained before the
chart, and no table wider than the screen at 820 px in any text size."""

from __future__ import annotations

from typing import Any

import pytest
from e2e_support import assert_no_axe_violations, log_in, screenshot, t
from playwright.sync_api import BrowserContext, Page

from alsmove.accounts.models import User
from alsmove.demo.seed import Demo

TABLET = {"width": 820, "height": 1180}
# What the page says a forecast is, before the person chooses (a trimmed blocktranslate).
ABOUT_THE_FORECAST = (
    "A forecast is a guess at where the total score may be in the coming months, drawn "
    "from the scores so far and from how ALS usually changes. It comes with a likely "
    "range because no one can know. It is not a prognosis, and some people prefer not to "
    "see it: that is a good choice too."
)


def _overflow(page: Page) -> int:
    """How many pixels the page is wider than the screen (0: nothing scrolls sideways)."""
    return int(
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )


def test_the_person_chooses_to_see_the_forecast_by_keyboard_after_reading_what_it_is(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.person)
    page.set_viewport_size(TABLET)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/progress/")
    assert page.get_by_text(t(ABOUT_THE_FORECAST)).is_visible()
    assert page.get_by_role("table", name=t("Forecast")).count() == 0
    assert_no_axe_violations(page, "progress without the forecast")
    screenshot(page, "progress-forecast-hidden")
    page.get_by_role("button", name=t("Show the forecast")).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text(t("Saved: the forecast is shown.")).is_visible()
    assert page.get_by_role("table", name=t("Forecast")).is_visible()
    assert User.objects.get(pk=live_demo.person.pk).show_forecast is True
    assert_no_axe_violations(page, "progress with the forecast")
    screenshot(page, "progress-forecast-shown")


@pytest.mark.parametrize("size", ["normal", "large", "larger"])
def test_no_table_on_the_progress_page_is_wider_than_a_tablet_in_any_text_size(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page, size: str
) -> None:
    User.objects.filter(pk=live_demo.therapist.pk).update(text_size=size, large_targets=True)
    log_in(context, live_server, live_demo.therapist)  # a therapist sees every table
    page.set_viewport_size(TABLET)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/progress/")
    assert page.get_by_role("table", name=t("Forecast")).is_visible()
    assert _overflow(page) == 0
    for table in page.locator("main table").all():
        box = table.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= TABLET["width"]
    assert_no_axe_violations(page, f"progress at 820 px, text {size}")
    screenshot(page, f"progress-tablet-{size}")
