"""The functional profile: read it (VIEW) and change it (EDIT_PROFILE).

A change goes through the same form as the profile page, so the two can never disagree
about a field or an allowed value: a bad value gets a message naming the field, and
nothing is saved. Fields a request does not name keep their saved values. The
therapist's own fields (clearing a painful joint or standing after a fall, strength
grades, breath stacking and assisted cough) are refused, by name, to anyone else.
"""

from __future__ import annotations

from typing import Any

from django.forms.models import model_to_dict
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Body, Router, Schema, Status

from alsmove.api.schemas import REFUSALS
from alsmove.patients.models import FunctionalProfile
from alsmove.patients.policy import Action, allowed_actions, require
from alsmove.routines.forms import ProfileForm, TherapistProfileForm
from alsmove.routines.profile_service import save_profile

router = Router(tags=["profile"])

THERAPIST_ONLY = (
    "approved_painful_joints",
    "standing_cleared",
    "breath_stacking",
    "assisted_cough",
)


class ProfileOut(Schema):
    profile: dict[str, Any]  # the core's profile (`alsmove plan --schema` describes it)
    preferences: str
    routine_version: int | None = None


class ProfileErrors(Schema):
    detail: str
    # Not required: a refusal by the access policy (404, 403) has only "detail".
    errors: dict[str, list[str]] = {}


def _out(profile: FunctionalProfile, version: int | None = None) -> ProfileOut:
    return ProfileOut(
        profile=profile.to_core().model_dump(mode="json", exclude={"stage", "alsfrs"}),
        preferences=profile.preferences,
        routine_version=version,
    )


@router.get(
    "/{patient_id}/profile",
    response={200: ProfileOut, **REFUSALS, 404: ProfileErrors},
    summary="The functional profile",
)
def get_profile(request: HttpRequest, patient_id: int) -> Any:
    patient = require(request.user, patient_id, Action.VIEW)
    profile = FunctionalProfile.objects.filter(patient=patient).first()
    if profile is None:
        missing = _("There is no functional profile yet.")
        return Status(404, ProfileErrors(detail=missing, errors={}))
    return _out(profile)


def _form_data(instance: FunctionalProfile | None, body: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = model_to_dict(instance) if instance is not None else {}
    data = {k: v for k, v in data.items() if v is not None and k not in ("id", "patient")}
    for group, grade in ((instance.strength if instance else None) or {}).items():
        data[f"mmt_{group}"] = str(grade)
    data.update({k: v for k, v in body.items() if k != "strength"})
    strength = body.get("strength")
    if isinstance(strength, dict):
        for group, grade in strength.items():
            data[f"mmt_{group}"] = "" if grade is None else str(grade)
    return data


@router.put(
    "/{patient_id}/profile",
    response={200: ProfileOut, 201: ProfileOut, **REFUSALS, 400: ProfileErrors},
    summary="Change the functional profile (fields not named keep their values)",
)
def put_profile(
    request: HttpRequest,
    patient_id: int,
    body: dict[str, Any] = Body(...),  # noqa: B008 (django-ninja's way to read a body)
) -> Any:
    patient = require(request.user, patient_id, Action.EDIT_PROFILE)
    is_therapist = Action.EDIT_PLAN in allowed_actions(request.user, patient)
    instance = FunctionalProfile.objects.filter(patient=patient).first()
    form_class = TherapistProfileForm if is_therapist else ProfileForm
    form = form_class(_form_data(instance, body), instance=instance)
    known = set(form.fields) | {"strength"}
    errors: dict[str, list[str]] = {}
    for key in body:
        if not is_therapist and (key in THERAPIST_ONLY or key == "strength"):
            errors[key] = [_("Only the therapist can change this.")]
        elif key not in known:
            errors[key] = [_("Unknown field.")]
    if isinstance(body.get("strength"), dict) and is_therapist:
        for group in body["strength"]:
            if f"mmt_{group}" not in form.fields:
                errors[f"strength.{group}"] = [_("Not a muscle group that is graded.")]
    if errors or not form.is_valid():
        for name, messages in form.errors.items():
            key = name.removeprefix("mmt_")
            key = f"strength.{key}" if name.startswith("mmt_") else key
            errors.setdefault(key, []).extend(str(m) for m in messages)
        first = next(iter(errors))
        return Status(400, ProfileErrors(detail=f"{first}: {errors[first][0]}", errors=errors))
    saved, plan = save_profile(form, patient=patient, by=request.user, is_new=instance is None)
    return Status(201 if instance is None else 200, _out(saved, plan.version if plan else None))
