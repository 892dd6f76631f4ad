"""One API shape (issue 11): every operation declares the refusals it can answer, the
exercise routes answer the core's typed model, and the error texts are translated."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.utils import translation

from alsmove.demo.seed import Demo
from alsmove.exercises.services import exercise_library

METHODS = ("get", "post", "put", "patch", "delete")


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    from alsmove.api.main import api

    spec = api.get_openapi_schema()
    return [
        (method.upper(), path, operation)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def can_be_invalid(operation: dict[str, Any]) -> bool:
    """A body, a query string or a path part that is not free text can fail validation."""
    if operation.get("requestBody"):
        return True
    return any(
        parameter["in"] != "path" or parameter.get("schema", {}).get("type") != "string"
        for parameter in operation.get("parameters", [])
    )


def test_every_signed_in_operation_declares_401_and_a_patient_one_also_403_and_404() -> None:
    found = operations()
    assert len(found) >= 30
    missing: list[str] = []
    for method, path, operation in found:
        declared = {str(status) for status in operation["responses"]}
        wanted = set()
        if operation.get("security"):
            wanted.add("401")
        if "{patient_id}" in path:
            wanted |= {"401", "403", "404"}
        if can_be_invalid(operation):
            wanted.add("422")
        if wanted - declared:
            missing.append(f"{method} {path}: {sorted(wanted - declared)}")
    assert missing == [], "\n".join(missing)


def test_the_exercise_routes_answer_the_core_model_unchanged(db: None) -> None:
    client = Client()
    library = [e.model_dump(mode="json") for e in exercise_library()]
    answer = client.get("/api/v1/exercises")
    assert answer.status_code == 200
    assert answer.json() == library
    one = client.get(f"/api/v1/exercises/{library[0]['id']}")
    assert one.status_code == 200 and one.json() == library[0]
    assert client.get("/api/v1/exercises/no-such-exercise").status_code == 404


def test_the_exercise_schema_names_the_core_fields() -> None:
    from alsmove.api.main import api

    schemas = api.get_openapi_schema()["components"]["schemas"]
    assert {"id", "name", "steps", "cautions"} <= set(schemas["Exercise"]["properties"])


def test_refusals_are_translated_to_the_request_language(demo: Demo) -> None:
    with translation.override("es"):
        from django.utils.translation import gettext

        expected = gettext("Log in first.")
    answer = Client(headers={"accept-language": "es"}).get(
        f"/api/v1/patients/{demo.patient.pk}/routine"
    )
    assert answer.status_code == 401
    assert answer.json() == {"detail": expected}


def test_one_renderer_for_stored_messages() -> None:
    from alsmove.api.schemas import error_text
    from alsmove.core.alsfrs import AlsfrsError
    from alsmove.core.i18n import Message
    from alsmove.formats import say

    assert say({"text": "Day {day}", "params": {"day": 3}}) == "Day 3"
    assert say({}) == "" and say(None) == ""
    assert error_text(AlsfrsError(Message("Day {day}", {"day": 4}))) == "Day 4"
    assert error_text(ValueError("Plain.")) == "Plain."
