"""Invitations, leaving a team and a self-report beside a clinician's rating, in a real
browser: reached with the keyboard, axe clean, in each language of the product."""

from __future__ import annotations

import re
from typing import Any

from django.utils import timezone
from e2e_support import assert_no_axe_violations, in_page_language, log_in, screenshot, t
from playwright.sync_api import BrowserContext, Page

from alsmove.assessments.models import Assessment
from alsmove.assessments.services import record_assessment
from alsmove.demo.seed import Demo
from alsmove.formats import month_abbreviations
from alsmove.patients.invitations import invite
from alsmove.patients.policy import Action, can

ITEMS = {
    "1": 4,
    "2": 3,
    "3": 4,
    "4": 3,
    "5a": 3,
    "6": 2,
    "7": 2,
    "8": 1,
    "9": 0,
    "10": 4,
    "11": 4,
    "12": 4,
}


def test_an_invited_therapist_accepts_from_the_home_page_with_the_keyboard(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    invite(
        patient=live_demo.patient,
        by=live_demo.person,
        email=live_demo.other_therapist.email,
        relation="therapist",
        permission="view",
    )
    log_in(context, live_server, live_demo.other_therapist)
    page.goto(f"{live_server.url}/")
    name = live_demo.patient.display_name
    join = t("Join the care team of %(name)s?", name=name)
    assert page.get_by_role("heading", name=join).is_visible()
    assert not can(live_demo.other_therapist, live_demo.patient, Action.VIEW)
    page.get_by_role("button", name=t("Accept")).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/patients/{live_demo.patient.pk}/")
    assert page.get_by_text(t("You are on the care team of %(name)s now.", name=name)).is_visible()
    assert_no_axe_violations(page, "overview after accepting")
    assert can(live_demo.other_therapist, live_demo.patient, Action.VIEW)


def test_a_caregiver_leaves_the_team_after_one_confirmation(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.caregiver)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/team/")
    name = live_demo.patient.display_name
    page.get_by_role("link", name=t("Leave this care team")).click()
    leave = t("Leave the care team of %(name)s?", name=name)
    assert page.get_by_role("heading", name=leave).is_visible()
    assert_no_axe_violations(page, "leave the care team")
    screenshot(page, "care-team-leave")
    page.get_by_role("button", name=t("Yes, leave this care team")).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")
    left = t("You have left the care team of %(name)s. You no longer see this record.", name=name)
    assert page.get_by_text(left).is_visible()
    assert not can(live_demo.caregiver, live_demo.patient, Action.VIEW)


def test_the_progress_page_marks_a_self_report_beside_a_clinicians_rating(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    today = timezone.localdate()
    Assessment.objects.filter(patient=live_demo.patient, taken_on=today).delete()
    record_assessment(
        patient=live_demo.patient, by=live_demo.therapist, taken_on=today, items=ITEMS
    )
    record_assessment(
        patient=live_demo.patient, by=live_demo.caregiver, taken_on=today, items={**ITEMS, "9": 2}
    )
    log_in(context, live_server, live_demo.caregiver)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/progress/")
    beside = t("beside the clinician's rating of this day; not used for stages or forecast")
    assert page.get_by_text(beside).is_visible()
    # The charts' months are in the page's language too ("Mai 2026", not "May 2026").
    months = in_page_language(month_abbreviations)
    ticks = page.locator("svg.chart .chart-x-tick").all_text_contents()
    assert ticks and all(tick.split()[0] in months for tick in ticks), ticks
    assert_no_axe_violations(page, "progress with a self-report beside a clinician's rating")
    screenshot(page, "progress-beside")
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/alsfrs/")
    # The words a sighted person sees; the hidden part names the day of each record.
    add = re.sub(
        r"<span.*?</span>",
        "",
        t('Add your own answers<span class="visually-hidden"> for %(day)s</span>', day=""),
    )
    assert page.get_by_role("link", name=add).first.is_visible()
    assert_no_axe_violations(page, "history with 'add your own answers'")
