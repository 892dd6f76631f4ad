"""Dwell to click, by synthetic pointer moves: resting on a control fills a ring and
presses it; moving away cancels; nothing fires in the first second after a page (or a
quick-log screen) changes; a control that fired does not fire again until the pointer
leaves and comes back. Playwright's clock runs the timers."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from e2e_support import (
    OTHER_SCREENSHOTS,
    SCREENSHOTS,
    assert_no_axe_violations,
    log_in,
    page_language,
    t,
)
from playwright.sync_api import BrowserContext, Locator, Page

from alsmove.demo.seed import Demo


def _shot(page: Page, name: str) -> None:
    """What the screen shows (not the whole page: the ring is where the pointer rests),
    into the docs in English and into var/screenshots/<language>/ in another language."""
    language = page_language()
    folder = SCREENSHOTS if language == settings.LANGUAGE_CODE else OTHER_SCREENSHOTS / language
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"))


def _rest_on(page: Page, target: Locator) -> None:
    box = target.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=3)


def _away(page: Page) -> None:
    box = page.locator("h1").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 5, box["y"] + 5, steps=3)


def test_dwell_presses_after_the_chosen_time_and_moving_away_cancels(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    user = live_demo.person
    user.dwell_enabled, user.dwell_ms = True, 1000
    user.save(update_fields=["dwell_enabled", "dwell_ms"])
    log_in(context, live_server, user)
    page.clock.install()
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/log/new/")
    page.clock.pause_at(page.evaluate("Date.now()") + 50)  # from here, only run_for moves time
    # A page change starts the quiet second (the same event the quick log's screens send,
    # sent here so the test knows the moment exactly).
    page.evaluate("document.dispatchEvent(new CustomEvent('alsmove:changed'))")
    pain = page.locator("#screen-pain")

    # The first second after the page opens is quiet: resting there does not count yet.
    _rest_on(page, page.get_by_role("button", name=t("Yes, all of them")))
    page.clock.run_for(1500)
    assert pain.is_hidden()
    assert page.locator(".dwell-ring").is_visible()
    _shot(page, "dwell-filling")
    page.clock.run_for(600)  # 1 s quiet + 1 s dwell: pressed
    assert pain.is_visible()

    # Moving away before the ring is full cancels.
    _rest_on(page, page.locator("label[for=pain-3]"))
    page.clock.run_for(1600)  # the new screen's quiet second, and 0.6 s of dwell
    _away(page)
    page.clock.run_for(3000)
    assert not page.locator("#pain-3").is_checked()
    assert page.locator(".dwell-ring").is_hidden()

    # Resting long enough chooses; choosing does not move on (Continue does).
    _rest_on(page, page.locator("label[for=pain-5]"))
    page.clock.run_for(1100)
    assert page.locator("#pain-5").is_checked() and pain.is_visible()
    _rest_on(page, page.get_by_role("button", name=t("Continue")).first)
    page.clock.run_for(1100)
    which = page.locator("#screen-which")
    assert which.is_visible()

    # A control that fired does not fire again while the pointer stays on it.
    first = page.locator("#screen-which label.check-label").first
    box = page.locator("input[name=pain_exercises]").first
    _rest_on(page, first)
    page.clock.run_for(2100)  # quiet second + dwell
    assert box.is_checked()
    page.clock.run_for(5000)
    assert box.is_checked()  # not pressed a second time (that would untick it)
    _shot(page, "dwell-fired-once")
    _away(page)
    page.clock.run_for(300)
    _rest_on(page, first)  # left and came back: it may fire again
    page.clock.run_for(1100)
    assert not box.is_checked()
    page.clock.resume()  # axe runs on the page's own timers
    assert_no_axe_violations(page, "quick log with dwell")


def test_dwell_is_off_unless_chosen(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    assert live_demo.person.dwell_enabled is False
    log_in(context, live_server, live_demo.person)
    page.clock.install()
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/log/new/")
    page.clock.pause_at(page.evaluate("Date.now()") + 50)
    _rest_on(page, page.get_by_role("button", name=t("Yes, all of them")))
    page.clock.run_for(5000)
    assert page.locator("#screen-pain").is_hidden()
    assert page.locator(".dwell-ring").count() == 0
