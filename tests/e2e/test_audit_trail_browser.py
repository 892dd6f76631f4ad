"""The audit trail by keyboard alone: the person opens "Who looked at my record" from their
home page; the clinic administrator opens the trail from the clinic page and searches it.
Both pages pass axe; their screenshots are docs/screenshots/who-looked.png and
audit-trail.png."""

from __future__ import annotations

from typing import Any

from django.test import Client
from e2e_support import assert_no_axe_violations, in_page_language, log_in, screenshot, t
from playwright.sync_api import BrowserContext, Page
from signin_support import sign_in

from alsmove.demo.seed import Demo
from alsmove.patients.trail import LOOKED_AT_WORDS

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


def _tess_read(looked: Any) -> str:
    """The start of a line saying Tess, the therapist, read a page of the record (`looked`,
    one of trail.LOOKED_AT_WORDS), in the page's language, up to the live clock's day."""
    before = t(LINE).split("%(day)s")[0]
    words = in_page_language(str, looked)
    return before % {"name": "Tess Morgan", "relation": t("your therapist"), "did": words}


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
    reads = {_tess_read(looked) for looked in LOOKED_AT_WORDS.values()}
    assert sum(lines.filter(has_text=read).count() for read in reads) == 2  # two pages read
    assert lines.filter(has_text=_tess_read(LOOKED_AT_WORDS["routines"])).count() == 1
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
