"""A real browser (Debian's Chromium driven by Playwright) against a live server."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from e2e_support import set_page_language
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from alsmove.caregiving.services import sync_skills
from alsmove.demo.seed import Demo, seed_demo
from alsmove.equipment.catalogue import sync_catalogue
from alsmove.exercises.services import sync_library
from alsmove.resources.services import sync_resources

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Every browser test runs once per language of the product: the same clicks and checks,
# with the words each page shows in that language (e2e_support.t). A test marked
# `languages("en")` chooses its own (the language tests set them one by one).
# ALSMOVE_E2E_LANGUAGES=en runs English only, for a quick run while changing a flow.
E2E_LANGUAGES = tuple(
    os.environ.get("ALSMOVE_E2E_LANGUAGES", ",".join(code for code, _ in settings.LANGUAGES))
    .replace(" ", "")
    .split(",")
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "ui_language" not in metafunc.fixturenames:
        return
    marker = metafunc.definition.get_closest_marker("languages")
    languages = marker.args if marker is not None else E2E_LANGUAGES
    metafunc.parametrize("ui_language", languages, scope="function")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def live_demo(live_server: Any, transactional_db: None) -> Demo:
    sync_library()
    sync_resources()
    sync_skills()
    sync_catalogue()
    return seed_demo()


@pytest.fixture
def ui_language() -> str:
    """Replaced by the parameter pytest_generate_tests gives every browser test."""
    return str(settings.LANGUAGE_CODE)


@pytest.fixture
def context(browser: Browser, ui_language: str) -> Iterator[BrowserContext]:
    # The browser asks for the language as a person's own browser would (Accept-Language):
    # the demo's accounts have saved none, so every page comes in it.
    set_page_language(ui_language)
    context = browser.new_context(
        bypass_csp=True, viewport={"width": 1280, "height": 900}, locale=ui_language
    )
    yield context
    # Let what the pages still fetch (lazy pictograms, a switch saved in the background)
    # finish first: the live server would otherwise still be reading the database while
    # the test's teardown empties it, and SQLite refuses that ("table is locked").
    for open_page in context.pages:
        with contextlib.suppress(PlaywrightError):  # one that never settles closes anyway
            open_page.wait_for_load_state("networkidle", timeout=5000)
    context.close()
    set_page_language(settings.LANGUAGE_CODE)


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()
