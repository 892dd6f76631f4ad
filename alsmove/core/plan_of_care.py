"""A maintenance-therapy plan of care: the recertification date and the suggested
wording for the skilled-need and decline statements (CLINICAL.md §6).

- POC-RECERT-01: a plan of care is recertified at least every 90 days; the date shown is
  the certification date plus 90 days.
- POC-SKILLED-01: the skilled-need wording is a suggestion built only from what the
  records show (scores and their change, revisions of the routine, overwork events, a
  helper moving the limbs, painful joints), worded for the therapist to accept, edit or
  delete. It is never stored or printed as the therapist's statement until they save it.
- POC-DECLINE-01: the suggested wording for the decline without the programme speaks of
  function, comfort and stiffness, never of slowing ALS.

Pure functions, no Django: the documents app renders the Messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from alsmove.core import plan_of_care_texts as texts
from alsmove.core.i18n import Message

POC_RECERT_01 = "POC-RECERT-01"
POC_SKILLED_01 = "POC-SKILLED-01"
POC_DECLINE_01 = "POC-DECLINE-01"
RECERTIFY_DAYS = 90
ICD10_ALS = "G12.21"


def recertify_by(certified_on: date | None) -> date | None:
    """POC-RECERT-01: the latest date the plan must be recertified (None if uncertified)."""
    if certified_on is None:
        return None
    return certified_on + timedelta(days=RECERTIFY_DAYS)


@dataclass(frozen=True)
class RecordFacts:
    """What the records show over the period the suggestion is about."""

    first_total: int | None = None
    last_total: int | None = None
    first_day: date | None = None
    last_day: date | None = None
    revisions: int = 0
    overwork_events: int = 0
    helper_exercises: int = 0
    painful_joints: int = 0


def skilled_need_points(facts: RecordFacts) -> tuple[Message, ...]:
    """POC-SKILLED-01: the opening, then one point per fact the records hold."""
    points = [Message(texts.SKILLED_OPENING), Message(texts.SKILLED_PROGRESSIVE)]
    if (
        facts.first_total is not None
        and facts.last_total is not None
        and facts.first_day is not None
        and facts.last_day is not None
        and facts.first_day < facts.last_day
    ):
        params: dict[str, str | int | float] = {
            "first": facts.first_total,
            "last": facts.last_total,
            "first_day": facts.first_day.isoformat(),
            "last_day": facts.last_day.isoformat(),
        }
        points.append(Message(texts.SKILLED_DECLINE, params))
    if facts.revisions > 0:
        points.append(Message(texts.SKILLED_REVISED, {"count": facts.revisions}))
    if facts.overwork_events > 0:
        points.append(Message(texts.SKILLED_EVENTS, {"count": facts.overwork_events}))
    if facts.helper_exercises > 0:
        points.append(Message(texts.SKILLED_HELPER, {"count": facts.helper_exercises}))
    if facts.painful_joints > 0:
        points.append(Message(texts.SKILLED_PAIN, {"count": facts.painful_joints}))
    return tuple(points)


def jimmo_note() -> Message:
    return Message(texts.JIMMO_NOTE)


def decline_suggestion() -> Message:
    """POC-DECLINE-01."""
    return Message(texts.DECLINE_SUGGESTION)
