"""The audit trail by keyboard alone: the person opens "Who looked at my record" from their
home page; the clinic administrator opens the trail from the clinic page and searches it.
Both pages pass axe; their screenshots are docs/screenshots/who-looked.png and
audit-trail.png."""

from __future__ import annotations

from typing import Any

from django.test import Client
from e2e_support import assert_no_axe_violations, log_in, screenshot, t
from playwright.sync_api import BrowserContext, Page
from signin_support import sign_in

from alsmove.demo.seed import Demo

TAB_LIMIT = 120
# One line of "Who looked at my record" (alsmove.patients.trail.sentence).
LINE = "%(name)s, %(relation)s, %(did)s on %(day)s at %(time)s."


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


def _tess_read(what: str | None = None) -> str:
    """The start of a line saying Tess, the therapist, read the record (`what`: that page),
    in the page's language; the day and time after it are the live clock's."""
    looked = t("looked at your %(what)s", what=t(what)) if what else None
    if looked is None:  # any page: the words up to the page's name
        before = t(LINE).split("%(did)s")[0]
        looked = t("looked at your %(what)s").split("%(what)s")[0]
        return before % {"name": "Tess Morgan", "relation": t("your therapist")} + looked
    before = t(LINE).split("%(day)s")[0]
    return before % {"name": "Tess Morgan", "relation": t("your therapist"), "did": looked}


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
    _tab_to(page, t("Who looked at my record"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", name=t("Who looked at my record")).is_visible()
    lines = page.get_by_role("listitem")
    assert lines.filter(has_text=_tess_read()).count() == 2  # the two pages she read
    assert lines.filter(has_text=_tess_read("exercise routine")).count() == 1
    assert page.get_by_text("Sam Rivera,").count() == 0
    assert_no_axe_violations(page, "who looked at my record")
    screenshot(page, "who-looked")


def test_the_administrator_searches_the_trail_by_keyboard(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    _therapist_reads(live_demo)
    log_in(context, live_server, live_demo.admin)
    page.goto(f"{live_server.url}/clinic/")
    _tab_to(page, t("Search the audit trail"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", name=t("Audit trail"), exact=True).is_visible()
    _tab_to_field(page, "id_kind")
    page.keyboard.press("ArrowDown")  # "Records opened"
    assert page.evaluate("document.activeElement.value") == "reads"
    _tab_to(page, t("Search"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "kind=reads" in page.url
    rows = page.locator("tbody tr")
    assert rows.count() == 2
    assert rows.filter(has_text="Tess Morgan").filter(has_text="198.51.100.20").count() == 2
    assert_no_axe_violations(page, "the clinic's audit trail")
    screenshot(page, "audit-trail")
