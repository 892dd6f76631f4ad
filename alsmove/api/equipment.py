"""The equipment catalogue and a person's equipment plan.

The catalogue is read by any signed-in account. A plan is read with VIEW; a status is
changed with CHANGE_EQUIPMENT (the person, a helper who may log, a linked therapist); an
item is added with ADD_EQUIPMENT (a linked therapist). Reasons are rendered in the
request's language; for a reader who chose not to see the forecast the estimated months
of the "soon" items are left out, as on the page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status

from alsmove.api.schemas import REFUSALS, ErrorOut, InvalidOut
from alsmove.assessments.progress import sees_forecast
from alsmove.core import equipment as core
from alsmove.equipment import texts
from alsmove.equipment.catalogue import catalogue_items, find_item
from alsmove.equipment.models import PlanItem
from alsmove.equipment.models import Status as PlanStatus
from alsmove.equipment.services import (
    NAME_MAX,
    NOTE_MAX,
    add_item,
    plan_for,
    set_status,
)
from alsmove.equipment.texts import FORECAST_RULES
from alsmove.patients.models import Patient
from alsmove.patients.policy import Action, require

router = Router(tags=["equipment"])
catalogue_router = Router(tags=["equipment"])

StatusName = Literal["suggested", "discussing", "ordered", "delivered", "in_use", "not_needed"]


class LeadTimeOut(Schema):
    min: int
    max: int


class CatalogueItemOut(Schema):
    item: str
    name: str
    group: str
    home_area: str | None
    what_for: str
    sign_text: str
    heuristic: bool
    lead_time_weeks: LeadTimeOut
    lead_time_note: str
    paperwork: list[str]
    providers: list[str]
    alternatives: list[str]
    choices: list[str]
    pointer: str | None
    sources: list[str]


class ReasonOut(Schema):
    rule: str
    text: str


class SuggestionOut(Schema):
    item: str
    name: str
    status: Literal["now", "soon", "later"]
    start_now: bool
    outgrown: bool = Field(description="EQUIP-OUTGROWN-01: past the point where it fits")
    start_by: dt.date | None
    estimated_need_date: dt.date | None = Field(
        description="Left out (null) for a reader who chose not to see the forecast"
    )
    need_earliest: dt.date | None
    need_latest: dt.date | None
    lead_time_weeks: LeadTimeOut
    plan_status: str | None = Field(description="The item's status on the plan, if it is on it")
    reasons: list[ReasonOut]


class ChangeOut(Schema):
    changed_at: dt.datetime
    changed_by: str | None
    from_status: str | None = Field(description="null: the change put the item on the plan")
    to_status: str
    target_date: dt.date | None
    note: str


class PlanItemOut(Schema):
    item: str = Field(description="The catalogue id, or own-... for an item written in")
    name: str
    status: str
    target_date: dt.date | None
    note: str
    created_at: dt.datetime
    updated_at: dt.datetime
    history: list[ChangeOut] = Field(description="Every change, newest first")


class PlanOut(Schema):
    today: dt.date
    missing: str = Field(description="Why there are no suggestions yet (empty when there are)")
    start_now: list[str] = Field(description="EQUIP-FIRST-01: items to start now, first first")
    suggestions: list[SuggestionOut]
    items: list[PlanItemOut]


class StatusIn(Schema):
    status: StatusName
    target_date: dt.date | None = Field(None, description="Left out: keep the current one")
    note: str = Field("", max_length=NOTE_MAX, description="About this change")


class AddIn(Schema):
    item: str | None = Field(None, max_length=64, description="A catalogue id")
    name: str | None = Field(None, max_length=NAME_MAX, description="Or an item written in")
    target_date: dt.date | None = None
    note: str = Field("", max_length=NOTE_MAX)


def _catalogue_out(entry: Any) -> CatalogueItemOut:
    data = entry.model_dump(mode="json")
    return CatalogueItemOut(
        item=entry.id,
        home_area=data["home_area"],
        **{
            key: data[key]
            for key in CatalogueItemOut.model_fields
            if key not in ("item", "home_area", "lead_time_weeks")
        },
        lead_time_weeks=LeadTimeOut(**data["lead_time_weeks"]),
    )


def _item_out(item: PlanItem) -> PlanItemOut:
    return PlanItemOut(
        item=item.slug,
        name=item.name,
        status=item.status,
        target_date=item.target_date,
        note=item.note,
        created_at=item.created_at,
        updated_at=item.updated_at,
        history=[
            ChangeOut(
                changed_at=c.changed_at,
                changed_by=c.changed_by.full_name if c.changed_by else None,
                from_status=c.from_status or None,
                to_status=c.to_status,
                target_date=c.target_date,
                note=c.note,
            )
            for c in item.changes.all()
        ],
    )


@catalogue_router.get(
    "", response={200: list[CatalogueItemOut], 401: ErrorOut}, summary="The equipment catalogue"
)
def list_catalogue(request: HttpRequest) -> list[CatalogueItemOut]:
    return [_catalogue_out(entry) for entry in catalogue_items()]


@catalogue_router.get(
    "/{item}",
    response={200: CatalogueItemOut, 401: ErrorOut, 404: ErrorOut},
    summary="One catalogue item",
)
def get_catalogue_item(request: HttpRequest, item: str) -> CatalogueItemOut:
    entry = find_item(item)
    if entry is None:
        raise Http404
    return _catalogue_out(entry)


@router.get(
    "/{patient_id}/equipment",
    response={200: PlanOut, **REFUSALS},
    summary="The equipment plan: the planner's suggestions and the plan's items",
)
def get_plan(request: HttpRequest, patient_id: int) -> PlanOut:
    patient = require(request.user, patient_id, Action.VIEW)
    plan = plan_for(patient)
    forecast = sees_forecast(request.user)
    statuses = {item.slug: item.status for item in plan.items}

    def suggestion_out(s: core.Suggestion) -> SuggestionOut:
        hidden = not forecast and s.status == "soon"
        return SuggestionOut(
            item=s.item.id,
            name=s.item.name,
            status=s.status,
            start_now=s.start_now,
            outgrown=s.outgrown,
            start_by=s.start_by,
            estimated_need_date=None if hidden else s.estimated_need,
            need_earliest=None if hidden else s.need_earliest,
            need_latest=None if hidden else s.need_latest,
            lead_time_weeks=LeadTimeOut(
                min=s.item.lead_time_weeks.min, max=s.item.lead_time_weeks.max
            ),
            plan_status=statuses.get(s.item.id),
            reasons=[
                ReasonOut(rule=r.rule, text=texts.render(r.message))
                for r in s.reasons
                if not (hidden and r.rule in FORECAST_RULES)
            ],
        )

    return PlanOut(
        today=plan.today,
        missing=plan.missing,
        start_now=[s.item.id for s in plan.start_now()],
        suggestions=[suggestion_out(s) for s in plan.suggestions or []],
        items=[_item_out(item) for item in plan.items],
    )


def _one(patient: Patient, slug: str) -> PlanItem:
    return PlanItem.objects.prefetch_related("changes__changed_by").get(patient=patient, slug=slug)


@router.post(
    "/{patient_id}/equipment/{item}/status",
    response={200: PlanItemOut, 400: ErrorOut, **REFUSALS},
    summary="Change an item's status (a catalogue item not on the plan is put on it)",
)
def change_status(
    request: HttpRequest, patient_id: int, item: str, payload: StatusIn
) -> Status[PlanItemOut | InvalidOut]:
    patient = require(request.user, patient_id, Action.CHANGE_EQUIPMENT)
    current = PlanItem.objects.filter(patient=patient, slug=item).first()
    if current is None and find_item(item) is None:
        raise Http404
    target = payload.target_date
    if "target_date" not in payload.model_fields_set and current is not None:
        target = current.target_date
    set_status(
        patient=patient,
        by=request.user,
        slug=item,
        status=PlanStatus(payload.status),
        target_date=target,
        note=payload.note,
    )
    return Status(200, _item_out(_one(patient, item)))


@router.post(
    "/{patient_id}/equipment",
    response={201: PlanItemOut, 400: ErrorOut, 409: ErrorOut, **REFUSALS},
    summary="The therapist adds an item: a catalogue item, or one written in by name",
)
def add_plan_item(
    request: HttpRequest, patient_id: int, payload: AddIn
) -> Status[PlanItemOut | ErrorOut | InvalidOut]:
    patient = require(request.user, patient_id, Action.ADD_EQUIPMENT)
    added = add_item(
        patient=patient,
        by=request.user,
        slug=payload.item or "",
        name=payload.name or "",
        target_date=payload.target_date,
        note=payload.note,
    )
    return Status(201, _item_out(_one(patient, added.slug)))
