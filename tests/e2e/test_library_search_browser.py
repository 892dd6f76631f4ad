"""The library's search box and "suits me", by keyboard on a tablet (they work without
JavaScript: a plain GET form)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.utils.translation import gettext
from e2e_support import assert_no_axe_violations, in_page_language, log_in, screenshot, t
from playwright.sync_api import BrowserContext, Page

from alsmove.demo.seed import Demo
from alsmove.exercises.pictograms import pictogram_title
from alsmove.exercises.services import find_exercise


def _count(page: Page) -> int:
    """How many exercises the list holds on all its pages (it shows 24 a page)."""
    return int(page.locator(".result-count").inner_text().split()[0])


def _first_example() -> str:
    """The first word the search box's hint offers ("For example: shoulder, lying,
    breathing."), in the page's language: what a person there would type."""
    hint = t("For example: shoulder, lying, breathing.")
    return hint.split(":", 1)[1].split(",")[0].strip()


def test_the_person_searches_and_keeps_what_suits_them_by_keyboard(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.person)
    page.set_viewport_size({"width": 820, "height": 1180})
    page.goto(f"{live_server.url}/library/")
    total = _count(page)
    word = _first_example()
    page.get_by_label(t("Search")).focus()
    page.keyboard.type(word)
    page.get_by_label(t("Suits")).select_option(label=t("Suits me"))
    page.get_by_role("button", name=t("Show exercises")).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlencode({"q": word}) in page.url and f"suits={live_demo.patient.pk}" in page.url
    assert 0 < page.locator(".exercise-card").count() <= _count(page) < total
    # A card's picture is described in the page's language, like its name.
    card = page.locator(".exercise-card").first
    slug = (card.locator("h2 a").get_attribute("href") or "").rstrip("/").rsplit("/", 1)[-1]
    exercise = in_page_language(find_exercise, slug)
    assert exercise is not None
    alt = in_page_language(pictogram_title, exercise, gettext)
    assert card.locator("img").get_attribute("alt") == alt
    assert page.get_by_label(t("Search")).input_value() == word
    assert_no_axe_violations(page, "library search and suits me")
    screenshot(page, "library-search-suits-me")
