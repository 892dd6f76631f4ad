"""The library's search box and "suits me" filter: server-side, so they work without
JavaScript; "suits me" asks the core's safety rules about the chosen record's profile."""

from __future__ import annotations

from django.test import Client
from signin_support import sign_in

from alsmove.core.safety import safe_positions
from alsmove.demo.seed import Demo
from alsmove.exercises.services import exercise_library
from alsmove.patients.services import core_profile


def _client(user: object | None = None) -> Client:
    client = Client()
    if user is not None:
        sign_in(client, user)  # type: ignore[arg-type]
    return client


def _names(response: object) -> list[str]:
    """Every exercise the search and filters kept, on all of the list's pages."""
    rows = response.context["page"].paginator.object_list  # type: ignore[attr-defined]
    return [row["exercise"].name for row in rows]


def test_searching_finds_exercises_by_any_word_in_any_case(demo: Demo) -> None:
    response = _client(demo.person).get("/library/", {"q": "SHOULDER"})
    names = _names(response)
    assert names
    everything = exercise_library()
    expected = [
        e for e in everything if "shoulder" in (e.name + e.summary + " ".join(e.steps)).lower()
    ]
    assert len(names) >= len(expected) > 0
    assert len(names) < len(everything)
    assert _names(_client(demo.person).get("/library/", {"q": "zebra crossing"})) == []


def test_suits_me_keeps_exactly_the_exercises_the_safety_rules_allow_for_the_person(
    demo: Demo,
) -> None:
    profile = core_profile(demo.patient)
    assert profile is not None
    response = _client(demo.person).get("/library/", {"suits": str(demo.patient.pk)})
    safe = sorted(e.name for e in exercise_library() if safe_positions(e, profile))
    assert sorted(_names(response)) == safe
    assert 0 < len(safe) < len(exercise_library())
    assert "Suits me" in response.content.decode()


def test_search_and_suits_me_combine_with_the_other_filters(demo: Demo) -> None:
    profile = core_profile(demo.patient)
    assert profile is not None
    response = _client(demo.person).get(
        "/library/", {"q": "stretch", "suits": str(demo.patient.pk), "position": "seated"}
    )
    for row in response.context["rows"]:
        exercise = row["exercise"]
        assert safe_positions(exercise, profile) and "seated" in exercise.positions


def test_a_caregiver_filters_by_the_person_they_care_for_by_name(demo: Demo) -> None:
    response = _client(demo.caregiver).get("/library/")
    assert f"Suits {demo.patient.display_name}" in response.content.decode()


def test_someone_elses_record_cannot_be_used_to_filter_and_shows_everything(demo: Demo) -> None:
    everything = len(exercise_library())
    response = _client(demo.other_person).get("/library/", {"suits": str(demo.patient.pk)})
    assert response.status_code == 200
    assert len(_names(response)) == everything
    assert demo.patient.display_name not in response.content.decode()
    anonymous = _client().get("/library/", {"suits": str(demo.patient.pk), "q": "neck"})
    assert anonymous.status_code == 200 and "Suits" not in anonymous.content.decode()
