"""The layout's kept parts (links, language links, footer) are the same as drawn afresh,
for each language, page, sign-in state and role, and never carry one request's token."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from signin_support import sign_in

from alsmove.demo.seed import Demo
from alsmove.web.templatetags import alsmove as tags

pytestmark = pytest.mark.django_db

PAGES = ("/", "/library/", "/resources/", "/about/", "/accounts/login/", "/no-such-page/")


def _page(client: Client, path: str, language: str) -> str:
    client.cookies["alsmove_language"] = language
    body = client.get(path, follow=True).content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "TOKEN", body)


def _both(client: Client, path: str, language: str) -> tuple[str, str]:
    tags._FRAGMENTS.clear()
    fresh = _page(client, path, language)
    kept = _page(client, path, language)
    return fresh, kept


@pytest.mark.parametrize("language", ["en", "es", "de"])
def test_a_visitors_pages_are_the_same_kept_or_fresh(language: str) -> None:
    client = Client()
    for path in PAGES:
        fresh, kept = _both(client, path, language)
        assert fresh == kept
        assert f'<html lang="{language}"' in kept


@pytest.mark.parametrize("who", ["person", "therapist", "admin"])
def test_a_signed_in_page_is_the_same_kept_or_fresh_in_each_language(demo: Demo, who: str) -> None:
    client = sign_in(Client(), getattr(demo, who))
    for language in ("en", "es", "de"):
        for path in ("/accounts/preferences/", "/library/"):
            fresh, kept = _both(client, path, language)
            assert fresh == kept


def test_the_kept_links_follow_the_page_the_role_and_the_sign_in(demo: Demo) -> None:
    tags._FRAGMENTS.clear()
    visitor = _page(Client(), "/library/", "en")
    therapist = sign_in(Client(), demo.therapist)
    library = _page(therapist, "/library/", "en")
    settings = _page(therapist, "/accounts/preferences/", "en")
    person = _page(sign_in(Client(), demo.person), "/library/", "en")
    assert "Log in" in visitor and "Log out" not in visitor
    assert "Log out" in library and "Log in</a>" not in library.split("</nav>")[0]
    assert ">Caseload</a>" in library
    assert ">Caseload</a>" not in person
    current = 'aria-current="page">Display settings'
    assert current in settings and current not in library
    assert "?next=/library/" in library and "?next=/accounts/preferences/" in settings


def test_every_signed_in_request_gets_its_own_csrf_token_in_the_layout(demo: Demo) -> None:
    client = sign_in(Client(), demo.person)
    tokens = set()
    for _ in range(2):
        body = client.get("/accounts/preferences/").content.decode()
        form = body.split("data-logout>")[1].split("</form>")[0]
        tokens.add(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1))  # type: ignore[union-attr]
    assert len(tokens) == 2
