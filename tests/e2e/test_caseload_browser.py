"""The therapist's morning: the caseload, an alert acknowledged by keyboard, the trends."""

from __future__ import annotations

from typing import Any

from e2e_support import assert_no_axe_violations, log_in, screenshot
from playwright.sync_api import BrowserContext, Page

from alsmove.demo.seed import Demo
from alsmove.logbook.models import Alert

NOTE = "Phoned Sam: rested yesterday, feels back to normal. Keep the lighter week going."


def test_the_therapist_acknowledges_the_newest_alert_by_keyboard_from_the_caseload(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.therapist)
    page.goto(f"{live_server.url}/caseload/")
    first = page.locator(".caseload-row").first
    assert first.get_by_role("heading", level=2).inner_text() == "Sam Rivera"
    assert "new alert to look at" in first.inner_text()
    assert_no_axe_violations(page, "caseload")
    screenshot(page, "caseload")

    first.get_by_role("link", name="1 new alert for Sam Rivera").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/alerts/")
    assert page.get_by_role("heading", name="New: 1 alert to look at").is_visible()
    assert_no_axe_violations(page, "alerts")
    screenshot(page, "alerts")

    alert = Alert.objects.get(patient=live_demo.patient, acknowledged_at=None)
    note = page.locator(f"#ack-{alert.pk}-note")
    note.focus()
    page.keyboard.press("Tab")
    with page.expect_navigation():  # sent without a note: refused, in words
        page.keyboard.press("Enter")
    assert page.get_by_text("Write a short note: what you did or advised.").is_visible()
    assert note.get_attribute("aria-invalid") == "true"
    assert_no_axe_violations(page, "alerts with a missing note")
    note.focus()
    page.keyboard.type(NOTE)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    with page.expect_navigation():  # back to the same page, after the redirect
        page.keyboard.press("Enter")
    assert page.get_by_text("Acknowledged: Weaker after exercising").is_visible()
    assert page.get_by_role("heading", name="New: 0 alerts to look at").is_visible()
    alert.refresh_from_db()
    assert alert.acknowledged_by == live_demo.therapist and alert.acknowledgement == NOTE
    assert_no_axe_violations(page, "alerts after acknowledging")


def test_the_trends_page_shows_the_months_of_sessions_with_tables(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.therapist)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/")
    page.get_by_role("link", name="Sessions and trends").click()
    page.wait_for_url("**/trends/")
    assert page.get_by_role("heading", name="Sessions and trends for Sam Rivera").is_visible()
    assert page.get_by_text("Rest days are part of the plan.").is_visible()
    assert page.locator("svg[role=img]").count() == 4
    assert page.locator("table caption").count() == 4
    assert_no_axe_violations(page, "trends")
    screenshot(page, "trends")
