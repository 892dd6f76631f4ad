"""Entering an ALSFRS-R record (the entry pages and the API): the record and the routine
its scores call for, in one transaction.

The routines app reads the records (`assessments.services.current_records`) to build a
routine, so it is above this one and cannot be called from here: the proposal is made by
its receiver of `assessments.signals.assessment_entered`
(`routines.services.proposal_on_entry`), which answers with the version it proposed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from django.db import transaction

from alsmove.accounts.models import User
from alsmove.assessments.models import Assessment
from alsmove.assessments.services import record_assessment
from alsmove.assessments.signals import assessment_entered
from alsmove.patients.models import Patient


class Proposal(Protocol):
    """A routine version proposed for review (a `routines.models.RoutinePlan`)."""

    reused: bool  # the engine built what is already there: no new version


@dataclass(frozen=True)
class Entered:
    assessment: Assessment
    # None without a functional profile; `reused` set when the routine stays as it was.
    proposal: Proposal | None


@transaction.atomic
def enter_assessment(
    *,
    patient: Patient,
    by: User,
    taken_on: date,
    items: Mapping[str, object],
    replaces: Assessment | None = None,
) -> Entered:
    """Store a record (with `replaces`, a new version of it) and propose the routine the
    new scores call for: both or neither, so a record is never stored without the
    therapist being asked to review what it changes.

    The approved routine stays in use until the therapist approves the proposal. Each
    write keeps its audit entry in this transaction: `record_assessment` writes
    "assessment_recorded" (or "assessment_changed" for a correction), the proposal writes
    "routine_proposed" when it makes a new version. Raises what `record_assessment`
    raises (AlsfrsError in words, PermissionDenied) with nothing written, and what
    proposing raises, with the record undone.
    """
    assessment = record_assessment(
        patient=patient, by=by, taken_on=taken_on, items=items, replaces=replaces
    )
    answers = assessment_entered.send(Assessment, patient=patient, by=by)
    proposals = [answer for _, answer in answers if answer is not None]
    return Entered(assessment, proposals[0] if proposals else None)
