"""ALS Move in Spanish and German, in the browser on a tablet: the person's home, a step
of today's session and the progress page, axe clean, with screenshots in each language;
and a visitor switches language by keyboard alone."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation
from e2e_support import assert_no_axe_violations, log_in, screenshot
from playwright.sync_api import BrowserContext, Page

from alsmove.accounts.models import User
from alsmove.demo.seed import Demo

TABLET = {"width": 820, "height": 1180}
# These set the language themselves (a saved choice, the switcher), from an English browser.
pytestmark = pytest.mark.languages("en")


def _in(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


@pytest.mark.parametrize("language", ["es", "de"])
def test_the_persons_home_session_and_progress_speak_their_saved_language(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page, language: str
) -> None:
    User.objects.filter(pk=live_demo.person.pk).update(language=language)
    log_in(context, live_server, live_demo.person)
    page.set_viewport_size(TABLET)
    patient = live_demo.patient.pk
    pages = [
        ("/", "home", "Latest function score"),
        (f"/patients/{patient}/session/1/", "session-step", "Start"),
        (f"/patients/{patient}/progress/", "progress", "Function over time"),
    ]
    for path, name, english in pages:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("html").get_attribute("lang") == language
        words = _in(language, english)
        assert words != english, f"{english!r} has no {language} translation"
        assert page.get_by_text(words, exact=False).first.is_visible(), (path, words)
        assert_no_axe_violations(page, f"{name}, {language}")
        screenshot(page, f"{name}-{language}")


def test_a_visitor_switches_to_german_by_keyboard_and_the_choice_stays(
    live_server: Any, context: BrowserContext, page: Page, transactional_db: None
) -> None:
    page.set_viewport_size(TABLET)
    page.goto(f"{live_server.url}/library/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Deutsch").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/library/")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.get_by_role("navigation", name=_in("de", "Language")).is_visible()
    page.goto(f"{live_server.url}/resources/")
    assert page.locator("html").get_attribute("lang") == "de"
    assert_no_axe_violations(page, "resources, de")
