"""The equipment plan in a real browser: the demo person reaches an item's status by the
keyboard alone (Tab and Enter, no mouse), changes it, and finds the change in the item's
history; axe finds nothing on the page as the person or the therapist."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import ngettext
from e2e_support import (
    OTHER_SCREENSHOTS,
    SCREENSHOTS,
    assert_no_axe_violations,
    in_page_language,
    log_in,
    page_language,
    t,
)
from playwright.sync_api import BrowserContext, Page

from alsmove.demo.seed import Demo
from alsmove.equipment.models import PlanItem

MAX_TABS = 400  # a bound, so a focus trap fails the test instead of hanging it


def _tab_until(page: Page, script: str, what: str) -> int:
    """Press Tab until `script` (about document.activeElement) is true; the presses."""
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"(() => {{ const e = document.activeElement; return !!e && ({script}); }})()"
        ):
            return presses
    raise AssertionError(f"{what} was never reached by Tab")


def _screenshot_path(name: str) -> str:
    """Where e2e_support.screenshot puts it (these are not full-page: the first screen, a
    card): English into the docs, another language's into var/screenshots/<code>/."""
    language = page_language()
    folder = SCREENSHOTS if language == settings.LANGUAGE_CODE else OTHER_SCREENSHOTS / language
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / f"{name}.png")


def _tab_to(page: Page, element_id: str) -> int:
    return _tab_until(page, f"e.id === {element_id!r}", f"#{element_id}")


def test_the_person_changes_a_status_by_keyboard_alone(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.person)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/equipment/")
    assert_no_axe_violations(page, "equipment plan, person")
    page.screenshot(path=_screenshot_path("equipment-plan"))  # the first screen
    # The page's own menu jumps to the plan; from there Tab reaches the ramp's status.
    _tab_until(page, "e.getAttribute('href') === '#plan-title'", "the On the plan link")
    page.keyboard.press("Enter")
    presses = _tab_to(page, "change-ramp")  # "Change the status: Ramp at the entrance"
    assert presses < 60  # the jump saved going through every card above
    page.keyboard.press("Enter")  # opens the item's form
    _tab_to(page, "st-ramp-status")
    page.keyboard.press("ArrowDown")  # Discussing -> Ordered
    assert page.evaluate("document.activeElement.value") == "ordered"
    _tab_to(page, "st-ramp-note")
    page.keyboard.type("Builder booked for next month.")
    page.keyboard.press("Tab")  # the item's Save button
    assert t("Save the status") in page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    page.wait_for_url("**/equipment/#item-ramp")
    item = PlanItem.objects.get(patient=live_demo.patient, slug="ramp")
    assert item.status == "ordered"
    change = item.changes.first()
    assert change is not None and change.changed_by == live_demo.person
    card = page.locator("#item-ramp")
    history = in_page_language(
        ngettext, "History: %(counter)s change", "History: %(counter)s changes", 2
    )
    card.get_by_text(history % {"counter": 2}).click()
    change_words = t("%(before)s to %(after)s", before=t("Discussing"), after=t("Ordered"))
    assert card.get_by_text(change_words).is_visible()
    assert_no_axe_violations(page, "equipment plan after a change")
    card.screenshot(path=_screenshot_path("equipment-plan-item"))


def test_the_therapists_plan_page_is_axe_clean(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.therapist)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/equipment/")
    assert page.get_by_role("heading", name=t("Add an item to the plan")).is_visible()
    assert_no_axe_violations(page, "equipment plan, therapist")


def test_the_home_page_card_links_to_the_plan(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.person)
    page.goto(f"{live_server.url}/")
    assert page.get_by_role("heading", name=t("Equipment to start on now")).is_visible()
    page.get_by_role("link", name=t("Your equipment and home plan")).click()
    page.wait_for_url("**/equipment/")
