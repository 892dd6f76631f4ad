"""Entering an ALSFRS-R record (the entry pages and the API): the record and the routine
its scores call for, in one transaction.

A module of its own rather than part of `services`: the routine engine reads the records
through `assessments.services` (`current_records`), so that module cannot import the
engine back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from alsmove.accounts.models import User
from alsmove.assessments.models import Assessment
from alsmove.assessments.services import record_assessment
from alsmove.core.i18n import Message
from alsmove.patients.models import Patient
from alsmove.routines.models import RoutinePlan
from alsmove.routines.services import WHY_ASSESSMENT, propose


@dataclass(frozen=True)
class Entered:
    assessment: Assessment
    # None without a functional profile; `reused` set when the routine stays as it was.
    proposal: RoutinePlan | None


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
    "assessment_recorded" (or "assessment_changed" for a correction), `propose` writes
    "routine_proposed" when it makes a new version. Raises what `record_assessment`
    raises (AlsfrsError in words, PermissionDenied) with nothing written.
    """
    assessment = record_assessment(
        patient=patient, by=by, taken_on=taken_on, items=items, replaces=replaces
    )
    return Entered(assessment, propose_after_assessment(patient, by))


def propose_after_assessment(patient: Patient, by: User) -> RoutinePlan | None:
    """The proposal new ALSFRS-R scores call for, for the therapist's review. Call it in
    the transaction that stored the records (the FHIR import calls it once a bundle)."""
    proposal: RoutinePlan | None = propose(patient, by=by, why=Message(WHY_ASSESSMENT))
    return proposal
