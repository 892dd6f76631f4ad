"""Schemathesis against the product's own OpenAPI document, signed in as each persona.

For every operation it generates bounded examples of bodies and query strings (the path
takes the demo's real ids from routes_support, so the fuzzing reaches real records; wrong
ids are the authorization walk's job) and sends them through the whole Django stack in
this process. Every answer must be no server error, a status the operation declares,
and a body that matches the declared schema.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core import signals
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from routes_support import demo_samples

from alsmove.demo.seed import Demo

schemathesis = pytest.importorskip("schemathesis")  # a dev dependency (pyproject.toml)
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from signin_support import sign_in  # noqa: E402

# Bounded: two examples an operation for each persona, 240 requests in all, keep the run
# near a minute on a loaded machine (a quarter of that on a quiet one).
EXAMPLES = 2
PERSONAS = ("person", "caregiver", "therapist", "admin")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
CSRF = "schemathesisfuzzcsrftoken0123456"  # 32 characters: an unmasked CSRF secret


def load_schema() -> Any:
    from alsmove.api.main import api
    from config.wsgi import application

    schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
    schema.app = application
    return schema


def signed_in_cookies(user: Any) -> dict[str, str]:
    client = Client()
    sign_in(client, user)
    return {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF}


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_api_answer_is_a_server_error_or_outside_its_declared_schema(
    demo: Demo, persona: str
) -> None:
    schema = load_schema()
    cookies = signed_in_cookies(getattr(demo, persona))
    samples = demo_samples(demo)
    failures: list[str] = []

    # Schemathesis calls the WSGI handler directly, whose end-of-request signal would close
    # the test's database connection (and on PostgreSQL roll back its transaction);
    # Django's own test client switches that off the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        run_every_operation(schema, cookies, samples, failures)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    operations = sum(1 for _ in schema.get_all_operations())
    assert operations >= 30  # every API operation (the document has 30 today)
    assert failures == [], "\n\n".join(failures)


def run_every_operation(
    schema: Any, cookies: dict[str, str], samples: dict[str, str], failures: list[str]
) -> None:
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case: Any) -> None:
            for name in case.path_parameters or {}:
                if name in samples:
                    case.path_parameters[name] = samples[name]
            response = case.call(cookies=cookies, headers={"X-CSRFToken": CSRF})
            case.validate_response(response, checks=CHECKS)

        try:
            check()
        except Exception as error:  # collected so one run names every failing operation
            failures.append(f"{operation.label}: {str(error).strip()[:1500]}")
