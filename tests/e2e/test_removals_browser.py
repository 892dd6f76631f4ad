"""Every removal asks first, naming who or what, and can be undone: by keyboard."""

from __future__ import annotations

from typing import Any

from e2e_support import assert_no_axe_violations, log_in, screenshot
from playwright.sync_api import BrowserContext, Page

from alsmove.demo.seed import Demo


def test_the_administrator_switches_a_colleague_off_after_a_confirmation_and_undoes_it(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.admin)
    page.goto(f"{live_server.url}/clinic/")
    page.get_by_role("link", name="Switch off Tess Morgan").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/switch-off/")
    assert page.get_by_role("heading", name="Switch off Tess Morgan's account?").is_visible()
    assert_no_axe_violations(page, "switch-off confirmation")
    screenshot(page, "clinic-switch-off-confirm")
    live_demo.therapist.refresh_from_db()
    assert live_demo.therapist.is_active  # nothing happened yet
    page.get_by_role("button", name="Yes, switch off Tess Morgan").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Tess Morgan can no longer log in.").is_visible()
    undo = page.get_by_role("button", name="Undo: switch Tess Morgan on again")
    assert undo.is_visible()
    assert_no_axe_violations(page, "clinic with undo")
    screenshot(page, "clinic-switch-off-undo")
    live_demo.therapist.refresh_from_db()
    assert not live_demo.therapist.is_active
    undo.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Tess Morgan can log in again.").is_visible()
    live_demo.therapist.refresh_from_db()
    assert live_demo.therapist.is_active
