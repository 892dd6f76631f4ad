"""Back after saving shows the saved log; a log is changed, not stored twice; a session
stopped halfway is logged as it happened."""

from __future__ import annotations

import re
from typing import Any

from e2e_support import assert_no_axe_violations, log_in, screenshot, t
from playwright.sync_api import BrowserContext, Page

from alsmove.demo.seed import Demo
from alsmove.logbook.models import SessionLog
from alsmove.patients.clock import today_for

RESULT_URL = re.compile(r".*/log/\d+/$")


def _todays_logs(demo: Demo) -> list[SessionLog]:
    return list(SessionLog.objects.filter(patient=demo.patient, day=today_for(demo.patient)))


def _fine_log_by_clicks(page: Page) -> None:
    page.get_by_role("button", name=t("Yes, all of them")).click()
    page.locator("label[for=pain-0]").click()
    page.get_by_role("button", name=t("Continue")).click()
    page.locator("label[for=fatigue-2]").click()
    page.get_by_role("button", name=t("Save the log")).click()
    page.wait_for_url(RESULT_URL)


def test_back_after_saving_shows_the_saved_log_and_a_change_keeps_the_first_version(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.person)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/log/new/")
    _fine_log_by_clicks(page)
    saved_url = page.url
    page.go_back()
    page.wait_for_url(RESULT_URL)
    assert page.url == saved_url
    assert page.get_by_text(
        t(
            "Today's session is logged already. Change the log here if something is "
            "wrong, or log another session."
        )
    ).is_visible()
    assert page.get_by_role("link", name=t("Change this log")).is_visible()
    assert page.locator("#screen-pain").count() == 0  # not the old pain screen
    screenshot(page, "log-back-after-saving")
    assert len(_todays_logs(live_demo)) == 1

    page.get_by_role("link", name=t("Change this log")).click()
    page.wait_for_url("**/change/")  # is_visible does not wait for the new page
    assert page.get_by_role("heading", name=t("Each exercise")).is_visible()
    first = page.locator("input[name=pain_exercises]").first
    exercise = first.get_attribute("value")
    page.get_by_role("button", name=t("Continue")).click()
    page.locator("label[for=pain-5]").click()
    page.get_by_role("button", name=t("Continue")).click()
    page.locator(f"label[for={first.get_attribute('id')}]").click()
    page.get_by_role("button", name=t("Continue")).click()
    assert page.locator("#fatigue-2").is_checked()  # the earlier answer, kept
    page.get_by_role("button", name=t("Save the change")).click()
    page.wait_for_url(f"{saved_url}?changed=1")
    assert page.get_by_text(
        t("The log is changed. The first answers are kept in its history.")
    ).is_visible()
    assert page.get_by_role("heading", name=t("Please read this")).is_visible()
    page.get_by_text(t("Earlier versions")).click()
    assert_no_axe_violations(page, "a corrected log")
    screenshot(page, "log-corrected")
    (log,) = _todays_logs(live_demo)
    assert log.revision == 2 and log.revisions.get().content["pain"] == 0
    assert log.exercises.get(exercise=exercise).pain == 5


def test_a_session_stopped_halfway_is_logged_with_what_was_done(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.person)
    page.clock.install()
    base = f"{live_server.url}/patients/{live_demo.patient.pk}/session"
    page.goto(f"{base}/1/")
    page.get_by_role("link", name=t("Skip this exercise")).click()
    page.wait_for_url("**/session/2/?*")
    page.keyboard.press("Enter")  # Start the second exercise
    page.get_by_role("link", name=t("Stop the session")).click()
    page.wait_for_url("**/session/2/stop/?current=partly")
    assert page.get_by_role("heading", name=t("The session is stopped")).is_visible()
    assert_no_axe_violations(page, "session stopped")
    screenshot(page, "session-stopped")
    page.get_by_role("link", name=t("Log what you did")).click()
    page.wait_for_url("**/log/new/?another=1")
    # The log starts on the list of exercises, filled in from the session.
    assert page.get_by_role("heading", name=t("Each exercise")).is_visible()
    statuses = page.locator("fieldset.status-group")
    assert statuses.nth(0).get_by_label(t("Skipped")).is_checked()
    assert statuses.nth(1).get_by_label(t("Partly")).is_checked()
    assert statuses.nth(2).get_by_label(t("Skipped")).is_checked()
    screenshot(page, "quick-log-after-stop")
    page.get_by_role("button", name=t("Continue")).click()
    page.locator("label[for=pain-0]").click()
    page.get_by_role("button", name=t("Continue")).click()
    page.locator("label[for=fatigue-2]").click()
    page.get_by_role("button", name=t("Save the log")).click()
    page.wait_for_url(RESULT_URL)
    (log,) = _todays_logs(live_demo)
    found = list(log.exercises.values_list("status", flat=True))
    assert found[:3] == ["skipped", "partly", "skipped"] and set(found[2:]) == {"skipped"}
