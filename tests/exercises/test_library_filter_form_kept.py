"""The library's filter form is drawn once and kept per process (exercises.views.
_drawn_filter_form), under everything it shows: the language, each value asked and the
reader's "suits" choices. Every change shows at once, and a kept form is the form drawn
from nothing kept."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone
from signin_support import sign_in

from alsmove.demo.seed import Demo
from alsmove.exercises import views
from alsmove.patients.models import CareLink, FunctionalProfile


def _form(client: Client, params: dict[str, str] | None = None) -> str:
    html = client.get("/library/", params or {}).content.decode()
    found = re.search(r'<form method="get" class="filter-form".*?</form>', html, re.S)
    assert found is not None
    return found.group(0)


def _kept_is_fresh(client: Client, params: dict[str, str] | None = None) -> str:
    kept = _form(client, params)
    assert len(views._FILTER_FORMS) > 0
    views._FILTER_FORMS.clear()
    assert kept == _form(client, params)
    return kept


@pytest.fixture
def person(demo: Demo) -> Client:
    client = Client()
    sign_in(client, demo.person)
    client.get("/")  # the sign-in's message shows here, not on the list
    return client


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"page": "2"},
        {"q": "neck"},
        {"region": "neck"},
        {"kind": "no-such-kind"},  # not recognised: the form says so
        {"position": "seated", "performer": "self"},
    ],
)
def test_a_kept_filter_form_is_the_form_drawn_from_nothing_kept(
    person: Client, params: dict[str, str]
) -> None:
    _form(person, params)
    _kept_is_fresh(person, params)


def test_each_value_asked_shows_in_the_form_at_once(person: Client) -> None:
    _form(person)
    assert 'value="neck"' in _kept_is_fresh(person, {"q": "neck"})
    assert 'value="shoulder"' in _kept_is_fresh(person, {"q": "shoulder"})
    assert "not recognised" in _kept_is_fresh(person, {"kind": "no-such-kind"})
    assert "not recognised" not in _kept_is_fresh(person, {"kind": ""})


def test_the_form_speaks_each_readers_language_although_kept(demo: Demo, person: Client) -> None:
    english = _form(person)
    for code in ("es", "de", "en"):
        demo.person.language = code
        demo.person.save(update_fields=["language"])
        assert (_kept_is_fresh(person) == english) == (code == "en")


def test_a_new_record_to_filter_by_shows_in_the_form_at_once(demo: Demo) -> None:
    client = Client()
    sign_in(client, demo.other_person)
    client.get("/")
    assert f"Suits {demo.patient.display_name}" not in _form(client)
    link = CareLink.objects.create(
        patient=demo.patient,
        member=demo.other_person,
        relation="caregiver",
        permission="view",
        added_by=demo.therapist,
    )
    assert f"Suits {demo.patient.display_name}" in _kept_is_fresh(client)
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    assert f"Suits {demo.patient.display_name}" not in _kept_is_fresh(client)


def test_a_renamed_record_shows_by_its_new_name_in_the_form_at_once(demo: Demo) -> None:
    client = Client()
    sign_in(client, demo.caregiver)
    client.get("/")
    assert f"Suits {demo.patient.display_name}" in _form(client)
    demo.patient.display_name = "Samantha Rivera"
    demo.patient.save(update_fields=["display_name"])
    assert "Suits Samantha Rivera" in _kept_is_fresh(client)


def test_a_removed_profile_takes_the_record_out_of_the_form_at_once(demo: Demo) -> None:
    client = Client()
    sign_in(client, demo.caregiver)
    client.get("/")
    assert f"Suits {demo.patient.display_name}" in _form(client)
    FunctionalProfile.objects.filter(patient=demo.patient).delete()
    assert "Suits" not in _kept_is_fresh(client)
