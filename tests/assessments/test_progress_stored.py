"""The progress page's figures and charts are stored per state of their inputs
(alsmove.assessments.progress_store) and never shown stale: every input change shows at
the next request, and a stored page is the page made afresh."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from signin_support import sign_in

from alsmove.assessments import progress_store
from alsmove.assessments.models import Assessment
from alsmove.assessments.progress import build_progress
from alsmove.assessments.progress_store import forget_all, progress_context
from alsmove.assessments.services import record_assessment
from alsmove.demo.seed import Demo
from alsmove.patients.clock import today_for
from alsmove.patients.models import FunctionalProfile

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture(autouse=True)
def _fresh_store() -> None:
    forget_all()


def _page(client: Client, demo: Demo) -> str:
    html = client.get(f"/patients/{demo.patient.pk}/progress/").content.decode()
    return CSRF.sub("", html)


def _client(user: object) -> Client:
    client = Client()
    sign_in(client, user)  # type: ignore[arg-type]
    return client


def _latest(demo: Demo) -> Assessment:
    return Assessment.objects.current().filter(patient=demo.patient).order_by("taken_on").last()


def _items_with_total(latest: Assessment, change: int) -> dict[str, int]:
    items = dict(latest.items)
    key = next(k for k, v in items.items() if 0 <= int(v) + change <= 4)
    items[key] = int(items[key]) + change
    return items


def test_a_stored_progress_page_is_the_page_made_afresh(demo: Demo) -> None:
    for user in (demo.person, demo.therapist):
        client = _client(user)
        fresh = _page(client, demo)
        assert _page(client, demo) == fresh  # read from the store
        forget_all()
        assert _page(client, demo) == fresh


def test_the_stored_figures_equal_the_figures_built_from_the_record(demo: Demo) -> None:
    today = today_for(demo.patient)
    for user in (demo.person, demo.therapist):
        built = build_progress(demo.patient, user, today)
        for _ in range(2):  # made, then read from the store
            stored = progress_context(demo.patient, user, today)
            assert {k: v for k, v in stored.items() if k != "charts_html"} == built


def test_a_new_assessment_shows_on_the_progress_page_at_once(demo: Demo) -> None:
    client = _client(demo.therapist)
    before = _page(client, demo)
    latest = _latest(demo)
    items = _items_with_total(latest, -1)
    day = today_for(demo.patient)
    assert day > latest.taken_on
    record_assessment(patient=demo.patient, by=demo.therapist, taken_on=day, items=items)
    after = _page(client, demo)
    assert after != before
    assert f"{latest.total - 1} out of 48" in after
    forget_all()
    assert _page(client, demo) == after


def test_a_corrected_assessment_shows_its_new_total_at_once(demo: Demo) -> None:
    client = _client(demo.therapist)
    before = _page(client, demo)
    rated = (
        Assessment.objects.current()
        .filter(patient=demo.patient, source="clinician")
        .order_by("taken_on")
        .last()
    )
    assert rated is not None
    items = _items_with_total(rated, -2)
    record_assessment(
        patient=demo.patient,
        by=demo.therapist,
        taken_on=rated.taken_on,
        items=items,
        replaces=rated,
    )
    after = _page(client, demo)
    assert after != before
    forget_all()
    assert _page(client, demo) == after


def test_a_removed_assessment_leaves_the_progress_page_at_once(demo: Demo) -> None:
    client = _client(demo.therapist)
    before = _page(client, demo)
    _latest(demo).delete()
    after = _page(client, demo)
    assert after != before
    forget_all()
    assert _page(client, demo) == after


def test_a_record_removed_and_another_saved_in_its_place_shows_the_new_one(demo: Demo) -> None:
    # SQLite gives the new row the removed row's id: the stored figures must still go.
    client = _client(demo.therapist)
    latest = _latest(demo)
    _page(client, demo)
    latest.delete()
    record_assessment(
        patient=demo.patient,
        by=demo.therapist,
        taken_on=latest.taken_on,
        items=_items_with_total(latest, -3),
    )
    after = _page(client, demo)
    assert f"{latest.total - 3} out of 48" in after
    forget_all()
    assert _page(client, demo) == after


def test_a_changed_onset_date_changes_the_rate_at_once(demo: Demo) -> None:
    client = _client(demo.therapist)
    before = _page(client, demo)
    assert demo.patient.onset_date is not None
    demo.patient.onset_date -= timedelta(days=400)
    demo.patient.save(update_fields=["onset_date"])
    after = _page(client, demo)
    assert after != before
    forget_all()
    assert _page(client, demo) == after


def test_a_changed_functional_profile_changes_the_stage_at_once(demo: Demo) -> None:
    today = today_for(demo.patient)
    progress_context(demo.patient, demo.therapist, today)
    assert len(progress_store._KEPT) == 1
    profile = FunctionalProfile.objects.get(patient=demo.patient)
    profile.walking = "unable"
    profile.standing = "unsafe"
    profile.sitting_balance = "poor"
    profile.save()
    after = progress_context(demo.patient, demo.therapist, today)["stages"]
    assert len(progress_store._KEPT) == 2  # the profile is an input: made again
    assert after == build_progress(demo.patient, demo.therapist, today)["stages"]


def test_the_next_day_on_the_persons_clock_makes_the_charts_again(demo: Demo) -> None:
    today = today_for(demo.patient)
    first = progress_context(demo.patient, demo.therapist, today)["charts_html"]
    later = today + timedelta(days=45)
    next_ = progress_context(demo.patient, demo.therapist, later)["charts_html"]
    assert next_ != first
    forget_all()
    assert progress_context(demo.patient, demo.therapist, later)["charts_html"] == next_


def test_the_page_speaks_each_requests_language_although_its_charts_are_stored(
    demo: Demo,
) -> None:
    client = _client(demo.therapist)
    demo.therapist.language = ""
    demo.therapist.save(update_fields=["language"])
    english = _page(client, demo)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    spanish = _page(client, demo)
    assert "Total score" in english and "Total score" not in spanish
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert _page(client, demo) == english


def test_the_forecast_choice_changes_the_stored_charts_at_once(demo: Demo) -> None:
    client = _client(demo.person)
    assert "Likely range" not in _page(client, demo)
    client.post(f"/patients/{demo.patient.pk}/progress/forecast/", {"show_forecast": "yes"})
    assert "Likely range" in _page(client, demo)
    client.post(f"/patients/{demo.patient.pk}/progress/forecast/", {"show_forecast": "no"})
    assert "Likely range" not in _page(client, demo)


def test_nothing_of_who_asks_is_stored(demo: Demo) -> None:
    # The therapist, then a caregiver who may not edit the record, on the same inputs.
    therapist = _page(_client(demo.therapist), demo)
    demo.caregiver.show_forecast = True
    demo.caregiver.save(update_fields=["show_forecast"])
    caregiver = _page(_client(demo.caregiver), demo)
    assert "As a therapist you always see the forecast." in therapist
    assert "As a therapist you always see the forecast." not in caregiver
    forget_all()
    assert _page(_client(demo.caregiver), demo) == caregiver
    assert timezone.now()  # the clock is real: nothing here is frozen
