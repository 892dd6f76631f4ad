"""The check-in 30 minutes after a session: on the home page, answered with one click."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from django.utils import timezone
from e2e_support import assert_no_axe_violations, log_in, screenshot, t
from playwright.sync_api import BrowserContext, Page

from alsmove.core import overwork
from alsmove.demo.seed import Demo
from alsmove.logbook.models import Alert, CheckIn, SessionLog
from alsmove.logbook.today import todays_session


def test_the_home_page_asks_the_check_in_and_one_click_answers_it(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    patient = live_demo.patient
    log = SessionLog.objects.create(
        patient=patient,
        client_id=uuid.uuid4(),
        day=timezone.localdate(),
        pain=0,
        fatigue=3,
        entered_by=live_demo.person,
        created_at=timezone.now() - timedelta(minutes=31),
    )
    log_in(context, live_server, live_demo.person)
    page.goto(f"{live_server.url}/")
    question = page.get_by_role("heading", name=t("Do you feel weaker than before you exercised?"))
    assert question.is_visible()
    assert page.get_by_text(t("Today's session is logged. Well done.")).is_visible()
    assert_no_axe_violations(page, "home with a check-in")
    screenshot(page, "checkin")

    clicks = 0
    page.get_by_role("button", name=t("Yes, I feel weaker")).click()
    clicks += 1
    page.wait_for_url("**/checkin/after_30_min/?saved=*")
    assert clicks == 1
    assert page.get_by_role("heading", name=t("Thank you, your answer is saved")).is_visible()
    # The rule's own warning, as the result page words it in this language.
    warning = t(overwork.TEXTS[overwork.WEAKER_01], days=overwork.EASING_DAYS)
    assert page.get_by_text(warning).is_visible()
    assert_no_axe_violations(page, "check-in result")
    screenshot(page, "checkin-result")

    checkin = CheckIn.objects.get(patient=patient, session=log)
    assert checkin.weaker and checkin.kind == "after_30_min"
    today = timezone.localdate()
    assert Alert.objects.filter(patient=patient, rule="OVERWORK-WEAKER-01", day=today).exists()
    assert todays_session(patient).eased

    # Answered: the home page no longer asks.
    page.goto(f"{live_server.url}/")
    assert question.count() == 0
