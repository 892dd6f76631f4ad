"""The demo person's whole guided session by keyboard, then the quick log.

Playwright's clock runs the hold timers forward, so a 30-second hold takes no real time.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.utils import timezone
from e2e_support import assert_no_axe_violations, in_page_language, log_in, screenshot, t
from playwright.sync_api import BrowserContext, Page

from alsmove.core.overwork_texts import PAIN
from alsmove.demo.seed import Demo
from alsmove.exercises.services import find_exercise
from alsmove.logbook.models import Alert, SessionLog

RESULT_URL = re.compile(r".*/log/\d+/$")


def _today() -> date:
    # The demo carries months of earlier logs; these tests look at today's only.
    return timezone.localdate()


def _primary_label(page: Page) -> str:
    return page.locator("#timer-primary").inner_text().strip()


def _run_session_by_keyboard(page: Page, base: str) -> int:
    page.goto(f"{base}/session/")
    screenshot(page, "session-start")
    assert_no_axe_violations(page, "session start")
    page.get_by_role("link", name=t("Start the first exercise")).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/session/1/")
    exercises = 0
    shots = set()
    while "/session/" in page.url and "/finish/" not in page.url:
        url = page.url
        exercises += 1
        assert page.evaluate("document.activeElement.id") == "timer-primary"
        if exercises == 1:
            assert_no_axe_violations(page, "session step")
        for _ in range(80):
            label = _primary_label(page)
            if label in (t("Next exercise"), t("Finish the session")):
                if "finished" not in shots:
                    screenshot(page, "session-exercise-done")
                    shots.add("finished")
                page.keyboard.press("Enter")
                page.wait_for_function(f"location.href !== {url!r}")
                break
            page.keyboard.press("Enter")
            if _primary_label(page) == t("Pause") and "hold" not in shots:
                page.clock.run_for(3000)
                screenshot(page, "session-hold")
                shots.add("hold")
            page.clock.run_for(125_000)  # longer than any hold
        else:
            raise AssertionError(f"exercise at {url} never finished")
    return exercises


def test_the_demo_person_does_a_whole_session_by_keyboard_and_logs_it_in_three_picks(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.person)
    page.clock.install()
    base = f"{live_server.url}/patients/{live_demo.patient.pk}"
    done = _run_session_by_keyboard(page, base)
    assert done >= 3
    page.wait_for_url("**/log/new/")
    assert_no_axe_violations(page, "quick log")
    screenshot(page, "quick-log")
    selections = 0
    page.get_by_role("button", name=t("Yes, all of them")).click()
    selections += 1
    page.locator("label[for=pain-0]").click()
    selections += 1
    page.get_by_role("button", name=t("Continue")).click()
    screenshot(page, "quick-log-tired")
    page.locator("label[for=fatigue-2]").click()
    selections += 1
    page.get_by_role("button", name=t("Save the log")).click()
    page.wait_for_url(RESULT_URL)
    assert selections <= 3
    assert page.get_by_role("heading", name=t("Session logged")).is_visible()
    log = SessionLog.objects.get(patient=live_demo.patient, day=_today())
    assert log.pain == 0 and log.fatigue == 2
    assert log.exercises.count() == done
    assert set(log.exercises.values_list("status", flat=True)) == {"done"}


def test_pain_on_one_exercise_gives_the_warning_the_flag_and_the_therapist_alert(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.caregiver)  # a caregiver logs on Sam's behalf
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/log/new/")
    page.get_by_role("button", name=t("Yes, all of them")).click()
    page.locator("label[for=pain-5]").click()
    page.get_by_role("button", name=t("Continue")).click()
    first = page.locator("input[name=pain_exercises]").first
    exercise = first.get_attribute("value")
    assert exercise is not None
    page.locator(f"label[for={first.get_attribute('id')}]").click()
    page.get_by_role("button", name=t("Continue")).click()
    page.locator("label[for=fatigue-3]").click()
    page.get_by_role("button", name=t("Save the log")).click()
    page.wait_for_url(RESULT_URL)
    assert page.get_by_role("heading", name=t("Please read this")).is_visible()
    # The warning names the exercise as the page does, in the page's language.
    name = in_page_language(find_exercise, exercise).name
    assert page.get_by_text(t(PAIN, pain=5, exercise=name)).is_visible()
    assert_no_axe_violations(page, "session result with a warning")
    screenshot(page, "log-pain-warning")
    log = SessionLog.objects.get(patient=live_demo.patient, day=_today())
    assert log.entered_by == live_demo.caregiver
    assert log.exercises.get(exercise=exercise).pain == 5
    alert = Alert.objects.get(patient=live_demo.patient, rule="OVERWORK-PAIN-01", day=_today())
    assert alert.exercise == exercise and alert.acknowledged_at is None
    # The flagged exercise is out of the rest of today's session.
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/session/")
    assert page.get_by_text(t("Left out today:")).is_visible()


def test_a_log_written_offline_is_kept_and_sent_once_when_the_network_returns(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.person)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/log/new/")
    context.set_offline(True)
    page.get_by_role("button", name=t("Yes, all of them")).click()
    page.locator("label[for=pain-0]").click()
    page.get_by_role("button", name=t("Continue")).click()
    page.locator("label[for=fatigue-1]").click()
    page.get_by_role("button", name=t("Save the log")).click()
    offline = t(
        "No connection right now. Your log is kept on this device and will be sent as soon "
        "as the connection is back. You can close this page."
    )
    page.locator("#queue-status", has_text=offline).wait_for()
    assert not SessionLog.objects.filter(patient=live_demo.patient, day=_today()).exists()
    queued = page.evaluate("JSON.parse(localStorage.getItem('alsmove-log-queue')).length")
    assert queued == 1
    screenshot(page, "quick-log-offline")
    context.set_offline(False)
    page.wait_for_url(RESULT_URL, timeout=15_000)
    assert SessionLog.objects.filter(patient=live_demo.patient, day=_today()).count() == 1
    assert page.evaluate("JSON.parse(localStorage.getItem('alsmove-log-queue')).length") == 0
