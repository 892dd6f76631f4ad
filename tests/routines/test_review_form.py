"""The therapist's edit of a routine is read by one form (`routines.review_form`) on the
review page and in the API: the same edit makes the same version either way."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from signin_support import sign_in

from alsmove.accounts.models import AuditEvent, User
from alsmove.demo.seed import Demo
from alsmove.routines import review_form
from alsmove.routines.models import RoutinePlan
from alsmove.routines.review_form import ReviewForm, edit_data
from alsmove.routines.services import plan_in_use


def _client(user: User) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def _plan(demo: Demo) -> RoutinePlan:
    plan = plan_in_use(demo.patient)
    assert plan is not None and len(plan.items) >= 2
    return plan


def _newest(demo: Demo) -> RoutinePlan:
    return RoutinePlan.objects.filter(patient=demo.patient).order_by("-version").first()  # type: ignore[return-value]


def test_an_empty_form_keeps_every_exercise_as_the_version_holds_it(demo: Demo) -> None:
    plan = _plan(demo)
    form = ReviewForm(plan, {})
    assert form.is_valid()
    assert [(c.exercise, c.remove, c.reps) for c in form.changes()] == [
        (i["exercise"], False, i["reps"]) for i in plan.items
    ]
    assert all(c.hold_min is None and c.hold_max is None for c in form.changes())
    assert form.added() is None and form.removed() == []


def test_the_first_problem_is_the_one_reported_naming_the_exercise_and_the_field(
    demo: Demo,
) -> None:
    plan = _plan(demo)
    first, second = plan.items[0], plan.items[1]
    data = {f"hold_max-{first['exercise']}": "0", f"reps-{second['exercise']}": "x"}
    form = ReviewForm(plan, data)
    assert not form.is_valid()
    assert form.first_error() == (
        f"{first['name']}, longest hold: choose a number between 1 and 120."
    )
    assert len(form.non_field_errors()) == 1


def test_an_exercise_to_add_must_be_in_the_library(demo: Demo) -> None:
    form = ReviewForm(_plan(demo), {"add": "no-such-exercise"})
    assert not form.is_valid()
    assert form.first_error() == "That exercise is not in the library."


def test_the_apis_json_becomes_the_pages_fields(demo: Demo) -> None:
    changes = [
        {"exercise": "a", "remove": True, "reps": None, "hold_min": None, "hold_max": None},
        {"exercise": "b", "remove": False, "reps": 8, "hold_min": 5, "hold_max": 10},
    ]
    assert edit_data(changes, None) == {
        "add": "",
        "remove-a": "on",
        "reps-a": "",
        "hold_min-a": "",
        "hold_max-a": "",
        "remove-b": "",
        "reps-b": "8",
        "hold_min-b": "5",
        "hold_max-b": "10",
    }


def test_the_same_edit_on_the_page_and_in_the_api_makes_the_same_version(demo: Demo) -> None:
    plan = _plan(demo)
    key = plan.items[0]["exercise"]
    new_reps = 3 if plan.items[0]["reps"] != 3 else 4
    client = _client(demo.therapist)
    page = client.post(
        f"/patients/{demo.patient.pk}/routine/review/", {f"reps-{key}": str(new_reps)}
    )
    assert page.status_code == 302
    from_page = _newest(demo)
    assert from_page.version == plan.version + 1
    body = json.dumps({"changes": [{"exercise": key, "reps": new_reps}]})
    api = client.post(
        f"/api/v1/patients/{demo.patient.pk}/routine/{plan.version}/edit",
        body,
        content_type="application/json",
    )
    assert api.status_code == 201
    from_api = _newest(demo)
    assert from_api.version == from_page.version + 1
    assert from_api.items == from_page.items
    assert next(i for i in from_api.items if i["exercise"] == key)["reps"] == new_reps
    revised = AuditEvent.objects.filter(patient=demo.patient, action="routine_revised")
    assert revised.count() == 2


def test_the_page_and_the_api_both_read_the_edit_through_the_one_form(
    demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[dict[str, Any]] = []
    clean = ReviewForm.clean

    def spy(self: ReviewForm) -> dict[str, Any]:
        seen.append(dict(self.data))
        return clean(self)

    monkeypatch.setattr(review_form.ReviewForm, "clean", spy)
    plan = _plan(demo)
    key = plan.items[0]["exercise"]
    client = _client(demo.therapist)
    client.post(f"/patients/{demo.patient.pk}/routine/review/", {f"reps-{key}": "99"})
    client.post(
        f"/api/v1/patients/{demo.patient.pk}/routine/{plan.version}/edit",
        json.dumps({"changes": [{"exercise": key, "reps": 2}]}),
        content_type="application/json",
    )
    assert len(seen) == 2
    assert seen[1][f"reps-{key}"] == "2"


def test_a_problem_names_the_exercise_in_the_pages_language(demo: Demo) -> None:
    from django.utils import translation

    from alsmove.exercises.names import exercise_name

    plan = _plan(demo)
    item = plan.items[0]
    with translation.override("de"):
        form = ReviewForm(plan, {f"reps-{item['exercise']}": "99"})
        assert not form.is_valid()
        german = exercise_name(item)
        assert german != item["name"]
        assert form.first_error().startswith(german)
