"""The Resources section in a real browser: searched and filtered by keyboard without
JavaScript, an entry opened, and the pain warning's links followed. Every test runs in
each language of the product: the words typed, picked and expected are the page's."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

from e2e_support import assert_no_axe_violations, in_page_language, log_in, screenshot, t
from logbook_support import log_session
from playwright.sync_api import BrowserContext, Page

from alsmove.core.resources import Resource
from alsmove.demo.seed import Demo
from alsmove.resources.services import find_resource


def _entry(slug: str) -> Resource:
    """A resource as its page shows it, in the test's language (the app's own lookup)."""
    entry = in_page_language(find_resource, slug)
    assert entry is not None, slug
    return entry


def test_caregiver_support_is_found_by_search_and_filters_by_keyboard(
    live_demo: Demo, live_server: Any, page: Page
) -> None:
    # A plain GET form: the filtering is done on the server.
    page.set_viewport_size({"width": 820, "height": 1180})
    page.goto(f"{live_server.url}/resources/")
    total = page.locator(".resource-card").count()
    wanted, unwanted = _entry("caregiver-support").title, _entry("biofeedback").title
    # The word a person would type in their own language: the first of the title
    # ("support", "apoyo", "unterstützung"); the search reads the page's language.
    query = wanted.split()[0].casefold()
    page.get_by_label(t("Search")).focus()
    page.keyboard.type(query)
    page.get_by_label(t("For whom")).select_option(label=t("For caregivers"))
    page.get_by_label(t("Topic")).select_option(label=t("Feelings and support"))
    page.get_by_role("button", name=t("Show resources")).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    asked = parse_qs(urlparse(page.url).query)
    assert asked["q"] == [query] and asked["audience"] == ["caregiver"]
    found = page.locator(".resource-card")
    assert 0 < found.count() < total
    titles = found.locator("h3").all_inner_texts()
    assert wanted in titles and unwanted not in titles
    assert page.get_by_label(t("Search")).input_value() == query
    assert_no_axe_violations(page, "resources search and filters")
    screenshot(page, "resources-search-caregiver")
    page.get_by_role("link", name=wanted).click()
    assert page.get_by_role("heading", name=t("What is known")).is_visible()
    # The page tells a caregiver in crisis to call the emergency number: the paragraph
    # that says so in English, as the page shows it.
    english = find_resource("caregiver-support")
    assert english is not None
    crisis = next(
        (section, paragraph)
        for section, part in enumerate(english.sections)
        for paragraph, text in enumerate(part.paragraphs)
        if "local emergency number" in text
    )
    words = _entry("caregiver-support").sections[crisis[0]].paragraphs[crisis[1]]
    assert page.get_by_text(words).first.is_visible()


def test_the_pain_warning_leads_to_massage_and_when_to_call_the_therapist(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log = log_session(live_demo.patient, live_demo.person, pain_on="neck-forward-tilt", pain=6)
    log_in(context, live_server, live_demo.person)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/log/{log.pk}/")
    assert page.get_by_role("heading", name=t("Please read this")).is_visible()
    assert_no_axe_violations(page, "pain warning with resource links")
    screenshot(page, "resources-pain-warning")
    page.get_by_role("link", name=t("When to call your therapist")).click()
    when = _entry("when-to-call-your-therapist").title
    assert page.get_by_role("heading", name=when, level=1).is_visible()
    page.go_back()
    page.get_by_role("link", name=t("Massage and other ways to ease tension")).click()
    assert page.get_by_role("heading", name=_entry("massage").title, level=1).is_visible()
