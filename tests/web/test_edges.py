"""Edges: an unknown Host, caching of pages with a person's data, a 10 MB body."""

from __future__ import annotations

import pytest
from django.test import Client
from logbook_support import client_for
from routes_support import Route, all_routes, demo_samples, url_for

from alsmove.demo.seed import Demo
from alsmove.web.middleware import NO_STORE

TEN_MB = 10 * 1024 * 1024
PATIENT_ROUTES = [r for r in all_routes() if "patient_id" in r.template]


def test_an_unknown_host_gets_400_with_the_products_error_page() -> None:
    response = Client(HTTP_HOST="evil.example").get("/")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Something in that request was not right" in page
    assert "ALS Move" in page and "Log out" not in page


def test_an_unknown_host_on_the_api_gets_the_apis_json_error() -> None:
    response = Client(HTTP_HOST="evil.example").get("/api/v1/patients")
    assert response.status_code == 400
    assert response.json() == {"detail": "The request is not valid."}


@pytest.mark.parametrize("route", PATIENT_ROUTES, ids=lambda r: r.template)
def test_every_answer_about_a_person_is_no_store_and_private(demo: Demo, route: Route) -> None:
    url = url_for(route, demo_samples(demo))
    for user in (demo.person, demo.therapist):
        response = client_for(user).get(url)
        assert response["Cache-Control"] == NO_STORE, (url, response.status_code)


def test_the_home_page_and_the_api_list_for_a_logged_in_person_are_not_stored(
    demo: Demo,
) -> None:
    client = client_for(demo.person)
    for url in ("/", "/api/v1/patients", "/caseload/", "/accounts/preferences/"):
        assert client.get(url)["Cache-Control"] == NO_STORE, url
    # Refusals of the API are not kept either (they still say what exists).
    assert Client().get("/api/v1/patients")["Cache-Control"] == NO_STORE


def test_a_public_page_for_a_visitor_may_be_cached(demo: Demo) -> None:
    response = Client().get("/library/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_10_mb_body_to_the_api_answers_in_the_apis_json_shape(demo: Demo) -> None:
    response = client_for(demo.person).post(
        f"/api/v1/patients/{demo.patient.pk}/logs", "x" * TEN_MB, content_type="application/json"
    )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert "too large" in response.json()["detail"]


def test_a_10_mb_form_answers_with_a_page_in_words(demo: Demo) -> None:
    response = client_for(demo.person).post(
        f"/patients/{demo.patient.pk}/edit/", {"display_name": "x" * TEN_MB}
    )
    assert response.status_code == 413
    assert b"too much to send at once" in response.content
    demo.patient.refresh_from_db()
    assert demo.patient.display_name == "Sam Rivera"
