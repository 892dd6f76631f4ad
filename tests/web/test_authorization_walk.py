"""Every route, tried by everyone who must be refused.

The routes come from Django's URL resolver (pages and the API alike), so a new route is
walked the day it is added. A route with a parameter this file has no sample for fails
the test, and so does a route that is neither public nor known to need a login.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client
from routes_support import API_BODIES, Route, all_routes, demo_samples, url_for
from signin_support import sign_in

from alsmove.accounts.models import AuditEvent
from alsmove.demo.seed import Demo
from alsmove.patients.models import CareLink, Invitation

# Routes anyone may open: they show no one's data.
PUBLIC = {
    "",
    "about/",
    "accounts/login/",
    "accounts/logout/",
    "accounts/signup/",
    "accounts/password-reset/",
    "accounts/password-reset/sent/",
    "accounts/reset/<uidb64>/<token>/",
    "accounts/reset/done/",
    "library/",
    "library/<slug:slug>/",
    "library/<slug:slug>/pictogram.svg",
    "resources/",
    "resources/<slug:resource>/",
    "api/v1/exercises",
    "api/v1/exercises/<slug>",
}
# Public, and answered by going back to the page it was used on: the language switcher.
PUBLIC_REDIRECTS = {"accounts/language/<str:code>/"}
REFUSED_STATUSES = {302, 401, 403, 404, 405}
# Pages only the therapist may open: the person owns the record but does not approve
# their own routine (patients.policy: OWNER_GRANTS has no EDIT_PLAN), so they get 403.
THERAPIST_ONLY = {
    "patients/<int:patient_id>/routine/review/",
    # Importing ALSFRS-R records from a FHIR bundle (Action.IMPORT_ASSESSMENTS).
    "patients/<int:patient_id>/fhir/import/",
    "patients/<int:patient_id>/documents/plan-of-care/",
}
# Pages for those added to a record: the person owns it and cannot leave it (403).
MEMBERS_ONLY = {"patients/<int:patient_id>/team/leave/"}
# Pages only the person opens: how they have been feeling is asked of them alone
# (Action.ANSWER_FEELINGS), so their therapist (and a caregiver) gets 403.
PERSON_ONLY = {
    "patients/<int:patient_id>/feeling/",
    # Who looked at the record is the person's own (Action.SEE_TRAIL).
    "patients/<int:patient_id>/who-looked/",
    "patients/<int:patient_id>/feeling/<int:feeling_id>/share/",
    # The whole record leaves or is erased only at the person's own request.
    "patients/<int:patient_id>/your-data/",
    "patients/<int:patient_id>/your-data/record.zip",
    "patients/<int:patient_id>/your-data/record.json",
    "patients/<int:patient_id>/delete/",
}
# Not for the therapist (403): a calendar link is the person's or a caregiver's own, and
# the export is the person's (its API route takes GET only, so it is not in PERSON_ONLY).
NOT_FOR_THERAPISTS = {
    "patients/<int:patient_id>/calendar/",
    "api/v1/patients/<patient_id>/calendar-link",
    "api/v1/patients/<patient_id>/export",
}
ROUTES = all_routes()
PATIENT_ROUTES = [r for r in ROUTES if "patient_id" in r.template]


def _url(route: Route, demo: Demo) -> str:
    return url_for(route, demo_samples(demo))


def _counts() -> tuple[int, ...]:
    """Rows a refused request must never add, change or remove. A refusal itself is
    audited ("refused"), so only the other audit rows are counted."""
    return (
        CareLink.objects.count(),
        CareLink.objects.filter(revoked_at__isnull=True).count(),
        Invitation.objects.count(),
        Invitation.objects.filter(status="pending").count(),
        AuditEvent.objects.exclude(action="refused").count(),
    )


def _client_for(user: object | None) -> Client:
    client = Client()
    if user is not None:
        sign_in(client, user)  # type: ignore[arg-type]
    return client


def test_the_walk_finds_the_patient_routes() -> None:
    templates = {r.template for r in ROUTES}
    assert "patients/<int:patient_id>/" in templates
    assert any(t.startswith("api/v1/patients") for t in templates)


@pytest.mark.parametrize("route", PATIENT_ROUTES, ids=lambda r: r.template)
def test_strangers_are_refused_every_patient_route(demo: Demo, route: Route) -> None:
    url = _url(route, demo)
    before = _counts()
    strangers = {
        "anonymous": None,
        "unrelated therapist": demo.other_therapist,
        "unrelated person": demo.other_person,
        "clinic administrator": demo.admin,
    }
    for who, user in strangers.items():
        client = _client_for(user)
        for method in ("get", "post", "put", "delete") if route.is_api else ("get", "post"):
            if method != "get" and route.is_api:
                body = json.dumps(API_BODIES.get(route.template, {}))
                response = getattr(client, method)(url, body, content_type="application/json")
                if response.status_code in (400, 422):
                    pytest.fail(f"Add a valid body for {route.template} to API_BODIES")
            else:
                response = getattr(client, method)(url)
            assert response.status_code in REFUSED_STATUSES, (who, method, url)
            if response.status_code == 302:
                assert who == "anonymous" and "/accounts/login/" in response["Location"]
            assert demo.patient.display_name.encode() not in response.content, (who, url)
    assert _counts() == before, url


@pytest.mark.parametrize("route", PATIENT_ROUTES, ids=lambda r: r.template)
def test_the_person_and_their_therapist_can_open_every_patient_page(
    demo: Demo, route: Route
) -> None:
    url = _url(route, demo)
    for user in (demo.person, demo.therapist):
        response = _client_for(user).get(url)
        if user == demo.person and route.template in THERAPIST_ONLY | MEMBERS_ONLY:
            assert response.status_code == 403, (user, url, response.status_code)
            continue
        if user == demo.therapist and route.template in PERSON_ONLY | NOT_FOR_THERAPISTS:
            assert response.status_code in (403, 405), (user, url, response.status_code)
            continue
        # 405: a route that only takes POST (it changes something); 302: a route that
        # starts a flow and moves on to its first screen.
        assert response.status_code in (200, 302, 405), (user, url, response.status_code)
        if response.status_code == 302:
            assert "/accounts/login/" not in response["Location"]


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.template or "/")
def test_an_anonymous_visitor_reaches_only_public_routes(demo: Demo, route: Route) -> None:
    url = _url(route, demo)
    response = Client().get(url)
    if route.template in PUBLIC:
        assert response.status_code in (200, 405), url
    elif route.template in PUBLIC_REDIRECTS:
        assert response.status_code == 302, url
        assert "/accounts/login/" not in response["Location"]
    else:
        assert response.status_code in (302, 401, 404, 405), url
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("template", sorted(PERSON_ONLY))
def test_the_care_team_is_refused_the_pages_only_the_person_answers(
    demo: Demo, template: str
) -> None:
    route = next(r for r in ROUTES if r.template == template)
    url = _url(route, demo)
    before = _counts()
    for user in (demo.therapist, demo.caregiver):
        response = _client_for(user).post(url, {"answer": "low", "tell": "yes"})
        assert response.status_code == 403, (user, url)
    assert _counts() == before
