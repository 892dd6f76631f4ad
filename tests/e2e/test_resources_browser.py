"""The Resources section in a real browser: searched and filtered by keyboard without
JavaScript, an entry opened, and the pain warning's links followed."""

from __future__ import annotations

from typing import Any

from e2e_support import assert_no_axe_violations, log_in, screenshot
from logbook_support import log_session
from playwright.sync_api import BrowserContext, Page

from alsmove.demo.seed import Demo


def test_caregiver_support_is_found_by_search_and_filters_by_keyboard(
    live_demo: Demo, live_server: Any, page: Page
) -> None:
    # A plain GET form: the filtering is done on the server.
    page.set_viewport_size({"width": 820, "height": 1180})
    page.goto(f"{live_server.url}/resources/")
    total = page.locator(".resource-card").count()
    page.get_by_label("Search").focus()
    page.keyboard.type("support")
    page.get_by_label("For whom").select_option(label="For caregivers")
    page.get_by_label("Topic").select_option(label="Feelings and support")
    page.get_by_role("button", name="Show resources").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=support" in page.url and "audience=caregiver" in page.url
    found = page.locator(".resource-card")
    assert 0 < found.count() < total
    titles = found.locator("h3").all_inner_texts()
    assert "Support for caregivers" in titles and "Biofeedback" not in titles
    assert page.get_by_label("Search").input_value() == "support"
    assert_no_axe_violations(page, "resources search and filters")
    screenshot(page, "resources-search-caregiver")
    page.get_by_role("link", name="Support for caregivers").click()
    assert page.get_by_role("heading", name="What is known").is_visible()
    assert page.get_by_text("local emergency number").first.is_visible()


def test_the_pain_warning_leads_to_massage_and_when_to_call_the_therapist(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log = log_session(live_demo.patient, live_demo.person, pain_on="neck-forward-tilt", pain=6)
    log_in(context, live_server, live_demo.person)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/log/{log.pk}/")
    assert page.get_by_role("heading", name="Please read this").is_visible()
    assert_no_axe_violations(page, "pain warning with resource links")
    screenshot(page, "resources-pain-warning")
    page.get_by_role("link", name="When to call your therapist").click()
    assert page.get_by_role("heading", name="When to call your therapist", level=1).is_visible()
    page.go_back()
    page.get_by_role("link", name="Massage and other ways to ease tension").click()
    assert page.get_by_role("heading", name="Massage", level=1).is_visible()
