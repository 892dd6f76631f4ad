"""The OpenAPI document and the docs page: for signed-in accounts, from local files."""

from __future__ import annotations

import re

from django.test import Client
from signin_support import sign_in

from alsmove.demo.seed import Demo


def test_a_visitor_gets_no_openapi_document_and_is_sent_to_log_in_for_the_docs(
    demo: Demo,
) -> None:
    document = Client().get("/api/v1/openapi.json")
    assert document.status_code == 401
    assert document.json() == {"detail": "Log in first."}
    docs = Client().get("/api/v1/docs")
    assert docs.status_code == 302
    assert docs["Location"].startswith("/accounts/login/?next=/api/v1/docs")


def test_every_persona_signed_in_reads_the_document(demo: Demo) -> None:
    for user in (demo.person, demo.caregiver, demo.therapist, demo.admin):
        client = Client()
        sign_in(client, user)
        spec = client.get("/api/v1/openapi.json").json()
        assert spec["info"]["title"] == "ALS Move API"


def test_the_docs_page_loads_only_this_sites_scripts_and_styles(demo: Demo) -> None:
    client = Client()
    sign_in(client, demo.therapist)
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/static/") for s in sources), sources
    assert "cdn" not in html.lower()
    for source in sources:
        assert client.get(source).status_code == 200, source
