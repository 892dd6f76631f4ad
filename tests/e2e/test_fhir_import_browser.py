"""The therapist's FHIR import form in a real browser, by keyboard: a bad file is named
on the form (focus can reach the error and the field again), a good one is stored, axe
finds nothing on the way."""

from __future__ import annotations

import copy
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.utils.translation import ngettext
from e2e_support import assert_no_axe_violations, in_page_language, log_in, screenshot, t
from fhir_support import response_indexes
from playwright.sync_api import BrowserContext, Page

from alsmove.demo.seed import Demo
from alsmove.interop.services import export_bundle
from alsmove.patients.clock import today_for
from alsmove.patients.models import CareLink, Patient


def _tab_to(page: Page, selector: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({json.dumps(selector)})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_the_therapist_imports_a_bundle_by_keyboard(
    live_demo: Demo, live_server: Any, context: BrowserContext, page: Page, tmp_path: Path
) -> None:
    target = Patient.objects.create(
        display_name="Jo Imported",
        organisation=live_demo.riverside,
        onset_date=today_for(live_demo.patient) - timedelta(days=900),
    )
    CareLink.objects.create(
        patient=target, member=live_demo.therapist, relation="therapist", permission="edit_plan"
    )
    bundle = export_bundle(live_demo.patient)
    bad = copy.deepcopy(bundle)
    index = response_indexes(bad)[0]
    bad["entry"][index]["resource"]["item"][5]["answer"][0]["valueCoding"]["code"] = "5a-7"
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    (tmp_path / "good.json").write_text(json.dumps(bundle))

    log_in(context, live_server, live_demo.therapist)
    page.goto(f"{live_server.url}/patients/{target.pk}/")
    link = page.get_by_role("link", name=t("Import ALSFRS-R records (FHIR)"))
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/fhir/import/")
    assert_no_axe_violations(page, "import form")

    # A file dialog is the browser's own; the keyboard reaches the field and the button.
    _tab_to(page, "input[type=file]")
    page.locator("input[type=file]").set_input_files(str(tmp_path / "bad.json"))
    _tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    error = page.locator(".errorlist")
    # The words the form shows (interop.fhir.parse.Problem), capitalised as the view does.
    problem = t("answer to item {item} is not one of the allowed answers", item="5a")
    expected = t("entry {entry}: {problem}", entry=index + 1, problem=problem)
    expected = expected[:1].upper() + expected[1:]
    assert expected in error.inner_text()
    assert page.get_by_role("alert").is_visible()
    assert_no_axe_violations(page, "import form with an error")
    screenshot(page, "fhir-import-error")
    assert not target.assessments.exists()

    _tab_to(page, "input[type=file]")
    page.locator("input[type=file]").set_input_files(str(tmp_path / "good.json"))
    _tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/patients/{target.pk}/progress/")
    count = live_demo.patient.assessments.current().count()
    imported = in_page_language(
        ngettext,
        "%(count)d ALSFRS-R record was imported.",
        "%(count)d ALSFRS-R records were imported.",
        count,
    )
    assert imported % {"count": count} in page.content()
    assert target.assessments.count() == count
