from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router

from alsmove.exercises.services import find_exercise, library_for

router = Router(tags=["exercises"])


@router.get("", auth=None, summary="The whole exercise library")
def list_exercises(request: HttpRequest) -> list[dict[str, Any]]:
    return [e.model_dump(mode="json") for e in library_for(request.user)]


@router.get("/{slug}", auth=None, summary="One exercise")
def get_exercise(request: HttpRequest, slug: str) -> dict[str, Any]:
    exercise = find_exercise(request.user, slug)
    if exercise is None:
        raise Http404
    return exercise.model_dump(mode="json")
