"""Words people read for the Resources section's closed vocabularies, marked for translation."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from alsmove.core.library import Stage
from alsmove.core.resources import SOURCES, Audience, Topic

TOPIC = {
    Topic.THERAPIES: _("Massage and other therapies"),
    Topic.EMOTIONAL: _("Feelings and support"),
    Topic.QUESTIONS: _("Questions to ask your care team"),
    Topic.FINDING_CARE: _("Finding care and equipment"),
}
AUDIENCE = {
    Audience.PERSON: _("For the person with ALS"),
    Audience.CAREGIVER: _("For caregivers"),
}
STAGE = {
    Stage.EARLY: _("Early stage"),
    Stage.MID: _("Middle stage"),
    Stage.ADVANCED: _("Advanced stage"),
}


def choices(labels: dict[str, Promise]) -> list[tuple[str, Promise]]:
    return [(str(key), label) for key, label in labels.items()]


def source(key: str) -> str:
    return SOURCES.get(key, key)
