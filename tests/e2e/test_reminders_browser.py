"""The reminders page in the browser: nothing ticked at first, the device's time zone
chosen from a short list, days ticked and saved by keyboard. The test makes its own browser
(a tablet, on Chicago's clock) in each language, as the `context` fixture would."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from e2e_support import assert_no_axe_violations, log_in, screenshot, set_page_language, t
from playwright.sync_api import Browser

from alsmove.demo.seed import Demo
from alsmove.logbook.models import ReminderSchedule
from alsmove.patients.models import Patient

# Said beside the list once static/js/reminders.js chose the device's zone (a msgid).
ZONE_NOTE = "The time zone is set to your device's. Change it if that is not where you live."


def test_the_person_sets_up_reminders_on_their_own_clock_by_keyboard(
    live_demo: Demo, live_server: Any, browser: Browser, ui_language: str
) -> None:
    ReminderSchedule.objects.filter(patient=live_demo.patient).delete()
    set_page_language(ui_language)
    context = browser.new_context(
        bypass_csp=True,
        viewport={"width": 820, "height": 1180},
        timezone_id="America/Chicago",
        locale=ui_language,
    )
    try:
        log_in(context, live_server, live_demo.person)
        page = context.new_page()
        page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/reminders/")
        assert page.locator("input[type=checkbox]:checked").count() == 0
        assert page.locator("#id_time_zone").input_value() == "America/Chicago"
        assert page.get_by_text(t(ZONE_NOTE)).is_visible()
        assert page.locator("#id_time_zone option").count() < 60
        assert_no_axe_violations(page, "reminders, first visit")
        screenshot(page, "reminders-time-zone")
        for day in ("Monday", "Thursday"):
            page.get_by_label(t(day)).focus()
            page.keyboard.press("Space")
        page.get_by_role("button", name=t("Save")).focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        saved = t(
            "Saved. Reminders come by email on %(days)s at %(time)s (%(zone)s).",
            days=", ".join((t("Monday"), t("Thursday"))),
            time="10:00",  # the time the form starts with
            zone="America/Chicago",
        )
        assert page.get_by_text(saved).is_visible()
        assert Patient.objects.get(pk=live_demo.patient.pk).time_zone == "America/Chicago"
        schedule = ReminderSchedule.objects.get(patient=live_demo.patient)
        assert schedule.enabled and schedule.days == [0, 3]
        assert_no_axe_violations(page, "reminders saved")
    finally:
        context.close()
        set_page_language(settings.LANGUAGE_CODE)
