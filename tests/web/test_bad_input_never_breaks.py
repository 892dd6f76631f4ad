"""Junk sent to every route that takes a form or a body gets an answer in words, never
a server error, and changes nothing that was saved. Routes come from the URL resolver."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from routes_support import Route, all_routes, demo_samples, url_for
from signin_support import sign_in

from alsmove.accounts.models import AuditEvent
from alsmove.assessments.models import Assessment
from alsmove.demo.seed import Demo
from alsmove.logbook.models import SessionLog
from alsmove.patients.models import CareLink, Invitation
from alsmove.routines.models import RoutinePlan

JUNK_FORM = {
    "answer": "9",
    "taken_on": "2020-99-99",
    "pain": "-1",
    "fatigue": "eleven",
    "client_id": "not-a-uuid",
    "cramps": "volcanic",
    "minutes": "lots",
    "standing": "flying",
    "email": "@@",
    "permission": "everything",
    "note": "x" * 5000,
    "add": "no-such-exercise",
    "role": "emperor",
    "full_name": "",
    "days": "8",
    "time": "25:99",
    "kind": "sideways",
    "next": "https://elsewhere.example/",
    "username": "\x00",
    "password": "",
}
JUNK_BODIES = [{}, {"date": "yesterday"}, {"items": {"1": 99}}, [], "text", {"changes": "x"}]
ROUTES = [r for r in all_routes() if "<" in r.template or r.template.endswith("/")]
# Routes whose plain POST is a complete, valid request (a button with no fields): junk
# fields around it are ignored and the action happens, as a press of the button would.
BUTTON_ONLY = ("propose", "revoke", "withdraw", "switch-off", "reset-two-step", "calendar-link")


def _counts() -> tuple[int, ...]:
    return (
        Assessment.objects.count(),
        SessionLog.objects.count(),
        RoutinePlan.objects.count(),
        CareLink.objects.count(),
        CareLink.objects.filter(revoked_at__isnull=True).count(),
        Invitation.objects.count(),
        Invitation.objects.filter(status="pending").count(),
        # A refused request is audited ("refused"); nothing else may be.
        AuditEvent.objects.exclude(action="refused").count(),
    )


def _client(user: object) -> Client:
    client = Client(raise_request_exception=False)
    sign_in(client, user)  # type: ignore[arg-type]
    return client


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.template or "/")
def test_junk_posted_to_any_route_gets_an_answer_and_saves_nothing(
    demo: Demo, route: Route
) -> None:
    url = url_for(route, demo_samples(demo))
    counts = _counts()
    for user in (demo.person, demo.therapist, demo.admin):
        client = _client(user)
        if route.is_api:
            for body in JUNK_BODIES:
                for send in (client.post, client.put):
                    response = send(url, json.dumps(body), content_type="application/json")
                    assert response.status_code < 500, (url, body, response.status_code)
            response = client.post(url, "{not json", content_type="application/json")
        else:
            response = client.post(url, JUNK_FORM)
        assert response.status_code < 500, (url, user, response.status_code)
    # Junk may change something only through an explicit button (a fresh proposal, a
    # removal, a withdrawn invitation, a staff account switched off, a two-step reset).
    if not any(word in route.template for word in BUTTON_ONLY):
        assert _counts() == counts, url
