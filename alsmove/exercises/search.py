"""The library's search box and its "suits me" filter.

"Suits me" asks the core's safety rules (`core.safety.safe_positions`) about the chosen
record's functional profile: an exercise suits when at least one of its positions breaks
no rule. No rule is copied here; the routine engine asks the same function.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from alsmove.core.library import Exercise
from alsmove.core.profile import FunctionalProfile as CoreProfile
from alsmove.core.safety import safe_positions
from alsmove.exercises import labels
from alsmove.patients.models import FunctionalProfile, Patient
from alsmove.patients.policy import Action, can, compiled_visible

QUERY_MAX = 100


def _haystack(exercise: Exercise) -> str:
    parts = [
        exercise.name,
        exercise.summary,
        str(labels.REGION[exercise.body_region]),
        str(labels.KIND[exercise.kind]),
        str(labels.PERFORMER[exercise.performer]),
        *(str(labels.POSITION[p]) for p in exercise.positions),
        *(str(j.value).replace("_", " ") for j in exercise.joints),
        *exercise.targets,
        *exercise.steps,
    ]
    return " ".join(parts).casefold()


def matching(exercises: Iterable[Exercise], query: str) -> list[Exercise]:
    """The exercises whose words contain every word of the query (any order, any case)."""
    words = query.casefold().split()
    if not words:
        return list(exercises)
    return [e for e in exercises if all(word in _haystack(e) for word in words)]


def profile_choices(user: Any) -> list[tuple[str, str]]:
    """The records whose profile the user may filter by: their own ("Suits me") and those
    they may see, each only if a functional profile is recorded."""
    from django.utils.translation import gettext as _

    if not getattr(user, "is_authenticated", False):
        return []
    choices = []
    for record in _WITH_PROFILE(user):
        if record.user_id == user.pk:
            choices.insert(0, (str(record.pk), _("Suits me")))
        else:
            choices.append((str(record.pk), _("Suits %(name)s") % {"name": record.display_name}))
    return choices


# The records the user may see that have a profile: three fields a record, read on every
# library page, compiled once.
_WITH_PROFILE = compiled_visible(
    lambda records, _key: (
        records.filter(pk__in=FunctionalProfile.objects.values("patient_id"))
        .order_by("display_name")
        .only("id", "user", "display_name")
    )
)


def profile_for(user: Any, patient_id: str) -> CoreProfile | None:
    """The chosen record's profile for the core, through the access policy (None: the
    user may not see it, or no profile is recorded)."""
    if not patient_id.isdigit():
        return None
    patient = Patient.objects.filter(pk=int(patient_id)).first()
    if patient is None or not can(user, patient, Action.VIEW):
        return None
    profile = FunctionalProfile.objects.filter(patient=patient).first()
    return profile.to_core() if profile is not None else None


def suiting(exercises: Iterable[Exercise], profile: CoreProfile) -> list[Exercise]:
    return [e for e in exercises if safe_positions(e, profile)]
