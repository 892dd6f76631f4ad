"""Signing up starts the record on the browser's own clock, in each language (the test
makes its own browser, on Auckland's clock, as the `context` fixture would)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from e2e_support import set_page_language, t
from playwright.sync_api import Browser

from alsmove.demo.seed import Demo
from alsmove.patients.models import Patient


def test_signup_fills_in_the_browsers_time_zone(
    live_demo: Demo, live_server: Any, browser: Browser, ui_language: str
) -> None:
    set_page_language(ui_language)
    context = browser.new_context(timezone_id="Pacific/Auckland", locale=ui_language)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/signup/")
        assert page.locator("input[name=time_zone]").input_value() == "Pacific/Auckland"
        page.get_by_label(t("Your name")).fill("Kiri Walker")
        page.get_by_label(t("Email address")).fill("kiri@example.org")
        page.get_by_label(t("Choose a password")).fill("a long enough sentence")
        page.get_by_label(t("The same password again")).fill("a long enough sentence")
        page.get_by_role("button", name=t("Create my account")).click()
        page.wait_for_url("**/disclaimer/**")
        assert Patient.objects.get(user__email="kiri@example.org").time_zone == "Pacific/Auckland"
    finally:
        context.close()
        set_page_language(settings.LANGUAGE_CODE)
