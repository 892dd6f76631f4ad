"""axe-core on every page, as the person who would use it; keyboard and target checks.

Pages come from the URL resolver, so a new page is checked the day it is added.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils.text import capfirst
from e2e_support import assert_no_axe_violations, log_in, screenshot, t
from playwright.sync_api import BrowserContext, Page
from routes_support import PAGES, VIEWER, Route, page_samples, url_for

from alsmove.demo.seed import Demo


def _open(page: Page, live_server: Any, path: str) -> int:
    response = page.goto(live_server.url + path)
    assert response is not None
    return response.status


# The switcher itself answers by going back to a page in the language it names.
SWITCHER = "accounts/language/"


@pytest.mark.parametrize("route", PAGES, ids=lambda r: r.template or "/")
def test_every_page_has_no_axe_violations(
    live_demo: Demo,
    live_server: Any,
    context: BrowserContext,
    page: Page,
    route: Route,
    ui_language: str,
) -> None:
    """In each language (the browser asks for it): longer words, the `lang` of the page
    and of each switcher link, and every translated label (axe checks names and languages)."""
    viewer = VIEWER.get(route.template, "person")
    if viewer is not None:
        log_in(context, live_server, getattr(live_demo, viewer))
    status = _open(page, live_server, url_for(route, page_samples(live_demo, route)))
    # 405: a route that only takes POST still answers a stray visit with a page in words.
    assert status in (200, 405)
    if not route.template.startswith(SWITCHER):
        assert page.locator("html").get_attribute("lang") == ui_language
    assert_no_axe_violations(page, f"{route.template} ({ui_language})")
    name = (route.name or "home").replace("_", "-")
    prefix = route.template.split("/")[0] or "home"
    screenshot(page, f"{prefix}-{name}")


@pytest.mark.parametrize(
    ("viewer", "path", "shot"),
    [
        (None, "/", "landing"),
        (None, "/no-such-page/", "error-404"),
        ("therapist", "/", "home-therapist"),
        ("caregiver", "/", "home-caregiver"),
        ("other_therapist", "/", "home-invitation"),
        (None, "/library/?region=legs&position=seated", "library-filtered"),
    ],
)
def test_other_page_states_have_no_axe_violations(
    live_demo: Demo,
    live_server: Any,
    context: BrowserContext,
    page: Page,
    viewer: str | None,
    path: str,
    shot: str,
) -> None:
    if viewer == "other_therapist":
        from alsmove.patients.invitations import invite

        invite(
            patient=live_demo.patient,
            by=live_demo.person,
            email=live_demo.other_therapist.email,
            relation="therapist",
            permission="view",
        )
    if viewer:
        log_in(context, live_server, getattr(live_demo, viewer))
    _open(page, live_server, path)
    assert_no_axe_violations(page, path)
    screenshot(page, shot)


def test_a_form_with_errors_says_what_is_wrong_next_to_the_field(
    live_demo: Demo, live_server: Any, page: Page
) -> None:
    _open(page, live_server, "/accounts/signup/")
    page.get_by_label(t("Your name")).fill("Jo")
    page.get_by_label(t("Email address")).fill("not-an-email")
    page.get_by_role("button", name=t("Create my account")).click()
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_text(t("Enter a valid email address.")).is_visible()
    assert page.get_by_label(t("Your name")).input_value() == "Jo"  # nothing typed is lost
    assert_no_axe_violations(page, "signup with errors")
    screenshot(page, "signup-errors")


def test_a_person_can_log_in_with_the_keyboard_alone(
    live_demo: Demo, live_server: Any, page: Page
) -> None:
    _open(page, live_server, "/accounts/login/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert t("Skip to main content") in focused  # the first stop skips the navigation
    page.get_by_label(t("Email address")).focus()
    page.keyboard.type("person@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("alsmove-demo")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/")
    assert page.get_by_role("heading", name=t("Hello, %(name)s", name="Sam Rivera")).is_visible()


def _smallest_target(page: Page) -> float:
    return float(
        page.evaluate(
            """() => Math.min(...[...document.querySelectorAll(
                'main .button, main button, main input:not([type=hidden]), main select,'
                + 'nav a, nav button'
            )].filter(el => el.offsetParent !== null)
             // a checkbox or radio button is clicked through its whole label
             .map(el => el.matches('[type=checkbox], [type=radio]')
                ? (el.closest('label') || el) : el)
             .map(el => el.getBoundingClientRect().height))"""
        )
    )


def test_buttons_are_at_least_48_px_and_72_px_with_large_targets(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.person)
    _open(page, live_server, "/accounts/preferences/")
    assert _smallest_target(page) >= 48
    # The labels are the model fields' names, capitalised as Django does.
    page.get_by_label(capfirst(t("extra-large buttons"))).check()
    page.get_by_label(t("Extra large"), exact=True).check()
    page.get_by_label(capfirst(t("high contrast"))).check()
    page.get_by_role("button", name=t("Save settings")).click()
    assert page.get_by_text(t("Your display settings are saved.")).is_visible()
    assert _smallest_target(page) >= 72
    assert_no_axe_violations(page, "preferences, large targets and high contrast")
    screenshot(page, "preferences-large")
    _open(page, live_server, "/library/")
    assert _smallest_target(page) >= 72
