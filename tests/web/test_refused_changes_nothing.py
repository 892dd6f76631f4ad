"""A refused request changes no row in any table.

Generated from the URL list, like the authorization walk: every route (pages and API) is
sent every state-changing method by everyone who may be refused there — a visitor, a
therapist and a person of no relation to the record, the clinic administrator, a team
member who may only look, and the person themselves without a CSRF token. Every table is
read before and after each refused request and must be unchanged, row for row.

Not counted: login sessions, django-axes' record of failed logins, and the audit trail's
own "refused" entries (writing those is the point of them).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from routes_support import API_BODIES, Route, all_routes, demo_samples, url_for
from signin_support import sign_in

from alsmove.accounts.models import AuditEvent
from alsmove.demo.seed import Demo
from alsmove.patients.models import CareLink, Permission

ROUTES = all_routes()
NOT_COUNTED = {"sessions.Session"}
NOT_COUNTED_APPS = {"axes"}


def _tables() -> dict[str, str]:
    """A fingerprint of every row of every table."""
    found = {}
    for model in apps.get_models():
        label = model._meta.label
        if label in NOT_COUNTED or model._meta.app_label in NOT_COUNTED_APPS:
            continue
        rows = model._base_manager.all()
        if model is AuditEvent:
            rows = rows.exclude(action="refused")
        values = list(rows.order_by("pk").values_list())
        found[label] = f"{len(values)}:{hashlib.sha256(repr(values).encode()).hexdigest()}"
    return found


def _refused(response: Any) -> bool:
    if response.status_code >= 400:
        return True
    return response.status_code == 302 and "/accounts/login/" in response.get("Location", "")


def _clients(demo: Demo) -> dict[str, Client]:
    """Logged in before anything is read: logging in itself writes (last_login)."""
    viewer = CareLink.objects.active().get(patient=demo.patient, member=demo.caregiver)
    CareLink.objects.filter(pk=viewer.pk).update(permission=Permission.VIEW)
    clients = {"visitor": Client()}
    for who, user in (
        ("unrelated therapist", demo.other_therapist),
        ("unrelated person", demo.other_person),
        ("clinic administrator", demo.admin),
        ("team member who may only look", demo.caregiver),
    ):
        clients[who] = Client()
        sign_in(clients[who], user)
    clients["the person, without a CSRF token"] = Client(enforce_csrf_checks=True)
    sign_in(clients["the person, without a CSRF token"], demo.person)
    return clients


def _send(client: Client, route: Route, method: str, url: str) -> Any:
    if route.is_api:
        body = json.dumps(API_BODIES.get(route.template, {}))
        return getattr(client, method)(url, body, content_type="application/json")
    return client.post(url)


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.template or "/")
def test_a_refused_request_changes_no_row_in_any_table(demo: Demo, route: Route) -> None:
    url = url_for(route, demo_samples(demo))
    clients = _clients(demo)
    methods = ("post", "put", "patch", "delete") if route.is_api else ("post",)
    refused = 0
    before = _tables()
    for who, client in clients.items():
        for method in methods:
            response = _send(client, route, method, url)
            after = _tables()
            if _refused(response):
                refused += 1
                changed = sorted(k for k in after if after[k] != before.get(k))
                assert changed == [], (who, method.upper(), url, response.status_code, changed)
            before = after
    # The walk is not empty: at least the request without a CSRF token is refused on a
    # page, and on a record's routes every stranger is.
    assert refused >= 1, url
    if "patient_id" in route.template:
        assert refused >= 4 * len(methods), url
