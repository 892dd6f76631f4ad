"""The routine's API answer is made once per state of its inputs and kept per process
(`alsmove.api.routines._ANSWERS`). After each kind of change the kept answer must be the
answer made from nothing kept."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from signin_support import sign_in

from alsmove.api import routines as api_routines
from alsmove.core.i18n import Message
from alsmove.demo.seed import Demo
from alsmove.routines.models import RoutinePlan, Status
from alsmove.routines.services import WHY_FIRST, approve, propose, undo_revision


def _url(demo: Demo, rest: str = "") -> str:
    return f"/api/v1/patients/{demo.patient.pk}/routine{rest}"


def _ask(client: Client, url: str, language: str = "en") -> Any:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, response.content
    return response


def _made_fresh(client: Client, url: str, language: str = "en") -> bytes:
    api_routines._ANSWERS.clear()
    return bytes(_ask(client, url, language).content)


@pytest.fixture
def person(demo: Demo) -> Client:
    api_routines._ANSWERS.clear()
    client = Client()
    sign_in(client, demo.person)
    return client


def _therapist(demo: Demo) -> Client:
    client = Client()
    sign_in(client, demo.therapist)
    return client


def _in_use(demo: Demo) -> RoutinePlan:
    plan = RoutinePlan.objects.filter(patient=demo.patient, status=Status.APPROVED).first()
    assert plan is not None  # the demo's routine is approved
    return plan


def _new_version(demo: Demo, day: int = 0) -> tuple[RoutinePlan, str]:
    """A therapist's edit of the routine in use: a new version waiting for review, without
    the day's first exercise (returned)."""
    plan = _in_use(demo)
    first = plan.items_for_day(day)[0]["exercise"]
    edited = _therapist(demo).post(
        _url(demo, f"/{plan.version}/edit"),
        json.dumps({"changes": [{"exercise": first, "remove": True}]}),
        content_type="application/json",
    )
    assert edited.status_code == 201, edited.content
    return RoutinePlan.objects.get(patient=demo.patient, version=edited.json()["version"]), first


def test_the_kept_answer_is_the_answer_made_from_nothing_kept(demo: Demo, person: Client) -> None:
    first = _ask(person, _url(demo))
    again = _ask(person, _url(demo))
    assert again.content == first.content == _made_fresh(person, _url(demo))
    assert again["Content-Type"] == "application/json; charset=utf-8"
    assert len(api_routines._ANSWERS) == 1


def test_each_language_has_its_own_answer(demo: Demo, person: Client) -> None:
    english = _ask(person, _url(demo, "?day=2")).content
    spanish = _ask(person, _url(demo, "?day=2"), "es").content
    german = _ask(person, _url(demo, "?day=2"), "de").content
    assert len({english, spanish, german}) == 3
    assert spanish == _made_fresh(person, _url(demo, "?day=2"), "es")
    assert german == _made_fresh(person, _url(demo, "?day=2"), "de")
    assert _ask(person, _url(demo, "?day=2")).content == english


def test_each_day_of_the_week_has_its_own_answer(demo: Demo, person: Client) -> None:
    days = [json.loads(_ask(person, _url(demo, f"?day={day}")).content) for day in range(7)]
    assert [answer["day"] for answer in days] == list(range(7))
    for day in range(7):
        assert json.loads(_made_fresh(person, _url(demo, f"?day={day}"))) == days[day]


def test_a_new_version_waiting_for_review_shows_as_pending_at_once(
    demo: Demo, person: Client
) -> None:
    before = json.loads(_ask(person, _url(demo)).content)
    assert before["pending_version"] is None
    plan, _first = _new_version(demo)
    after = json.loads(_ask(person, _url(demo)).content)
    assert after["pending_version"] == plan.version
    assert after == json.loads(_made_fresh(person, _url(demo)))


def test_an_approval_shows_the_new_version_its_items_reviewer_and_time_at_once(
    demo: Demo, person: Client
) -> None:
    before = json.loads(_ask(person, _url(demo, "?day=0")).content)
    plan, first = _new_version(demo)
    _ask(person, _url(demo, "?day=0"))
    approve(plan, by=demo.therapist)
    after = json.loads(_ask(person, _url(demo, "?day=0")).content)
    assert after["version"] == plan.version and after["status"] == Status.APPROVED
    assert after["reviewed_by"] == demo.therapist.full_name and after["reviewed_at"]
    assert after["reviewed_at"] != before["reviewed_at"]
    assert after["pending_version"] is None
    assert first in {i["exercise"] for i in before["items"]}
    assert first not in {i["exercise"] for i in after["items"]}
    assert after == json.loads(_made_fresh(person, _url(demo, "?day=0")))


def test_a_reviewer_who_changes_their_name_is_shown_by_the_new_name(
    demo: Demo, person: Client
) -> None:
    reviewer = _in_use(demo).reviewed_by
    assert reviewer is not None
    old_name = json.loads(_ask(person, _url(demo)).content)["reviewed_by"]
    assert old_name == reviewer.full_name
    reviewer.full_name = old_name + " Reyes"
    reviewer.save(update_fields=["full_name"])
    after = json.loads(_ask(person, _url(demo)).content)
    assert after["reviewed_by"] == old_name + " Reyes"
    assert after == json.loads(_made_fresh(person, _url(demo)))


def test_undoing_an_edit_shows_the_routine_it_came_from_at_once(demo: Demo, person: Client) -> None:
    before = json.loads(_ask(person, _url(demo)).content)
    edited, _first = _new_version(demo)
    assert json.loads(_ask(person, _url(demo)).content)["pending_version"] == edited.version
    undo_revision(edited, by=demo.therapist)
    after = json.loads(_ask(person, _url(demo)).content)
    assert after == before
    assert after == json.loads(_made_fresh(person, _url(demo)))


def test_undoing_an_edit_before_any_approval_shows_the_first_proposal_again(
    demo: Demo, person: Client
) -> None:
    RoutinePlan.objects.filter(patient=demo.patient).update(status=Status.SUPERSEDED)
    first = propose(demo.patient, by=demo.therapist, why=Message(WHY_FIRST))
    assert first is not None
    shown = json.loads(_ask(person, _url(demo, "?day=0")).content)
    assert shown["version"] == first.version and shown["status"] == Status.PROPOSED
    edited = _therapist(demo).post(
        _url(demo, f"/{first.version}/edit"),
        json.dumps({"changes": [{"exercise": first.items[0]["exercise"], "remove": True}]}),
        content_type="application/json",
    )
    assert edited.status_code == 201, edited.content
    new = RoutinePlan.objects.get(patient=demo.patient, version=edited.json()["version"])
    assert json.loads(_ask(person, _url(demo, "?day=0")).content)["version"] == new.version
    undo_revision(new, by=demo.therapist)
    after = json.loads(_ask(person, _url(demo, "?day=0")).content)
    assert after == shown
    assert after == json.loads(_made_fresh(person, _url(demo, "?day=0")))
