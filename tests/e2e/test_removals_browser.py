"""Every removal asks first, naming who or what, and can be undone: by keyboard, in each
language of the product (the names of people stay as written; an exercise is named in
the page's language)."""

from __future__ import annotations

from typing import Any

from e2e_support import assert_no_axe_violations, in_page_language, log_in, screenshot, t
from playwright.sync_api import BrowserContext, Page

from alsmove.demo.seed import Demo
from alsmove.exercises.names import exercise_name


def test_the_administrator_switches_a_colleague_off_after_a_confirmation_and_undoes_it(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.admin)
    page.goto(f"{live_server.url}/clinic/")
    name = live_demo.therapist.full_name
    page.get_by_role("link", name=t("Switch off %(name)s", name=name)).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/switch-off/")
    title = t("Switch off %(name)s's account?", name=name)
    assert page.get_by_role("heading", name=title).is_visible()
    assert_no_axe_violations(page, "switch-off confirmation")
    screenshot(page, "clinic-switch-off-confirm")
    live_demo.therapist.refresh_from_db()
    assert live_demo.therapist.is_active  # nothing happened yet
    page.get_by_role("button", name=t("Yes, switch off %(name)s", name=name)).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text(t("%(name)s can no longer log in.", name=name)).is_visible()
    undo = page.get_by_role("button", name=t("Undo: switch %(name)s on again", name=name))
    assert undo.is_visible()
    assert_no_axe_violations(page, "clinic with undo")
    screenshot(page, "clinic-switch-off-undo")
    live_demo.therapist.refresh_from_db()
    assert not live_demo.therapist.is_active
    undo.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text(t("%(name)s can log in again.", name=name)).is_visible()
    live_demo.therapist.refresh_from_db()
    assert live_demo.therapist.is_active


def test_the_person_removes_their_caregiver_after_a_confirmation_and_adds_them_back(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page
) -> None:
    log_in(context, live_server, live_demo.person)
    page.goto(f"{live_server.url}/patients/{live_demo.patient.pk}/team/")
    name, person = live_demo.caregiver.full_name, live_demo.patient.display_name
    page.get_by_role("link", name=t("Remove %(name)s", name=name)).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/revoke/")
    heading = t("Remove %(name)s from the care team of %(person)s?", name=name, person=person)
    assert page.get_by_role("heading", name=heading).is_visible()
    assert_no_axe_violations(page, "care-team removal confirmation")
    screenshot(page, "team-remove-confirm")
    page.get_by_role("button", name=t("Yes, remove %(name)s", name=name)).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text(
        t("%(name)s no longer has access to this record.", name=name)
    ).is_visible()
    undo = page.get_by_role("button", name=t("Undo: add %(name)s back", name=name))
    assert undo.is_visible()
    assert_no_axe_violations(page, "care team with undo")
    screenshot(page, "team-remove-undo")
    undo.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text(t("%(name)s is back on the care team.", name=name)).is_visible()
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
    # The routine stores the English name; the page says it in its own language.
    shown = in_page_language(exercise_name, first)
    checkbox = page.get_by_label(t("Remove %(name)s", name=shown), exact=True)
    assert checkbox.get_attribute("id") == f"remove-{first['exercise']}"
    checkbox.focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name=t("Save as a new version")).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    title = t("Remove from %(name)s's routine?", name=live_demo.patient.display_name)
    assert page.get_by_role("heading", name=title).is_visible()
    assert page.get_by_text(t("This edit takes out: %(list)s.", list=shown)).is_visible()
    assert RoutinePlan.objects.filter(patient=live_demo.patient).count() == versions
    assert_no_axe_violations(page, "routine removal confirmation")
    screenshot(page, "routine-remove-confirm")
    page.get_by_role("button", name=t("Yes, remove and save")).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    edit = RoutinePlan.objects.filter(patient=live_demo.patient).latest("version")
    undo = page.get_by_role("button", name=t("Undo this edit"))
    assert undo.is_visible()
    assert_no_axe_violations(page, "routine review with undo")
    undo.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    undone = t(
        "Edit undone: version %(v)s is set aside, and the routine is as it was.",
        v=edit.version,
    )
    assert page.get_by_text(undone).is_visible()
    assert plan_in_use(live_demo.patient) == plan
