"""Signing up starts the record on the browser's own clock."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser

from alsmove.demo.seed import Demo
from alsmove.patients.models import Patient


def test_signup_fills_in_the_browsers_time_zone(
    live_demo: Demo, live_server: Any, browser: Browser
) -> None:
    context = browser.new_context(timezone_id="Pacific/Auckland")
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/signup/")
        assert page.locator("input[name=time_zone]").input_value() == "Pacific/Auckland"
        page.get_by_label("Your name").fill("Kiri Walker")
        page.get_by_label("Email address").fill("kiri@example.org")
        page.get_by_label("Choose a password").fill("a long enough sentence")
        page.get_by_label("The same password again").fill("a long enough sentence")
        page.get_by_role("button", name="Create my account").click()
        page.wait_for_url("**/disclaimer/**")
        assert Patient.objects.get(user__email="kiri@example.org").time_zone == "Pacific/Auckland"
    finally:
        context.close()
