"""An alert a therapist can act on, in the browser: what was logged, by whom, the links,
and the flag cleared from the same page by keyboard."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from django.utils import timezone
from e2e_support import assert_no_axe_violations, in_page_language, log_in, screenshot, t
from playwright.sync_api import BrowserContext, Page

from alsmove.demo.seed import Demo
from alsmove.exercises.names import exercise_name
from alsmove.exercises.services import find_exercise
from alsmove.logbook.models import Alert, FlagReview
from alsmove.logbook.services import record_session

SLUG = "neck-forward-tilt"


def test_the_therapist_reads_what_was_logged_and_clears_the_flag_on_the_alerts_page(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    # Pain in the same exercise twice in a week: taken out until the therapist clears it.
    for days_ago in (3, 1):
        record_session(
            patient=live_demo.patient,
            by=live_demo.caregiver,
            client_id=uuid.uuid4(),
            day=timezone.localdate() - timedelta(days=days_ago),
            plan=None,
            statuses={SLUG: "partly"},
            pain=6,
            pain_exercises=[SLUG],
            fatigue=7,
            cramps="mild",
            breathless_after=False,
            note="It pulled at the back of the neck.",
        )
    stored = find_exercise(SLUG).name  # type: ignore[union-attr]
    name = in_page_language(exercise_name, {"exercise": SLUG, "name": stored})
    log_in(context, live_server, live_demo.therapist)
    page.set_viewport_size({"width": 820, "height": 1180})
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/alerts/")
    alert = Alert.objects.get(
        patient=live_demo.patient,
        rule="OVERWORK-REPEAT-01",
        day=timezone.localdate() - timedelta(days=1),
    )
    card = page.locator(f"article[aria-labelledby='alert-{alert.pk}-title']")
    text = card.inner_text()
    # The log's time (after the name) is the live clock's.
    logged_by = t("Session logged by %(name)s at %(time)s").split("%(time)s")[0]
    assert logged_by % {"name": "Alex Rivera"} in text
    assert (
        t("%(name)s: %(pain)s out of 10 (%(status)s)", name=name, pain=6, status=t("Partly"))
        in text
    )
    assert "It pulled at the back of the neck." in text  # as written
    assert card.get_by_role("link", name=t("See the routine")).is_visible()
    assert_no_axe_violations(page, "alerts with what was logged")
    screenshot(page, "alerts-evidence")

    card.get_by_role("link", name=t("Clear the flag on %(name)s", name=name)).focus()
    page.keyboard.press("Enter")
    note = page.locator(f"#note-{SLUG}")
    note.focus()
    page.keyboard.type("Saw the video: hold was too long. Back in, shorter hold.")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    cleared = t("%(name)s is cleared after review and can come back into the routine.", name=name)
    assert page.get_by_text(cleared).is_visible()
    review = FlagReview.objects.get(patient=live_demo.patient, exercise=SLUG)
    assert review.reviewed_by == live_demo.therapist
    alert.refresh_from_db()
    assert alert.acknowledged_by == live_demo.therapist
    assert page.locator(f"#flag-{SLUG}").count() == 0
    assert_no_axe_violations(page, "alerts after clearing a flag")
