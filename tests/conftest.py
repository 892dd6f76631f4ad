"""Shared fixtures: the five personas every access test tries, on real databases."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation

from alsmove.caregiving.services import sync_skills
from alsmove.demo.seed import Demo, seed_demo
from alsmove.equipment.catalogue import sync_catalogue
from alsmove.exercises.services import sync_library
from alsmove.resources.services import sync_resources

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by
# fixtures beside it are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: pytest.FixtureRequest) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_between_tests() -> Iterator[None]:
    """A request leaves its language active in the thread (Django's LocaleMiddleware does
    not reset it), so each test starts and ends in the product's default."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """The library and the demo are loaded once; each test runs in a transaction that is
    rolled back, so tests still cannot see each other's changes."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        sync_library()
        sync_resources()
        sync_skills()
        sync_catalogue()
        seed_demo()


@pytest.fixture
def demo(db: None) -> Demo:
    # Already loaded by django_db_setup; seeding is idempotent, so this only looks it up
    # (and reloads it after a browser test has emptied the database).
    sync_library()
    sync_resources()
    sync_skills()
    sync_catalogue()
    return seed_demo()
