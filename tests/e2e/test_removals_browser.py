"""Every removal asks first, naming who or what, and can be undone: by keyboard."""

from __future__ import annotations

from typing import Any

from e2e_support import assert_no_axe_violations, log_in, screenshot
from playwright.sync_api import BrowserContext, Page

from alsmove.demo.seed import Demo


def test_the_administrator_switches_a_colleague_off_after_a_confirmation_and_undoes_it(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.admin)
    page.goto(f"{live_server.url}/clinic/")
    page.get_by_role("link", name="Switch off Tess Morgan").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/switch-off/")
    assert page.get_by_role("heading", name="Switch off Tess Morgan's account?").is_visible()
    assert_no_axe_violations(page, "switch-off confirmation")
    screenshot(page, "clinic-switch-off-confirm")
    live_demo.therapist.refresh_from_db()
    assert live_demo.therapist.is_active  # nothing happened yet
    page.get_by_role("button", name="Yes, switch off Tess Morgan").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Tess Morgan can no longer log in.").is_visible()
    undo = page.get_by_role("button", name="Undo: switch Tess Morgan on again")
    assert undo.is_visible()
    assert_no_axe_violations(page, "clinic with undo")
    screenshot(page, "clinic-switch-off-undo")
    live_demo.therapist.refresh_from_db()
    assert not live_demo.therapist.is_active
    undo.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Tess Morgan can log in again.").is_visible()
    live_demo.therapist.refresh_from_db()
    assert live_demo.therapist.is_active


def test_the_person_removes_their_caregiver_after_a_confirmation_and_adds_them_back(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.person)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/team/")
    page.get_by_role("link", name="Remove Alex Rivera").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/revoke/")
    heading = "Remove Alex Rivera from the care team of Sam Rivera?"
    assert page.get_by_role("heading", name=heading).is_visible()
    assert_no_axe_violations(page, "care-team removal confirmation")
    screenshot(page, "team-remove-confirm")
    page.get_by_role("button", name="Yes, remove Alex Rivera").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Alex Rivera no longer has access to this record.").is_visible()
    undo = page.get_by_role("button", name="Undo: add Alex Rivera back")
    assert undo.is_visible()
    assert_no_axe_violations(page, "care team with undo")
    screenshot(page, "team-remove-undo")
    undo.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Alex Rivera is back on the care team.").is_visible()
    assert live_demo.patient.care_links.active().filter(member=live_demo.caregiver).exists()


def test_the_therapist_removes_an_exercise_after_a_confirmation_and_undoes_the_edit(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    from alsmove.routines.models import RoutinePlan
    from alsmove.routines.services import plan_in_use

    plan = plan_in_use(live_demo.patient)
    assert plan is not None
    first = plan.items[0]
    versions = RoutinePlan.objects.filter(patient=live_demo.patient).count()
    log_in(context, live_server, live_demo.therapist)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/routine/review/")
    page.locator(f"#remove-{first['exercise']}").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save as a new version").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", name="Remove from Sam Rivera's routine?").is_visible()
    assert page.get_by_text(f"This edit takes out: {first['name']}.").is_visible()
    assert RoutinePlan.objects.filter(patient=live_demo.patient).count() == versions
    assert_no_axe_violations(page, "routine removal confirmation")
    screenshot(page, "routine-remove-confirm")
    page.get_by_role("button", name="Yes, remove and save").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    undo = page.get_by_role("button", name="Undo this edit")
    assert undo.is_visible()
    assert_no_axe_violations(page, "routine review with undo")
    undo.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Edit undone").is_visible()
    assert plan_in_use(live_demo.patient) == plan
