"""The OpenAPI-driven walk: every operation, called as a visitor, as an unrelated
therapist and (signed in as the patient's therapist) with a body that does not validate,
answers only a status its `response=` declares."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client
from routes_support import demo_samples
from signin_support import sign_in

from alsmove.demo.seed import Demo

METHODS = ("get", "post", "put", "patch", "delete")


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    from alsmove.api.main import api

    spec = api.get_openapi_schema()
    return [
        (method, path, operation)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def _call(client: Client, method: str, url: str, body: str | None) -> int:
    if method == "get":
        return client.get(url).status_code
    send = getattr(client, method)
    return send(url, body or "{}", content_type="application/json").status_code


def test_every_refusal_the_walk_meets_is_declared(demo: Demo) -> None:
    samples = demo_samples(demo)
    visitor = Client()
    outsider = Client()
    sign_in(outsider, demo.other_therapist)
    therapist = Client()
    sign_in(therapist, demo.therapist)
    undeclared: list[str] = []
    for method, path, operation in _operations():
        url = re.sub(r"\{(\w+)\}", lambda m: samples.get(m.group(1), "1"), path)
        declared = {int(status) for status in operation["responses"]}
        tries = [("visitor", visitor, None)]
        if "{patient_id}" in path:
            tries.append(("outsider", outsider, None))
        if operation.get("requestBody") and "application/json" in operation["requestBody"].get(
            "content", {}
        ):
            tries.append(("bad body", therapist, "[1, 2"))
        for who, client, body in tries:
            status = _call(client, method, url, body)
            if status not in declared:
                undeclared.append(f"{method.upper()} {path} as {who}: {status}")
    assert undeclared == [], "\n".join(undeclared)
