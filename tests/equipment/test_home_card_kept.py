"""The home page's equipment card is planned once per state of its inputs and kept
(alsmove.equipment.home_card), and never shown stale: each input's change shows at once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation
from signin_support import sign_in

from alsmove.assessments.models import Assessment
from alsmove.assessments.services import record_assessment
from alsmove.demo.seed import Demo
from alsmove.equipment import home_card
from alsmove.equipment.models import CatalogueRecord, PlanItem
from alsmove.equipment.services import plan_for
from alsmove.patients.clock import today_for
from alsmove.patients.models import FunctionalProfile


@pytest.fixture(autouse=True)
def _fresh() -> None:
    home_card.forget_all()


def _shown(card: dict[str, Any]) -> tuple[list[tuple[str, str]], int]:
    return [(s.item.id, s.item.name) for s in card["first"]], card["more"]


def _fresh_card(demo: Demo, today: Any = None) -> tuple[list[tuple[str, str]], int]:
    due = plan_for(demo.patient, today or today_for(demo.patient)).start_now()
    return [(s.item.id, s.item.name) for s in due[:3]], max(len(due) - 3, 0)


def _kept(demo: Demo, today: Any = None) -> tuple[list[tuple[str, str]], int]:
    return _shown(home_card.start_now(demo.patient, today or today_for(demo.patient)))


def test_the_kept_card_is_the_card_planned_afresh(demo: Demo) -> None:
    assert _kept(demo) == _fresh_card(demo)
    assert _kept(demo) == _fresh_card(demo)  # read from the store
    assert len(home_card._KEPT) == 1


def test_an_item_whose_steps_started_leaves_the_card_at_once(demo: Demo) -> None:
    first = _kept(demo)[0][0][0]
    item, _ = PlanItem.objects.get_or_create(
        patient=demo.patient, slug=first, defaults={"name": first}
    )
    item.status = "ordered"
    item.save()
    after = _kept(demo)
    assert first not in [slug for slug, _name in after[0]]
    assert after == _fresh_card(demo)


def test_a_new_assessment_changes_the_card_at_once(demo: Demo) -> None:
    _kept(demo)
    latest = Assessment.objects.current().filter(patient=demo.patient).order_by("taken_on").last()
    assert latest is not None
    items = {key: 0 for key in latest.items}
    record_assessment(
        patient=demo.patient, by=demo.therapist, taken_on=today_for(demo.patient), items=items
    )
    assert len(home_card._KEPT) == 1
    assert _kept(demo) == _fresh_card(demo)
    assert len(home_card._KEPT) == 2


def test_a_changed_onset_date_or_profile_changes_the_card_at_once(demo: Demo) -> None:
    _kept(demo)
    assert demo.patient.onset_date is not None
    demo.patient.onset_date -= timedelta(days=300)
    demo.patient.save(update_fields=["onset_date"])
    assert _kept(demo) == _fresh_card(demo)
    assert len(home_card._KEPT) == 2
    profile = FunctionalProfile.objects.get(patient=demo.patient)
    profile.walking = "independent"
    profile.save()
    assert _kept(demo) == _fresh_card(demo)
    assert len(home_card._KEPT) == 3


def test_a_changed_catalogue_item_shows_on_the_card_at_once(demo: Demo) -> None:
    with translation.override("en"):
        first = _kept(demo)[0][0][0]
        record = CatalogueRecord.objects.get(slug=first)
        record.data = {**record.data, "name": "Renamed for the test"}
        record.save()
        assert _kept(demo)[0][0] == (first, "Renamed for the test")
        assert _kept(demo) == _fresh_card(demo)


def test_the_next_day_on_the_persons_clock_plans_again(demo: Demo) -> None:
    today = today_for(demo.patient)
    _kept(demo, today)
    later = today + timedelta(days=200)
    assert _kept(demo, later) == _fresh_card(demo, later)
    assert len(home_card._KEPT) == 2


def test_the_card_speaks_each_requests_language_although_it_is_kept(demo: Demo) -> None:
    with translation.override("en"):
        english = _kept(demo)
    with translation.override("de"):
        german = _kept(demo)
        assert german == _fresh_card(demo)
    assert german != english
    with translation.override("en"):
        assert _kept(demo) == english


def test_the_persons_home_shows_the_kept_card(demo: Demo) -> None:
    client = Client()
    sign_in(client, demo.person)
    first = client.get("/").content.decode()
    again = client.get("/").content.decode()
    card = first.split("Equipment to start on now")[1].split("Your equipment and home plan")[0]
    assert card == again.split("Equipment to start on now")[1].split("Your equipment")[0]
    assert all(name in card for _slug, name in _fresh_card(demo)[0])


def test_without_an_onset_date_or_records_the_kept_card_is_empty_like_the_plan(
    demo: Demo,
) -> None:
    demo.patient.onset_date = None
    demo.patient.save(update_fields=["onset_date"])
    assert _kept(demo) == _fresh_card(demo) == ([], 0)
    demo.patient.refresh_from_db()
    Assessment.objects.filter(patient=demo.patient).delete()
    assert _kept(demo) == _fresh_card(demo) == ([], 0)


def test_a_self_report_beside_a_clinicians_rating_plans_as_the_plan_does(demo: Demo) -> None:
    latest = (
        Assessment.objects.current()
        .filter(patient=demo.patient, source="clinician")
        .order_by("taken_on")
        .last()
    )
    assert latest is not None
    record_assessment(
        patient=demo.patient,
        by=demo.person,
        taken_on=latest.taken_on,
        items={key: 4 for key in latest.items if key != "5b"},
    )
    assert _kept(demo) == _fresh_card(demo)


def _drawn_afresh(demo: Demo, is_person: bool) -> str:
    planned = plan_for(demo.patient, today_for(demo.patient)).start_now()
    equipment = {"first": planned[:3], "more": max(len(planned) - 3, 0)}
    context = {"patient": demo.patient, "equipment": equipment, "is_person": is_person}
    return render_to_string("equipment/_start_now.html", context)


def _card(demo: Demo, is_person: bool = True) -> str:
    return home_card.start_now_card(demo.patient, today_for(demo.patient), is_person=is_person)


def test_the_kept_drawn_card_is_the_card_drawn_afresh_for_each_change(demo: Demo) -> None:
    assert _card(demo) == _drawn_afresh(demo, True)
    assert _card(demo) == _drawn_afresh(demo, True)  # read from the store
    assert len(home_card._DRAWN) == 1
    # For a caregiver the card names the person; a new name shows at once.
    assert _card(demo, is_person=False) == _drawn_afresh(demo, False)
    demo.patient.display_name = "Samuel Rivera"
    demo.patient.save(update_fields=["display_name"])
    assert "Samuel Rivera" in _card(demo, is_person=False)
    assert _card(demo, is_person=False) == _drawn_afresh(demo, False)
    # A started item leaves the drawn card too.
    first = home_card.start_now(demo.patient, today_for(demo.patient))["first"][0].item.id
    PlanItem.objects.update_or_create(
        patient=demo.patient, slug=first, defaults={"name": first, "status": "ordered"}
    )
    assert _card(demo) == _drawn_afresh(demo, True)
    with translation.override("es"):
        assert _card(demo) == _drawn_afresh(demo, True)
    assert _card(demo) != _card(demo, is_person=False)
