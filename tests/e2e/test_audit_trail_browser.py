"""The audit trail by keyboard alone: the person opens "Who looked at my record" from their
home page; the clinic administrator opens the trail from the clinic page and searches it.
Both pages pass axe; their screenshots are docs/screenshots/who-looked.png and
audit-trail.png."""

from __future__ import annotations

from typing import Any

from django.test import Client
from e2e_support import assert_no_axe_violations, log_in, screenshot
from playwright.sync_api import BrowserContext, Page
from signin_support import sign_in

from alsmove.demo.seed import Demo

TAB_LIMIT = 120


def _tab_to(page: Page, name: str) -> None:
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "document.activeElement && (document.activeElement.getAttribute('aria-label')"
            " || document.activeElement.textContent)"
        )
        if focused and focused.strip() == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def _tab_to_field(page: Page, field_id: str) -> None:
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == field_id:
            return
    raise AssertionError(f"Tab never reached #{field_id}")


def _therapist_reads(demo: Demo) -> None:
    client = Client(REMOTE_ADDR="198.51.100.20")
    sign_in(client, demo.therapist)
    assert client.get(f"/patients/{demo.patient.pk}/progress/").status_code == 200
    assert client.get(f"/patients/{demo.patient.pk}/routine/").status_code == 200


def test_the_person_finds_who_looked_at_their_record_by_keyboard(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    _therapist_reads(live_demo)
    log_in(context, live_server, live_demo.person)
    page.goto(f"{live_server.url}/")
    _tab_to(page, "Who looked at my record")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", name="Who looked at my record").is_visible()
    items = page.get_by_role("listitem").filter(has_text="Tess Morgan, your therapist, looked at")
    assert items.count() == 2
    assert items.filter(has_text="looked at your exercise routine on").count() == 1
    assert page.get_by_text("Sam Rivera,").count() == 0
    assert_no_axe_violations(page, "who looked at my record")
    screenshot(page, "who-looked")


def test_the_administrator_searches_the_trail_by_keyboard(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    _therapist_reads(live_demo)
    log_in(context, live_server, live_demo.admin)
    page.goto(f"{live_server.url}/clinic/")
    _tab_to(page, "Search the audit trail")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", name="Audit trail", exact=True).is_visible()
    _tab_to_field(page, "id_kind")
    page.keyboard.press("ArrowDown")  # "Records opened"
    assert page.evaluate("document.activeElement.value") == "reads"
    _tab_to(page, "Search")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "kind=reads" in page.url
    rows = page.locator("tbody tr")
    assert rows.count() == 2
    assert rows.filter(has_text="Tess Morgan").filter(has_text="198.51.100.20").count() == 2
    assert_no_axe_violations(page, "the clinic's audit trail")
    screenshot(page, "audit-trail")
