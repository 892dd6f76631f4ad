"""Export a record as a FHIR Bundle; import ALSFRS-R responses from one.

The import is one transaction: every response is checked (answers, dates against the
person's today and the first symptoms, the day's existing records) and stored through
`record_assessment`, as the entry pages store one; a problem in any entry writes nothing.
A record keeps its kind of author (ALSFRS-SOURCE-01): a response an ALS Move export marks
as a self-report is stored as a self-report, one marked (or, from another system, not
marked) as a clinician's rating as the importing therapist's rating.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from alsmove.accounts.models import AuditEvent, User
from alsmove.assessments.models import Assessment
from alsmove.assessments.services import check_date, record_assessment, source_for
from alsmove.core.alsfrs import AlsfrsError
from alsmove.core.i18n import Message, gettext_noop
from alsmove.interop.fhir.export import bundle
from alsmove.interop.fhir.parse import (
    BundleError,
    Problem,
    Response,
    Skipped,
    one_a_day,
    read_bundle,
)
from alsmove.interop.records import snapshot
from alsmove.patients.models import Patient
from alsmove.patients.policy import Action, require
from alsmove.routines.services import propose_after_assessment

FHIR_JSON = "application/fhir+json"

ALREADY_STORED = gettext_noop("the record for {day} is already stored with these answers; skipped")
DIFFERENT_STORED = gettext_noop(
    "a different record for {day} is already stored; correct that one on the record's "
    "page, or leave this response out"
)


class ImportConflict(BundleError):
    """A response clashes with what the record already holds (409 in the API)."""


@dataclass
class ImportResult:
    imported: list[Assessment] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def export_bundle(patient: Patient) -> dict[str, Any]:
    """The record as a FHIR R4 Bundle (the caller has asked the policy: EXPORT_FHIR)."""
    return bundle(snapshot(patient))


def exported_for(patient: Patient, by: User | None, where: str) -> dict[str, Any]:
    """The bundle for a download, with an audit entry: the record left the product
    (`where`: "page", "api" or "cli"; the command line has no signed-in actor)."""
    data = export_bundle(patient)
    AuditEvent.objects.create(actor=by, patient=patient, action="fhir_exported", detail=where)
    return data


def import_responses(*, patient: Patient, by: User, data: object) -> ImportResult:
    """Store the bundle's ALSFRS-R responses in `patient`'s record, all or nothing.

    Raises PermissionDenied / Http404 through the policy, BundleError (with the entry
    named) for anything malformed or implausible, ImportConflict when a day already holds
    a different record of the importer's kind. A day already holding the same answers is
    skipped with a notice, so importing one file twice changes nothing.
    """
    # Asked outside the transaction, so a refusal's audit entry is kept.
    require(by, patient.pk, Action.IMPORT_ASSESSMENTS)
    responses, skipped = one_a_day(read_bundle(data), source_for(by, patient))
    return _store(patient, by, responses, skipped)


@transaction.atomic
def _store(
    patient: Patient, by: User, responses: list[Response], skipped: list[Skipped]
) -> ImportResult:
    require(by, patient.pk, Action.IMPORT_ASSESSMENTS)  # again, under the lock below
    # One writer of this record at a time, until the end of the import.
    Patient.objects.select_for_update().filter(pk=patient.pk).values_list("pk").first()
    stored = {(a.taken_on, a.source): a for a in patient.assessments.current()}
    result = ImportResult(skipped=skipped)
    for response in responses:
        params = {"day": response.taken_on.isoformat()}
        try:
            check_date(patient, response.taken_on)
        except AlsfrsError as error:
            raise BundleError(Problem(error.message, response.entry)) from None
        assert response.source is not None  # one_a_day gives every response its kind
        existing = stored.get((response.taken_on, response.source))
        if existing is not None:
            if dict(existing.items) == response.items:
                result.skipped.append(Skipped(response.entry, Message(ALREADY_STORED, params)))
                continue
            raise ImportConflict(Problem(Message(DIFFERENT_STORED, params), response.entry))
        try:
            assessment = record_assessment(
                patient=patient,
                by=by,
                taken_on=response.taken_on,
                items=response.items,
                imported_source=response.source,
            )
        except AlsfrsError as error:
            raise BundleError(Problem(error.message, response.entry)) from None
        result.imported.append(assessment)
    result.skipped.sort(key=lambda s: s.entry)
    if result.imported:
        AuditEvent.objects.create(
            actor=by,
            patient=patient,
            action="assessments_imported",
            detail=f"{len(result.imported)} ALSFRS-R records from a FHIR bundle",
        )
        # As after an entry on the page (`enter_assessment`), in the same transaction:
        # an approved routine stays in use, the new stage goes to the therapist's review.
        propose_after_assessment(patient, by)
    return result
