"""Every route, tried by staff who typed the right password but not yet the code.

The routes come from Django's URL resolver, so a route added tomorrow is walked too. Only
the second-step pages, logging out and the login page itself answer; everything else
sends pages to the second step and answers API calls with 401, showing no one's data.
"""

from __future__ import annotations

import pytest
from django.test import Client
from routes_support import Route, all_routes, demo_samples, url_for

from alsmove.demo.seed import DEMO_PASSWORD, Demo

OPEN_BEFORE_THE_CODE = {
    "accounts/two-step/set-up/",
    "accounts/two-step/verify/",
    "accounts/login/",
    "accounts/logout/",
}
ROUTES = [r for r in all_routes() if r.template not in OPEN_BEFORE_THE_CODE]


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.template or "/")
def test_staff_with_only_a_password_reach_no_route(demo: Demo, route: Route) -> None:
    url = url_for(route, demo_samples(demo))
    for email in ("therapist@example.org", "admin@example.org"):
        client = Client()
        client.post("/accounts/login/", {"username": email, "password": DEMO_PASSWORD})
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if route.is_api:
                assert response.status_code == 401, (email, method, url)
            else:
                assert response.status_code == 302, (email, method, url)
                assert response["Location"].startswith("/accounts/two-step/verify/"), url
            assert demo.patient.display_name.encode() not in response.content
