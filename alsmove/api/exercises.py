"""The exercise library, open to everyone: the typed schema is built from the core model
(`alsmove.core.library.Exercise`), so the OpenAPI document describes every field."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Router

from alsmove.api.schemas import ErrorOut
from alsmove.core.library import Exercise
from alsmove.exercises.services import exercise_library, find_exercise

router = Router(tags=["exercises"])


@router.get(
    "",
    auth=None,
    response={200: list[Exercise]},
    summary="The whole exercise library",
)
def list_exercises(request: HttpRequest) -> list[Exercise]:
    return list(exercise_library())


@router.get(
    "/{slug}",
    auth=None,
    response={200: Exercise, 404: ErrorOut},
    summary="One exercise",
)
def get_exercise(request: HttpRequest, slug: str) -> Exercise:
    exercise = find_exercise(slug)
    if exercise is None:
        raise Http404
    return exercise
