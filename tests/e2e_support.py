"""Helpers for the browser tests: log in, run axe, take screenshots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from playwright.sync_api import BrowserContext, Page
from signin_support import sign_in

SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
# WCAG 2.2 A and AA, plus axe's best practices (landmarks, headings, regions).
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


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
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
