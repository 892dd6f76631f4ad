"""Helpers for the browser tests: log in, run axe, take screenshots, and the words of
the page's language (every browser test runs once per language; see tests/e2e/conftest)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from django.utils import translation
from playwright.sync_api import BrowserContext, Page
from signin_support import sign_in

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "docs" / "screenshots"
# The other languages' screenshots are for looking at, not for the docs: kept out of git.
OTHER_SCREENSHOTS = ROOT / "var" / "screenshots"
# WCAG 2.2 A and AA, plus axe's best practices (landmarks, headings, regions).
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


class _Words:
    """The language the current browser test's pages are in (set by the `context` fixture)."""

    language: str = settings.LANGUAGE_CODE


def set_page_language(code: str) -> None:
    _Words.language = code


def page_language() -> str:
    return _Words.language


def t(text: str, context: str | None = None, **params: Any) -> str:
    """`text`, a msgid of the product's catalogues, as the page shows it in the test's
    language: selectors and expected words stay readable in English and hold in every
    language. Placeholders are filled like the product fills them: `%(name)s` (templates)
    or `{name}` (Python code)."""
    with translation.override(_Words.language):
        words = translation.pgettext(context, text) if context else translation.gettext(text)
    if not params:
        return words
    return words % params if "%(" in words else words.format(**params)


def in_page_language(function: Any, *args: Any, **kwargs: Any) -> Any:
    """Calls `function` (an exercise's name, a label's words) in the test's language."""
    with translation.override(_Words.language):
        return function(*args, **kwargs)


def log_in(context: BrowserContext, live_server: Any, user: Any) -> None:
    """Give the browser a logged-in session without typing (the login form has its own test)."""
    client = Client()
    sign_in(client, user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def assert_no_axe_violations(page: Page, label: str) -> None:
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{label}:\n{results.generate_report()}"


def screenshot(page: Page, name: str) -> None:
    """English pages into docs/screenshots; another language's into var/screenshots/<code>/
    (named the same), to look at without adding them to the docs."""
    if _Words.language == settings.LANGUAGE_CODE:
        folder = SCREENSHOTS
    else:
        folder = OTHER_SCREENSHOTS / _Words.language
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
