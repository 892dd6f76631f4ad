"""The reminders page in the browser: nothing ticked at first, the device's time zone
chosen from a short list, days ticked and saved by keyboard."""

from __future__ import annotations

from typing import Any

from e2e_support import assert_no_axe_violations, log_in, screenshot
from playwright.sync_api import Browser

from alsmove.demo.seed import Demo
from alsmove.logbook.models import ReminderSchedule
from alsmove.patients.models import Patient


def test_the_person_sets_up_reminders_on_their_own_clock_by_keyboard(
    live_demo: Demo, live_server: Any, browser: Browser
) -> None:
    ReminderSchedule.objects.filter(patient=live_demo.patient).delete()
    context = browser.new_context(
        bypass_csp=True, viewport={"width": 820, "height": 1180}, timezone_id="America/Chicago"
    )
    try:
        log_in(context, live_server, live_demo.person)
        page = context.new_page()
        page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/reminders/")
        assert page.locator("input[type=checkbox]:checked").count() == 0
        assert page.locator("#id_time_zone").input_value() == "America/Chicago"
        assert page.get_by_text("set to your device's").is_visible()
        assert page.locator("#id_time_zone option").count() < 60
        assert_no_axe_violations(page, "reminders, first visit")
        screenshot(page, "reminders-time-zone")
        for day in ("Monday", "Thursday"):
            page.get_by_label(day).focus()
            page.keyboard.press("Space")
        page.get_by_role("button", name="Save").focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.get_by_text("Reminders come by email on Monday, Thursday").is_visible()
        assert Patient.objects.get(pk=live_demo.patient.pk).time_zone == "America/Chicago"
        schedule = ReminderSchedule.objects.get(patient=live_demo.patient)
        assert schedule.enabled and schedule.days == [0, 3]
        assert_no_axe_violations(page, "reminders saved")
    finally:
        context.close()
