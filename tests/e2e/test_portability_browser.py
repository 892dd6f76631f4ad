"""The calendar link and the deletion pages in a real browser, by keyboard only: axe finds
nothing, the explanation comes before the password, and the screenshots are saved."""

from __future__ import annotations

import json
from typing import Any

from e2e_support import assert_no_axe_violations, log_in, screenshot, t
from playwright.sync_api import BrowserContext, Page

from alsmove.accounts.models import User
from alsmove.demo.seed import DEMO_PASSWORD, Demo


def _tab_to(page: Page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({json.dumps(selector)})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_the_person_makes_a_calendar_link_by_keyboard(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.person)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/")
    _tab_to(page, "a[href$='/calendar/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/calendar/")
    words = t("Anyone who has the link can read this calendar, without signing in.")
    assert page.get_by_text(words).is_visible()
    assert_no_axe_violations(page, "calendar page")

    _tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.locator("#feed-url").wait_for()
    url = page.locator("#feed-url").input_value()
    assert "/calendar/" in url and url.endswith(".ics")
    assert_no_axe_violations(page, "calendar page with the new link")
    screenshot(page, "calendar-link")
    feed = page.request.get(url)
    assert feed.status == 200 and feed.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in feed.text()


def test_the_deletion_page_explains_first_and_takes_the_password_by_keyboard(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.person)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/your-data/")
    assert_no_axe_violations(page, "your data page")
    screenshot(page, "your-data")
    _tab_to(page, "a[href$='/delete/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/delete/")
    # By lines (the two headings, then the line the field's label starts): German writes
    # "Ihr Passwort" capitalised inside the sentences above too, which a bare search finds.
    lines = [line.strip() for line in page.locator("main").inner_text().splitlines()]
    erased, kept = lines.index(t("What is erased")), lines.index(t("What is kept, and why"))
    label = next(n for n, line in enumerate(lines) if line.startswith(t("Your password")))
    assert erased < kept < label
    assert_no_axe_violations(page, "deletion page")
    screenshot(page, "delete-account")

    _tab_to(page, "input[type=password]")
    page.keyboard.type("not my password")
    _tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.get_by_text(t("That is not your password. Nothing was deleted.")).first.wait_for()
    assert User.objects.get(pk=live_demo.person.pk).is_active
    assert_no_axe_violations(page, "deletion page with an error")

    _tab_to(page, "input[type=password]")
    page.keyboard.type(DEMO_PASSWORD)
    _tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=t("Your account is deleted")).wait_for()
    assert not User.objects.get(pk=live_demo.person.pk).is_active
    assert_no_axe_violations(page, "deleted page")


def test_the_administrator_imports_a_record_by_keyboard(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page, tmp_path: Any
) -> None:
    from alsmove.portability.export import export_record

    (tmp_path / "record.json").write_text(json.dumps(export_record(live_demo.patient)))
    log_in(context, live_server, live_demo.admin)
    page.goto(f"{live_server.url}/clinic/")
    _tab_to(page, "a[href$='/clinic/import/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/clinic/import/")
    assert_no_axe_violations(page, "import page")
    _tab_to(page, "input[type=file]")
    page.locator("input[type=file]").set_input_files(str(tmp_path / "record.json"))
    _tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    email = live_demo.person.email.strip().lower()
    refusal = t(
        "An account with the address %(email)s already exists here: the record is not "
        "imported twice.",
        email=email,
    )
    page.get_by_text(refusal).first.wait_for()
    assert page.get_by_role("alert").is_visible()
    assert_no_axe_violations(page, "import page with the refusal")
    screenshot(page, "record-import-refused")
