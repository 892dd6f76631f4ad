"""The project's routes, read from Django's URL resolver, with sample values filled in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

PARAM = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


@dataclass(frozen=True)
class Route:
    template: str
    name: str

    @property
    def is_api(self) -> bool:
        return self.template.startswith("api/")


def _walk(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[Route]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route)
        else:
            yield Route(route.lstrip("^").rstrip("$"), entry.name or "")


def all_routes() -> list[Route]:
    unique = {r.template: r for r in _walk(get_resolver().url_patterns)}
    return sorted(unique.values(), key=lambda r: r.template)


def url_for(route: Route, samples: dict[str, str]) -> str:
    def fill(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in samples:
            pytest.fail(f"Add a sample value for <{name}> (route {route.template})")
        return samples[name]

    return "/" + PARAM.sub(fill, route.template)


def demo_samples(demo: object) -> dict[str, str]:
    patient = demo.patient  # type: ignore[attr-defined]
    link = patient.care_links.active().get(member=demo.caregiver)  # type: ignore[attr-defined]
    # The newest routine version, so pages and API routes about one version have one.
    latest = patient.routine_plans.order_by("-version").first()
    return {
        "patient_id": str(patient.pk),
        "link_id": str(link.pk),
        "slug": "neck-forward-tilt",
        "step": "date",
        "version": str(latest.version if latest is not None else 1),
    }
