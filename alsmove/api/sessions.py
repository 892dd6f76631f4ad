"""Today's session over the API: the same service the home page and the session page
call (`alsmove.logbook.today.todays_session`), for the person's own today."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema

from alsmove.api.schemas import REFUSALS
from alsmove.logbook.today import todays_session
from alsmove.patients.policy import Action, require
from alsmove.routines.models import RoutinePlan

router = Router(tags=["sessions"])


class SessionItemOut(Schema):
    exercise: str
    name: str
    position: str
    performer: str
    sides: str
    hold_seconds: list[int] | None
    reps: int | None
    minutes: float


class LeftOutOut(Schema):
    exercise: str
    name: str
    rule: str  # why it is out today (an overwork rule, or easing)


class TodayOut(Schema):
    day: date  # the person's today, on their own clock
    routine_version: int | None  # the routine in use; None before the first one
    eased: bool  # fewer repetitions and shorter holds after signs of overwork
    minutes: float
    items: list[SessionItemOut]
    left_out: list[LeftOutOut]


@router.get(
    "/{patient_id}/session/today",
    response={200: TodayOut, **REFUSALS},
    summary="Today's session: the routine's day after the logbook's easing",
)
def get_today(request: HttpRequest, patient_id: int) -> TodayOut:
    patient = require(request.user, patient_id, Action.VIEW)
    session = todays_session(patient)
    # Only the version's number: the row's whole week is not needed here.
    version = (
        RoutinePlan.objects.filter(pk=session.plan_id).values_list("version", flat=True).first()
        if session.plan_id is not None
        else None
    )
    return TodayOut(
        day=session.day,
        routine_version=version,
        eased=session.eased,
        minutes=round(sum(item["minutes"] for item in session.items), 2),
        items=[SessionItemOut(**item) for item in session.items],
        left_out=[
            LeftOutOut(exercise=i["exercise"], name=i["name"], rule=i["rule"])
            for i in session.left_out
        ],
    )
