"""The quick log by keyboard alone: moving through a scale never sends or moves on; a
choice is confirmed by Continue (or Enter); the focus goes to the next question's heading.

The key presses are counted and printed (`pytest -s`); the README quotes the figures,
and they are the same in every language (the keys follow the page's order, not its words).
"""

from __future__ import annotations

import re
from typing import Any

from django.utils import timezone
from e2e_support import assert_no_axe_violations, log_in, screenshot, t
from playwright.sync_api import BrowserContext, Page

from alsmove.demo.seed import Demo
from alsmove.logbook.models import SessionLog

RESULT_URL = re.compile(r".*/log/\d+/$")


class Keys:
    """Presses keys and counts them."""

    def __init__(self, page: Page) -> None:
        self.page, self.count = page, 0

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)
            self.count += 1


def _focused_heading(page: Page) -> str:
    return str(
        page.evaluate(
            "document.activeElement.tagName + ' ' + document.activeElement.textContent.trim()"
        )
    )


def _heading(msgid: str) -> str:
    """A question's heading as _focused_heading reads it, in the page's language."""
    return f"H2 {t(msgid)}"


def _todays_logs(demo: Demo) -> int:
    return SessionLog.objects.filter(patient=demo.patient, day=timezone.localdate()).count()


def test_arrow_keys_on_the_pain_scale_select_without_moving_on(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.person)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/log/new/")
    keys = Keys(page)
    keys.press("Tab", "Enter")  # "Yes, all of them"
    assert _focused_heading(page) == _heading("Any pain while exercising?")
    keys.press("Tab")  # into the scale: 0 has the focus
    for _ in range(4):
        keys.press("ArrowRight")
    # Four arrows from 0: pain 4 is selected, and the pain question is still on screen.
    assert page.locator("#pain-4").is_checked()
    assert page.locator("#screen-pain").is_visible()
    assert page.locator("#screen-which").is_hidden()
    keys.press("ArrowRight")
    assert page.locator("#pain-5").is_checked()
    screenshot(page, "quick-log-pain-keyboard")
    assert_no_axe_violations(page, "quick log, pain by keyboard")
    keys.press("Enter")  # confirms 5
    assert _focused_heading(page) == _heading("Which exercise hurt?")
    keys.press("Tab", "Enter")  # Continue with nothing ticked: asked to choose, no move
    assert page.locator("#screen-which").is_visible()
    assert page.locator("#queue-status").inner_text() == t("Choose one of the answers first.")
    assert _todays_logs(live_demo) == 0


def test_a_fine_log_by_keyboard_alone_takes_six_key_presses(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.person)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/log/new/")
    assert _focused_heading(page) == _heading("Did you do every exercise?")
    keys = Keys(page)
    keys.press("Tab", "Enter")  # "Yes, all of them"
    assert _focused_heading(page) == _heading("Any pain while exercising?")
    keys.press("0")  # selects 0 ("No pain"), nothing more
    assert page.locator("#pain-0").is_checked() and page.locator("#screen-pain").is_visible()
    keys.press("Enter")  # Continue
    assert _focused_heading(page) == _heading("How tired are you now?")
    keys.press("2")
    screenshot(page, "quick-log-tired-keyboard")
    keys.press("Enter")  # Save the log
    page.wait_for_url(RESULT_URL)
    print(f"\nA fine log by keyboard: {keys.count} key presses")
    assert keys.count == 6
    log = SessionLog.objects.get(patient=live_demo.patient, day=timezone.localdate())
    assert log.pain == 0 and log.fatigue == 2
    assert set(log.exercises.values_list("status", flat=True)) == {"done"}


def test_a_log_with_pain_5_on_one_exercise_by_keyboard_alone(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.person)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/log/new/")
    keys = Keys(page)
    keys.press("Tab", "Enter")  # all done
    keys.press("5", "Enter")  # pain 5, Continue
    assert _focused_heading(page) == _heading("Which exercise hurt?")
    keys.press("Tab")  # the first exercise
    first = page.locator("input[name=pain_exercises]").first
    exercise = first.get_attribute("value")
    assert page.evaluate("document.activeElement.name") == "pain_exercises"
    keys.press("Space", "Enter")  # tick it, Continue
    assert _focused_heading(page) == _heading("How tired are you now?")
    keys.press("3", "Enter")  # tiredness 3, Save the log
    page.wait_for_url(RESULT_URL)
    print(f"\nA log with pain 5 on one exercise by keyboard: {keys.count} key presses")
    assert keys.count == 9
    log = SessionLog.objects.get(patient=live_demo.patient, day=timezone.localdate())
    assert log.pain == 5 and log.fatigue == 3
    assert log.exercises.get(exercise=exercise).pain == 5
    assert log.exercises.filter(pain=0).count() == log.exercises.count() - 1
