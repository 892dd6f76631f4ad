"""Each of the four documents renders for the demo person as a real PDF (pypdf reads it)
with what it is for: the exercises, the scores, the ICD-10-CM code, the signature lines;
the handouts are in large print; user text is escaped everywhere."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pdf_support import body_size, flat, reader

from alsmove.demo.seed import Demo
from alsmove.documents.build import TEMPLATES, build_pdf, context_for
from alsmove.documents.facts import routine_in_use
from alsmove.documents.render import render_html
from alsmove.logbook.models import Alert
from alsmove.patients.clock import today_for

KINDS = sorted(TEMPLATES)


def _pdf(demo: Demo, kind: str) -> bytes:
    today = today_for(demo.patient)
    return build_pdf(kind, demo.patient, today, today - timedelta(days=90), today)


@pytest.mark.parametrize("kind", KINDS)
def test_each_document_renders_for_the_demo_person_as_a_pdf_with_pages(
    demo: Demo, kind: str
) -> None:
    content = _pdf(demo, kind)
    assert len(reader(content).pages) > 0
    assert "Sam Rivera" in flat(content)


def test_the_home_routine_handout_names_every_exercise_with_steps_and_the_week(
    demo: Demo,
) -> None:
    text = flat(_pdf(demo, "routine-handout"))
    plan = routine_in_use(demo.patient)
    assert plan is not None
    names = {item["name"] for day in range(7) for item in plan.items_for_day(day)}
    assert names and all(name in text for name in names), names
    for words in ("The week at a glance", "When to stop", "Take care:", "1. ", "hold"):
        assert words in text


def test_the_handouts_are_in_large_print(demo: Demo) -> None:
    for kind in ("routine-handout", "caregiver-handout"):
        assert body_size(_pdf(demo, kind)) >= 14, kind


def test_the_handout_draws_the_pictograms_the_library_shows(demo: Demo) -> None:
    html = render_html(
        TEMPLATES["routine-handout"],
        context_for("routine-handout", demo.patient, today_for(demo.patient)),
    )
    assert html.count('class="pictogram"') >= 3


def test_the_caregiver_handout_has_hand_placement_limits_and_the_skills_taught(
    demo: Demo,
) -> None:
    text = flat(_pdf(demo, "caregiver-handout"))
    assert "Where your hands go:" in text and "Where to stop:" in text
    assert "past the point where you feel it resist" in text
    assert "Taught to Alex Rivera on" in text and "by Tess Morgan" in text
    assert "Stop at once if" in text  # the skill's own stop rules, as on the skill page


def test_the_progress_note_shows_scores_stages_adherence_overwork_and_equipment(
    demo: Demo,
) -> None:
    text = flat(_pdf(demo, "progress-note"))
    assert "G12.21" in text
    assert "ALSFRS-R" in text and "King's stage" in text and "MiToS stage" in text
    last = demo.patient.assessments.filter(superseded_at__isnull=True).order_by("taken_on").last()
    assert last is not None and str(last.total) in text
    assert "sessions logged" in text and "planned days" in text
    assert "Possible overwork and what was done" in text
    # The demo's equipment plan (alsmove/demo/equipment.py), each item with its status.
    assert "Power wheelchair" in text and "No equipment plan yet." not in text
    assert "Signature:" in text


def test_the_progress_note_lists_what_the_therapist_did_about_an_overwork_alert(
    demo: Demo,
) -> None:
    alert = Alert.objects.filter(patient=demo.patient, acknowledged_at__isnull=False).first()
    assert alert is not None
    today = today_for(demo.patient)
    content = build_pdf("progress-note", demo.patient, today, alert.day, today)
    assert " ".join(alert.acknowledgement.split())[:40] in flat(content)


def test_the_plan_of_care_has_the_code_the_facts_blanks_and_signature_lines(
    demo: Demo,
) -> None:
    text = flat(_pdf(demo, "plan-of-care"))
    assert "ICD-10-CM G12.21" in text
    assert "What the records show" in text and "ALSFRS-R total" in text
    assert "Not filled in yet" in text  # nothing written by a therapist yet
    assert "Therapist: not signed yet." in text
    assert "Physician or practitioner certifying the plan" in text
    assert "90 days after certification" in text


def test_user_text_is_escaped_in_every_document(demo: Demo) -> None:
    patient = demo.patient
    patient.display_name = "Sam <script>alert(1)</script> & Co"
    patient.save()
    alert = Alert.objects.filter(patient=patient, acknowledged_at__isnull=False).first()
    assert alert is not None
    alert.acknowledgement = "Rest <b>two</b> days & call"
    alert.save()
    today = today_for(patient)
    for kind in KINDS:
        html = render_html(TEMPLATES[kind], context_for(kind, patient, today, alert.day, today))
        assert "<script>" not in html and "<b>two" not in html, kind
        assert "&lt;script&gt;" in html and "&amp; Co" in html, kind
        content = build_pdf(kind, patient, today, alert.day, today)
        assert "Sam <script>alert(1)</script> & Co" in flat(content), kind
    note = flat(build_pdf("progress-note", patient, today, alert.day, today))
    assert "Rest <b>two</b> days & call" in note


def test_a_document_fetches_nothing_from_outside(demo: Demo) -> None:
    from weasyprint import HTML

    from alsmove.documents.render import no_fetching

    for url in ("https://elsewhere.example/x.png", "file:///etc/hostname", "data:,x"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            no_fetching().fetch(url)
    # Even markup that asks for a picture gets none (the renderer warns and goes on).
    html = '<p>before</p><img src="file:///etc/hostname" alt="gone"><p>after</p>'
    assert HTML(string=html, url_fetcher=no_fetching()).write_pdf()
    patient = demo.patient
    patient.display_name = '<img src="https://elsewhere.example/x.png">'
    patient.save()
    content = _pdf(demo, "routine-handout")  # the name is text, never an image to fetch
    assert '<img src="https://elsewhere.example/x.png">' in flat(content)


def test_days_before_the_first_routine_or_log_are_not_counted_as_planned(demo: Demo) -> None:
    from alsmove.documents.facts import progress_note
    from alsmove.logbook.models import SessionLog

    first_log = SessionLog.objects.filter(patient=demo.patient).order_by("day").first()
    assert first_log is not None
    before = first_log.day - timedelta(days=1)
    quiet = progress_note(demo.patient, before - timedelta(days=60), before)
    assert quiet["adherence"]["planned_days"] == 0 and quiet["adherence"]["sessions"] == 0
    week_after = first_log.day + timedelta(days=6)
    spanning = progress_note(demo.patient, before - timedelta(days=60), week_after)
    assert 0 < spanning["adherence"]["planned_days"] <= 7
