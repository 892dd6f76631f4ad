"""Validating bundles with fhir.resources' R4B models (the closest release it ships)."""

from __future__ import annotations

import importlib
import re
from typing import Any

from fhir.resources.R4B.bundle import Bundle


def _model(resource_type: str) -> Any:
    module = importlib.import_module(f"fhir.resources.R4B.{resource_type.lower()}")
    return getattr(module, resource_type)


def validate_resource(resource: dict[str, Any]) -> Any:
    return _model(resource["resourceType"]).model_validate(resource)


def validate_bundle(bundle: dict[str, Any]) -> Bundle:
    """The bundle and each of its resources validate; every reference resolves inside it."""
    for entry in bundle["entry"]:
        validate_resource(entry["resource"])
        assert entry["fullUrl"] == f"urn:uuid:{entry['resource']['id']}"
    full_urls = {entry["fullUrl"] for entry in bundle["entry"]}
    for reference in re.findall(r"'reference': '([^']+)'", str(bundle)):
        assert reference in full_urls, reference
    return Bundle.model_validate(bundle)


def resources(bundle: dict[str, Any], resource_type: str) -> list[dict[str, Any]]:
    return [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == resource_type
    ]


def response_indexes(bundle: dict[str, Any]) -> list[int]:
    """The 0-based positions of the bundle's QuestionnaireResponses (entry n+1)."""
    return [
        n
        for n, e in enumerate(bundle["entry"])
        if e["resource"]["resourceType"] == "QuestionnaireResponse"
    ]
