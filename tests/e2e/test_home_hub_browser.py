"""Home as the hub, in the browser on a tablet: the person reaches progress and the quick
log from home, and a therapist reaches a record's new alerts."""

from __future__ import annotations

from typing import Any

from e2e_support import assert_no_axe_violations, in_page_language, log_in, screenshot, t
from playwright.sync_api import BrowserContext, Page

from alsmove.demo.seed import Demo
from alsmove.exercises.services import find_exercise
from alsmove.logbook.models import Alert

TABLET = {"width": 820, "height": 1180}


def test_the_person_goes_from_home_to_their_progress_by_keyboard(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.person)
    page.set_viewport_size(TABLET)
    page.goto(f"{live_server.url}/")
    assert page.get_by_text(t("Latest function score")).is_visible()
    assert page.get_by_text(t("Next reminder")).is_visible()
    assert_no_axe_violations(page, "home hub, person")
    screenshot(page, "home-hub-person")
    page.get_by_role("link", name=t("See your progress")).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", name=t("Function over time")).is_visible()


def test_the_therapist_sees_new_alerts_on_home_and_opens_them(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.therapist)
    page.set_viewport_size(TABLET)
    page.goto(f"{live_server.url}/")
    section = page.get_by_role("region", name=t("Alerts to look at"))
    assert section.is_visible()
    assert_no_axe_violations(page, "home hub, therapist")
    screenshot(page, "home-hub-therapist")
    # The link is the person's name and the count ("Sam Rivera: 2 new alerts"), in every
    # language led by the name.
    link = section.get_by_role("link", name="Sam Rivera", exact=False).first
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role(
        "heading", name=t("Alerts for %(name)s", name="Sam Rivera")
    ).is_visible()
    # The message shown at the time names its exercise in the page's language too (the
    # alert keeps the name it had when raised, in English).
    alert = Alert.objects.filter(patient=live_demo.patient).exclude(exercise="").first()
    assert alert is not None
    name = in_page_language(find_exercise, alert.exercise).name
    shown = page.locator("p", has_text=t("Message shown at the time:")).filter(has_text=name)
    assert shown.count() >= 1
