"""The therapist's morning: the caseload, an alert acknowledged by keyboard, the trends."""

from __future__ import annotations

import re
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import ngettext
from e2e_support import assert_no_axe_violations, in_page_language, log_in, screenshot, t
from playwright.sync_api import BrowserContext, Page

from alsmove.demo.seed import Demo
from alsmove.logbook.models import Alert

NOTE = "Phoned Sam: rested yesterday, feels back to normal. Keep the lighter week going."


def _n(singular: str, plural: str, count: int, **params: object) -> str:
    """A counted msgid (ngettext) in the page's language, filled in; tags taken out, as
    the page's text and its links' names have none."""
    words = in_page_language(ngettext, singular, plural, count) % {"count": count, **params}
    return re.sub(r"<[^>]+>", "", words)


def test_the_therapist_acknowledges_the_newest_alert_by_keyboard_from_the_caseload(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.therapist)
    page.goto(f"{live_server.url}/caseload/")
    first = page.locator(".caseload-row").first
    assert first.get_by_role("heading", level=2).inner_text() == "Sam Rivera"
    alert = Alert.objects.get(patient=live_demo.patient, acknowledged_at=None)
    day = in_page_language(date_format, alert.day, "DATE_FORMAT")
    reason = _n(
        "%(count)d new alert to look at (the newest from %(day)s).",
        "%(count)d new alerts to look at (the newest from %(day)s).",
        1,
        day=day,
    )
    assert reason in first.inner_text()
    assert_no_axe_violations(page, "caseload")
    screenshot(page, "caseload")

    alerts_link = _n(
        '%(count)s new alert<span class="visually-hidden"> for %(name)s</span>',
        '%(count)s new alerts<span class="visually-hidden"> for %(name)s</span>',
        1,
        name="Sam Rivera",
    )
    first.get_by_role("link", name=alerts_link).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/alerts/")
    heading = ("New: %(count)s alert to look at", "New: %(count)s alerts to look at")
    assert page.get_by_role("heading", name=_n(*heading, 1)).is_visible()
    assert_no_axe_violations(page, "alerts")
    screenshot(page, "alerts")

    note = page.locator(f"#ack-{alert.pk}-note")
    note.focus()
    page.keyboard.press("Tab")
    with page.expect_navigation():  # sent without a note: refused, in words
        page.keyboard.press("Enter")
    assert page.get_by_text(t("Write a short note: what you did or advised.")).is_visible()
    assert note.get_attribute("aria-invalid") == "true"
    assert_no_axe_violations(page, "alerts with a missing note")
    note.focus()
    page.keyboard.type(NOTE)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    with page.expect_navigation():  # back to the same page, after the redirect
        page.keyboard.press("Enter")
    done = t("Acknowledged: %(title)s, %(day)s.", title=t("Weaker after exercising"), day=day)
    assert page.get_by_text(done).is_visible()
    assert page.get_by_role("heading", name=_n(*heading, 0)).is_visible()
    alert.refresh_from_db()
    assert alert.acknowledged_by == live_demo.therapist and alert.acknowledgement == NOTE
    assert_no_axe_violations(page, "alerts after acknowledging")


def test_the_trends_page_shows_the_months_of_sessions_with_tables(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.therapist)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/")
    page.get_by_role("link", name=t("Sessions and trends")).click()
    page.wait_for_url("**/trends/")
    heading = t("Sessions and trends for %(name)s", name="Sam Rivera")
    assert page.get_by_role("heading", name=heading).is_visible()
    rest = t(
        "Rest days are part of the plan. On a day with little energy, a short session or a "
        "rest is the right choice; exercise should never leave you worn out."
    )
    assert page.get_by_text(rest).is_visible()
    assert page.locator("svg[role=img]").count() == 4
    assert page.locator("table caption").count() == 4
    assert_no_axe_violations(page, "trends")
    screenshot(page, "trends")
