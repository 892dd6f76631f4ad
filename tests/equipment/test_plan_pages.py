"""The equipment plan page as the person, the caregiver, the therapist and strangers:
what each sees and may change; refused users change nothing; the home pages show the
first items to start now."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from signin_support import sign_in

from alsmove.accounts.models import AuditEvent
from alsmove.demo.seed import Demo
from alsmove.equipment.models import PlanChange, PlanItem
from alsmove.patients.models import CareLink, Permission


def _client(user: object) -> Client:
    client = Client()
    sign_in(client, user)  # type: ignore[arg-type]
    return client


def _url(demo: Demo, tail: str = "") -> str:
    return f"/patients/{demo.patient.pk}/equipment/{tail}"


def _page(demo: Demo, user: object) -> str:
    response = _client(user).get(_url(demo))
    assert response.status_code == 200
    return response.content.decode()


def _state() -> tuple[list[Any], int]:
    return list(PlanItem.objects.values_list("slug", "status", "target_date", "note")), (
        PlanChange.objects.count()
    )


def test_the_demo_persons_plan_lists_what_to_start_now_and_why_with_dates(demo: Demo) -> None:
    page = _page(demo, demo.person)
    start_now = page.split('id="start-now-title"')[1].split('id="soon-title"')[0]
    assert "Wheelchair-accessible vehicle" in start_now  # the longest lead time first
    assert "should start now" in start_now
    assert "EQUIP-" not in page  # no rule ids for lay readers
    reasons = " ".join(part.split("</ul>")[0] for part in page.split('class="reasons"')[1:])
    assert "the answer to the question on" in reasons
    assert not re.search(r"\d{4}-\d\d-\d\d", reasons)  # dates as people write them


def test_the_plan_page_shows_rule_ids_to_the_therapist_only(demo: Demo) -> None:
    assert "EQUIP-NOW-01" in _page(demo, demo.therapist)
    assert "EQUIP-NOW-01" not in _page(demo, demo.caregiver)


def test_the_demo_plan_has_an_item_at_every_status_with_history(demo: Demo) -> None:
    statuses = set(PlanItem.objects.filter(patient=demo.patient).values_list("status", flat=True))
    assert statuses == {"suggested", "discussing", "ordered", "delivered", "in_use", "not_needed"}
    chair = PlanItem.objects.get(patient=demo.patient, slug="manual-wheelchair")
    assert [c.to_status for c in chair.changes.order_by("changed_at")] == [
        "suggested",
        "discussing",
        "ordered",
        "delivered",
        "in_use",
    ]
    page = _page(demo, demo.person)
    assert "History: 5 changes" in page
    assert "Ordered to Delivered" in page


def test_items_in_use_or_not_needed_are_not_suggested_again(demo: Demo) -> None:
    page = _page(demo, demo.person)
    suggested = page.split('id="plan-title"')[0]
    assert 'id="item-walker"' not in suggested
    assert 'id="item-manual-wheelchair"' not in suggested
    settled = page.split('id="settled-title"')[1]
    assert 'id="item-walker"' in settled


@pytest.mark.parametrize("who", ["person", "caregiver", "therapist"])
def test_the_person_the_caregiver_and_the_therapist_change_a_status(demo: Demo, who: str) -> None:
    user = getattr(demo, who)
    response = _client(user).post(
        _url(demo, "status/"), {"slug": "ramp", "status": "ordered", "note": "Builder booked."}
    )
    assert response.status_code == 302
    item = PlanItem.objects.get(patient=demo.patient, slug="ramp")
    assert item.status == "ordered"
    change = item.changes.first()
    assert change is not None
    assert (change.changed_by, change.from_status, change.to_status, change.note) == (
        user,
        "discussing",
        "ordered",
        "Builder booked.",
    )
    assert AuditEvent.objects.filter(action="equipment_status", actor=user).exists()


def test_a_status_on_a_suggestion_puts_it_on_the_plan(demo: Demo) -> None:
    response = _client(demo.person).post(
        _url(demo, "status/"), {"slug": "stair-lift", "status": "not_needed"}
    )
    assert response.status_code == 302
    item = PlanItem.objects.get(patient=demo.patient, slug="stair-lift")
    assert item.status == "not_needed" and item.changes.get().from_status == ""
    assert 'id="item-stair-lift"' in _page(demo, demo.person).split('id="settled-title"')[1]


def test_the_therapist_adds_a_catalogue_item_and_a_written_in_one_with_notes(demo: Demo) -> None:
    client = _client(demo.therapist)
    assert (
        client.post(_url(demo, "add/"), {"slug": "stair-lift", "note": "Measure"}).status_code
        == 302
    )
    assert client.post(_url(demo, "add/"), {"name": "Bidet seat"}).status_code == 302
    assert PlanItem.objects.get(patient=demo.patient, slug="stair-lift").note == "Measure"
    assert PlanItem.objects.filter(patient=demo.patient, slug="own-bidet-seat").exists()
    again = client.post(_url(demo, "add/"), {"name": "Bidet seat"})
    assert again.status_code == 400 and "already on the plan" in again.content.decode()
    assert client.post(_url(demo, "ramp/note/"), {"note": "Gentle slope"}).status_code == 302
    assert PlanItem.objects.get(patient=demo.patient, slug="ramp").note == "Gentle slope"


@pytest.mark.parametrize("who", ["person", "caregiver"])
def test_the_person_and_the_caregiver_may_not_add_items_or_notes(demo: Demo, who: str) -> None:
    before = _state()
    client = _client(getattr(demo, who))
    assert client.post(_url(demo, "add/"), {"name": "Bidet seat"}).status_code == 403
    assert client.post(_url(demo, "ramp/note/"), {"note": "x"}).status_code == 403
    assert _state() == before
    assert "Add an item to the plan" not in _page(demo, getattr(demo, who))


def test_a_caregiver_who_may_only_view_sees_the_plan_but_changes_nothing(demo: Demo) -> None:
    CareLink.objects.filter(patient=demo.patient, member=demo.caregiver).update(
        permission=Permission.VIEW
    )
    before = _state()
    page = _page(demo, demo.caregiver)
    assert "Save the status" not in page
    response = _client(demo.caregiver).post(
        _url(demo, "status/"), {"slug": "ramp", "status": "ordered"}
    )
    assert response.status_code == 403
    assert _state() == before


@pytest.mark.parametrize("who", ["other_person", "other_therapist", "admin"])
def test_strangers_are_refused_and_nothing_changes(demo: Demo, who: str) -> None:
    before = _state()
    client = _client(getattr(demo, who))
    assert client.get(_url(demo)).status_code == 404
    assert (
        client.post(_url(demo, "status/"), {"slug": "ramp", "status": "ordered"}).status_code == 404
    )
    assert client.post(_url(demo, "add/"), {"name": "Bidet seat"}).status_code == 404
    assert client.post(_url(demo, "ramp/note/"), {"note": "x"}).status_code == 404
    assert _state() == before


def test_a_visitor_is_sent_to_sign_in_and_nothing_changes(demo: Demo) -> None:
    before = _state()
    response = Client().post(_url(demo, "status/"), {"slug": "ramp", "status": "ordered"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert _state() == before


def test_a_bad_status_or_date_is_refused_in_words_and_changes_nothing(demo: Demo) -> None:
    before = _state()
    client = _client(demo.person)
    bad = client.post(_url(demo, "status/"), {"slug": "ramp", "status": "stolen"})
    assert bad.status_code == 400
    far = client.post(
        _url(demo, "status/"), {"slug": "ramp", "status": "ordered", "target_date": "2099-01-01"}
    )
    assert far.status_code == 400 and "three years ahead" in far.content.decode()
    unknown = client.post(_url(demo, "status/"), {"slug": "jetpack", "status": "ordered"})
    assert unknown.status_code == 400
    assert _state() == before


def test_the_persons_home_shows_three_items_to_start_now_and_how_many_more(demo: Demo) -> None:
    page = _client(demo.person).get("/").content.decode()
    card = page.split("Equipment to start on now")[1].split("Your equipment and home plan")[0]
    assert card.count("<li>") == 3
    assert "Wheelchair-accessible vehicle" in card
    assert "more to start on now" in card
    assert "Power wheelchair" not in card  # ordered: its steps have started


def test_the_caregivers_home_shows_the_equipment_card_too(demo: Demo) -> None:
    page = _client(demo.caregiver).get("/").content.decode()
    assert "Equipment and home plan for Sam Rivera" in page


def test_the_home_changes_are_a_checklist_by_area(demo: Demo) -> None:
    page = _page(demo, demo.person)
    home = page.split('id="home-title"')[1]
    for area in ("Entrance", "Stairs", "Bathroom", "Bedroom", "Kitchen", "Car"):
        assert f">{area}</h3>" in home
    assert "Ramp at the entrance" in home and "Takes 1 to 12 weeks." in home
    assert "on the plan (Discussing)" in home


def test_walking_aids_are_listed_apart_once_walking_is_gone(demo: Demo) -> None:
    page = _page(demo, demo.person)
    gone = page.split('id="outgrown-title"')[1].split('id="home-title"')[0]
    assert "Cane" in gone and "Rollator" in gone
    assert 'id="item-cane"' not in page  # never a card to start now
