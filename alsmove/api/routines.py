"""The stored routine: read it, propose a new version, edit one, approve one.

Reading needs the VIEW right; proposing, editing and approving need EDIT_PLAN (the
therapist). The routine for a day has the shape `alsmove plan` prints, plus the version's
review state. Texts are stored untranslated with their parameters and rendered here in
the request's language.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.responses import NinjaJSONEncoder

from alsmove.api.schemas import REFUSALS, ErrorOut
from alsmove.core.i18n import Message
from alsmove.formats import say
from alsmove.kept import Kept
from alsmove.patients.clock import today_for
from alsmove.patients.models import Patient
from alsmove.patients.policy import Action, require
from alsmove.routines.models import RoutinePlan
from alsmove.routines.models import Status as PlanStatus
from alsmove.routines.review_form import ReviewForm, edit_data
from alsmove.routines.services import (
    WHY_REQUESTED,
    RoutineError,
    approve,
    propose,
    revise,
)

router = Router(tags=["routines"])


class ReasonOut(Schema):
    rule: str
    text: str


class ItemOut(Schema):
    exercise: str
    position: str
    performer: str
    sides: str
    hold_seconds: list[int] | None
    reps: int
    reasons: list[ReasonOut]


class ExcludedOut(Schema):
    exercise: str
    rule: str
    reason: str


class RoutineOut(Schema):
    day: int = Field(description="0 = Monday ... 6 = Sunday")
    stage: str
    minutes: float
    items: list[ItemOut]
    excluded: list[ExcludedOut] = Field(
        description="Exercises left out on every day of the week, with the rule that did it"
    )
    message: str | None = Field(description="A note for the day, e.g. why it is empty")
    version: int
    status: str
    reviewed_by: str | None
    reviewed_at: datetime | None
    pending_version: int | None = Field(
        description="A newer version waiting for the therapist's review, if any"
    )


class VersionOut(Schema):
    version: int
    status: str
    why: str
    created_at: datetime
    reviewed_by: str | None
    reviewed_at: datetime | None


class ChangeIn(Schema):
    exercise: str
    remove: bool = False
    reps: int | None = Field(None, ge=1, le=30, description="Left out: keep the current")
    hold_min: int | None = Field(None, ge=1, le=120)
    hold_max: int | None = Field(None, ge=1, le=120)


class EditIn(Schema):
    changes: list[ChangeIn] = []
    add: str | None = Field(None, description="The id of an exercise to add")


def _version_out(plan: RoutinePlan) -> VersionOut:
    return VersionOut(
        version=plan.version,
        status=plan.status,
        why=say(plan.why),
        created_at=plan.created_at,
        reviewed_by=plan.reviewed_by.full_name if plan.reviewed_by else None,
        reviewed_at=plan.reviewed_at,
    )


def _plan(patient: Patient, version: int) -> RoutinePlan:
    plan = RoutinePlan.objects.filter(patient=patient, version=version).first()
    if plan is None:
        raise HttpError(
            404, _("There is no version %(version)s of this routine.") % {"version": version}
        )
    return plan


@router.get(
    "/{patient_id}/routine",
    response={200: RoutineOut, **REFUSALS},
    summary="The routine in use for a day (the `alsmove plan` shape)",
)
def get_routine(
    request: HttpRequest,
    patient_id: int,
    day: int | None = Query(None, ge=0, le=6, description="0 = Monday; default today"),
) -> HttpResponse:
    patient = require(request.user, patient_id, Action.VIEW)
    approved, pending = _current_plans(patient)
    plan = approved or pending
    if plan is None:
        raise HttpError(404, _("There is no routine yet: the functional profile comes first."))
    if day is None:
        day = today_for(patient).weekday()
    pending_version = pending.version if approved is not None and pending else None
    reviewer = plan.reviewed_by.full_name if plan.reviewed_by else None
    # The answer is made once per state of everything it shows and kept per process. A
    # version's items, left-out exercises and notes never change once stored (an edit is
    # a new version), so the row's id and creation time stand for them; an approval
    # changes the status, the reviewer and the time; the texts are in the request's
    # language.
    key = (
        plan.pk,
        plan.created_at,
        plan.patient_id,
        plan.version,
        plan.status,
        plan.reviewed_at,
        plan.reviewed_by_id,
        reviewer,
        pending_version,
        day,
        get_language(),
    )
    body = _ANSWERS.get_or_make(key, lambda: _routine_json(plan, day, reviewer, pending_version))
    return HttpResponse(body, content_type="application/json; charset=utf-8")


# Answers of `get_routine`, keyed by every input (see there). About 20 KB each.
_ANSWERS: Kept[bytes] = Kept(512)


def _current_plans(patient: Patient) -> tuple[RoutinePlan | None, RoutinePlan | None]:
    """`routines.services.current_plans` in one query, with the reviewer, and without
    the stored week (read only when the answer is made)."""
    approved = pending = None
    rows = (
        RoutinePlan.objects.filter(
            patient=patient, status__in=[PlanStatus.APPROVED, PlanStatus.PROPOSED]
        )
        .select_related("reviewed_by")
        .defer("items", "excluded", "messages")
    )
    for row in rows:  # at most one of each (a constraint)
        if row.status == PlanStatus.APPROVED:
            approved = row
        else:
            pending = row
    if approved is not None and pending is not None and pending.version < approved.version:
        pending = None
    return approved, pending


def _routine_json(
    plan: RoutinePlan, day: int, reviewer: str | None, pending_version: int | None
) -> bytes:
    items, excluded, messages = (
        RoutinePlan.objects.filter(pk=plan.pk).values_list("items", "excluded", "messages").get()
    )
    plan.items, plan.excluded, plan.messages = items, excluded, messages
    chosen = plan.items_for_day(day)
    note = plan.messages.get(str(day))
    out = RoutineOut(
        day=day,
        stage=plan.stage,
        minutes=round(sum(item["minutes"] for item in chosen), 2),
        items=[
            ItemOut(
                exercise=item["exercise"],
                position=item["position"],
                performer=item["performer"],
                sides=item["sides"],
                hold_seconds=item["hold_seconds"],
                reps=item["reps"],
                reasons=[ReasonOut(rule=r["rule"], text=say(r)) for r in item["reasons"]],
            )
            for item in chosen
        ],
        excluded=[
            ExcludedOut(exercise=out["exercise"], rule=out["rule"], reason=say(out))
            for out in plan.excluded
        ],
        message=say(note) if note else None,
        version=plan.version,
        status=plan.status,
        reviewed_by=reviewer,
        reviewed_at=plan.reviewed_at,
        pending_version=pending_version,
    )
    # What django-ninja's JSON renderer writes for the same schema.
    data: dict[str, Any] = out.model_dump()
    return json.dumps(data, cls=NinjaJSONEncoder).encode()


@router.get(
    "/{patient_id}/routine/versions",
    response={200: list[VersionOut], **REFUSALS},
    summary="Every version of the routine, newest first",
)
def list_versions(request: HttpRequest, patient_id: int) -> list[VersionOut]:
    patient = require(request.user, patient_id, Action.VIEW)
    plans = RoutinePlan.objects.for_patient(patient).select_related("reviewed_by")
    return [_version_out(plan) for plan in plans]


@router.post(
    "/{patient_id}/routine/propose",
    response={201: VersionOut, 200: VersionOut, 409: ErrorOut, **REFUSALS},
    summary="Ask the engine for a new proposal (the approved routine stays in use); "
    "200 with the current version when nothing would change",
)
def propose_routine(request: HttpRequest, patient_id: int) -> Status[VersionOut | ErrorOut]:
    patient = require(request.user, patient_id, Action.EDIT_PLAN)
    plan = propose(
        patient, by=request.user, why=Message(WHY_REQUESTED, {"name": request.user.full_name})
    )
    if plan is None:
        return Status(409, ErrorOut(detail=_("Fill in the functional profile first.")))
    return Status(200 if plan.reused else 201, _version_out(plan))


@router.post(
    "/{patient_id}/routine/{version}/edit",
    response={201: VersionOut, 400: ErrorOut, **REFUSALS},
    summary="Edit a version: a new proposed version; the one edited stays in the history",
)
def edit_routine(
    request: HttpRequest, patient_id: int, version: int, payload: EditIn
) -> Status[VersionOut]:
    patient = require(request.user, patient_id, Action.EDIT_PLAN)
    plan = _plan(patient, version)
    in_plan = {item["exercise"] for item in plan.items}
    for change in payload.changes:
        if change.exercise not in in_plan:
            raise RoutineError(
                _("%(exercise)s is not in version %(v)s.")
                % {"exercise": change.exercise, "v": version}
            )
    # The review page's form, so both read an edit the same way.
    data = edit_data([change.model_dump() for change in payload.changes], payload.add)
    form = ReviewForm(plan, data)
    if not form.is_valid():
        raise RoutineError(form.first_error())
    revised = revise(plan, by=request.user, changes=form.changes(), add=form.added())
    return Status(201, _version_out(revised))


@router.post(
    "/{patient_id}/routine/{version}/approve",
    response={200: VersionOut, 409: ErrorOut, **REFUSALS},
    summary="Approve a proposed version; it replaces the approved one in use",
)
def approve_routine(request: HttpRequest, patient_id: int, version: int) -> Status[VersionOut]:
    patient = require(request.user, patient_id, Action.EDIT_PLAN)
    approved = approve(_plan(patient, version), by=request.user)
    return Status(200, _version_out(approved))
