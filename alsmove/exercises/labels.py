"""Words people read for the library's closed vocabularies, marked for translation."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from alsmove.core.library import BodyRegion, Kind, Performer, Position, Requirement, Stage

KIND = {
    Kind.STRETCH: _("Stretch"),
    Kind.ACTIVE: _("Active movement"),
    Kind.ACTIVE_ASSISTED: _("Movement with a helper"),
    Kind.PASSIVE: _("Passive movement (a helper moves the limb)"),
    Kind.STRENGTHENING: _("Gentle strengthening"),
    Kind.BREATHING: _("Breathing"),
    Kind.POSTURE: _("Posture"),
    Kind.AEROBIC: _("Light aerobic"),
    Kind.RELAXATION: _("Relaxation"),
}
POSITION = {
    Position.STANDING: _("Standing"),
    Position.SEATED: _("Seated in a chair"),
    Position.LYING: _("Lying on a mat"),
    Position.IN_WHEELCHAIR: _("In a wheelchair"),
    Position.IN_BED: _("In bed"),
}
PERFORMER = {
    Performer.SELF: _("On your own"),
    Performer.ASSISTED: _("With a helper supporting"),
    Performer.CAREGIVER: _("A caregiver moves the limb"),
}
REGION = {
    BodyRegion.NECK: _("Neck"),
    BodyRegion.SHOULDERS: _("Shoulders"),
    BodyRegion.ARMS: _("Arms"),
    BodyRegion.WRISTS_HANDS: _("Wrists and hands"),
    BodyRegion.CHEST: _("Chest"),
    BodyRegion.UPPER_BACK: _("Upper back"),
    BodyRegion.SPINE: _("Spine and trunk"),
    BodyRegion.HIPS: _("Hips and buttocks"),
    BodyRegion.LEGS: _("Legs"),
    BodyRegion.ANKLES_FEET: _("Ankles and feet"),
    BodyRegion.WHOLE_BODY: _("Whole body"),
}
REQUIREMENT = {
    Requirement.STANDING_BALANCE: _("Safe standing balance"),
    Requirement.FLOOR_TRANSFER: _("Getting down to a mat and back up"),
    Requirement.CAREGIVER: _("A caregiver"),
    Requirement.GRIP: _("A firm grip"),
    Requirement.WALL: _("A clear wall"),
    Requirement.CHAIR: _("A sturdy chair"),
    Requirement.BED: _("Lying on a bed"),
}
STAGE = {
    Stage.EARLY: _("Early stage"),
    Stage.MID: _("Middle stage"),
    Stage.ADVANCED: _("Advanced stage"),
}


def choices(labels: dict[object, Promise]) -> list[tuple[str, Promise]]:
    return [(str(getattr(key, "value", key)), label) for key, label in labels.items()]
