"""Today's session over the API names the routine version in use (it reads only the
version's number, not the row's whole week)."""

from __future__ import annotations

import json

from logbook_support import client_for

from alsmove.demo.seed import Demo
from alsmove.routines.models import RoutinePlan, Status
from alsmove.routines.services import approve


def test_the_api_names_the_new_version_once_it_is_approved(demo: Demo) -> None:
    url = f"/api/v1/patients/{demo.patient.pk}/session/today"
    person = client_for(demo.person)
    plan = RoutinePlan.objects.get(patient=demo.patient, status=Status.APPROVED)
    assert person.get(url).json()["routine_version"] == plan.version
    first = plan.items[0]["exercise"]
    edited = client_for(demo.therapist).post(
        f"/api/v1/patients/{demo.patient.pk}/routine/{plan.version}/edit",
        json.dumps({"changes": [{"exercise": first, "remove": True}]}),
        content_type="application/json",
    )
    assert edited.status_code == 201, edited.content
    assert person.get(url).json()["routine_version"] == plan.version  # waiting for review
    approve(
        RoutinePlan.objects.get(patient=demo.patient, version=edited.json()["version"]),
        by=demo.therapist,
    )
    assert person.get(url).json()["routine_version"] == edited.json()["version"]
