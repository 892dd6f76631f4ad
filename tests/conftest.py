"""Shared fixtures: the five personas every access test tries, on real databases."""

from __future__ import annotations

import os

import pytest

from alsmove.demo.seed import Demo, seed_demo
from alsmove.exercises.services import sync_library

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by
# fixtures beside it are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: pytest.FixtureRequest) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture
def demo(db: None) -> Demo:
    sync_library()
    return seed_demo()
