"""THE access policy: who may see or change which patient's data.

It lives in `patients`, beside the records and care-team links it reads, so it imports
the Patient model at the top like any module (docs/architecture.md says why here).

Every view and API route that touches a patient goes through `require()` (or
`visible_patients()` for lists). It fails closed: an unknown action, an anonymous user,
a revoked link, a pending invitation, or a role without a rule gets nothing. Nothing
else in the code checks roles to decide access.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import cache
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection, router
from django.db.models import Q, QuerySet
from django.http import Http404

from alsmove.accounts.audit import record_read, record_refusal
from alsmove.kept import STAND_IN, CompiledRead, by_key, compiled_sql, with_value
from alsmove.patients.models import CareLink, Patient


class Action(StrEnum):
    VIEW = "view"  # read anything in the record
    LOG = "log"  # write session logs and check-ins, enter assessments
    EDIT_PROFILE = "edit_profile"  # functional profile, onset dates
    EDIT_PLAN = "edit_plan"  # change and approve the routine
    MANAGE_TEAM = "manage_team"  # invite or revoke caregivers and therapists
    LEAVE_TEAM = "leave_team"  # take oneself off a record one was added to
    # ALSFRS-R records keep their author: a clinician's rating is entered and corrected
    # only by a clinician, a self-report only by the person or their caregivers. Someone
    # who disagrees with a record they may not correct adds their own beside it.
    RATE_AS_CLINICIAN = "rate_as_clinician"
    CORRECT_SELF_REPORT = "correct_self_report"
    # "How have you been feeling?" is about the person's own feelings: only they answer
    # it (a caregiver logging for them is not asked). What they choose to share is read
    # by them and by their therapists, not by everyone who may view the record.
    ANSWER_FEELINGS = "answer_feelings"
    SEE_SHARED_FEELINGS = "see_shared_feelings"
    # Marking which caregiver skills (transfers, turning, a cough...) a helper has been
    # taught: a clinical record, made only by a linked therapist who may write in it.
    TEACH_SKILLS = "teach_skills"
    # The record as a FHIR Bundle (alsmove.interop): the person's own, and their linked
    # therapists' (to take to another clinic's system). Not a caregiver's.
    EXPORT_FHIR = "export_fhir"
    # ALSFRS-R records from another system's FHIR bundle: a linked therapist who may
    # record assessments (log or plan rights); they are stored as that therapist's ratings.
    IMPORT_ASSESSMENTS = "import_assessments"
    # A private calendar link of the planned sessions, check-ins and equipment dates: made
    # by the person, or by a caregiver who may log (for their own calendar).
    CALENDAR_FEED = "calendar_feed"
    # The whole record leaves the product, or is erased, only at the person's own request.
    EXPORT_RECORD = "export_record"
    DELETE_RECORD = "delete_record"
    # Not about one record: a clinic administrator imports an exported record into their
    # own clinic (`require_clinic`).
    IMPORT_RECORDS = "import_records"
    # Printable documents (alsmove/documents). The handouts need VIEW only; the progress
    # note and the plan of care are clinical documents, read by the person and their
    # therapists (not by every caregiver who may view the record). The plan of care is
    # written and signed only by a therapist who may edit the plan.
    READ_CLINICAL_DOCUMENTS = "read_clinical_documents"
    WRITE_PLAN_OF_CARE = "write_plan_of_care"
    # "Who looked at my record": the trail of who read and changed the record is the
    # person's own; they may show it to anyone (docs/security.md says why no one else).
    SEE_TRAIL = "see_trail"
    # The equipment plan: the person, a helper who may log and a linked therapist who
    # may log change an item's status (ordered, delivered, in use...) with a date and a
    # note; only a linked therapist adds items (from the catalogue or written in) and
    # writes the item's own note. Reading the plan is VIEW.
    CHANGE_EQUIPMENT = "change_equipment"
    ADD_EQUIPMENT = "add_equipment"


# What each link permission grants. A link grants nothing not listed here.
# Everyone who was added may take themselves off again (LEAVE_TEAM).
LINK_GRANTS: dict[str, frozenset[Action]] = {
    "view": frozenset({Action.VIEW, Action.LEAVE_TEAM}),
    "log": frozenset({Action.VIEW, Action.LOG, Action.CHANGE_EQUIPMENT, Action.LEAVE_TEAM}),
    "edit_plan": frozenset(
        {
            Action.VIEW,
            Action.LOG,
            Action.EDIT_PROFILE,
            Action.EDIT_PLAN,
            Action.CHANGE_EQUIPMENT,
            Action.LEAVE_TEAM,
        }
    ),
}
# A linked therapist who may log rates as a clinician; one who may edit the plan may also
# invite team members, recording the consent. Both mark the caregiver skills they taught.
# Every linked therapist reads what the person chose to tell their therapist. One who may
# log adds equipment to the plan.
THERAPIST_EXTRA: dict[str, frozenset[Action]] = {
    "view": frozenset(
        {Action.SEE_SHARED_FEELINGS, Action.EXPORT_FHIR, Action.READ_CLINICAL_DOCUMENTS}
    ),
    "log": frozenset(
        {
            Action.RATE_AS_CLINICIAN,
            Action.SEE_SHARED_FEELINGS,
            Action.TEACH_SKILLS,
            Action.EXPORT_FHIR,
            Action.IMPORT_ASSESSMENTS,
            Action.READ_CLINICAL_DOCUMENTS,
            Action.ADD_EQUIPMENT,
        }
    ),
    "edit_plan": frozenset(
        {
            Action.MANAGE_TEAM,
            Action.RATE_AS_CLINICIAN,
            Action.SEE_SHARED_FEELINGS,
            Action.TEACH_SKILLS,
            Action.EXPORT_FHIR,
            Action.IMPORT_ASSESSMENTS,
            Action.READ_CLINICAL_DOCUMENTS,
            Action.WRITE_PLAN_OF_CARE,
            Action.ADD_EQUIPMENT,
        }
    ),
}
# Anyone else who may log (a caregiver) may correct a self-report.
NON_CLINICIAN_EXTRA: dict[str, frozenset[Action]] = {
    "log": frozenset({Action.CORRECT_SELF_REPORT, Action.CALENDAR_FEED}),
}
# The person owns the record; plan approval stays with the therapist.
OWNER_GRANTS = frozenset(
    {
        Action.VIEW,
        Action.LOG,
        Action.EDIT_PROFILE,
        Action.MANAGE_TEAM,
        Action.CORRECT_SELF_REPORT,
        Action.ANSWER_FEELINGS,
        Action.SEE_SHARED_FEELINGS,
        Action.EXPORT_FHIR,
        Action.CALENDAR_FEED,
        Action.EXPORT_RECORD,
        Action.DELETE_RECORD,
        Action.READ_CLINICAL_DOCUMENTS,
        Action.SEE_TRAIL,
        Action.CHANGE_EQUIPMENT,
    }
)
# Actions about a clinic rather than one record, and the role that has them there.
CLINIC_GRANTS: dict[str, frozenset[Action]] = {"admin": frozenset({Action.IMPORT_RECORDS})}


def allowed_actions(user: Any, patient: Patient) -> frozenset[Action]:
    return _grants(user, patient)[0]


def _grants(user: Any, patient: Patient) -> tuple[frozenset[Action], str]:
    """What `user` may do on `patient`, and their place on it ("self", "therapist",
    "caregiver"; "" for none), from one query at most."""
    if not _active(user):
        return frozenset(), ""
    if patient.user_id is not None and patient.user_id == user.pk:
        return OWNER_GRANTS, "self"
    # Only an accepted invitation makes a link; a pending one lives in another table
    # and grants nothing.
    link = _active_link(patient.pk, user.pk)
    if link is None:
        return frozenset(), ""
    permission, relation = link
    return link_grants(user, permission, relation), str(relation)


@cache
def _link_sql() -> str:
    """`patient.care_links.active().filter(member=user)`'s permission and relation, in
    plain SQL built once (compiling it in the ORM cost more than running it). The partial
    unique index on (patient, member) of active links answers it: one row at most."""
    q = connection.ops.quote_name
    return (
        f"SELECT {q('permission')}, {q('relation')} FROM {q(CareLink._meta.db_table)}"  # noqa: S608
        f" WHERE {q('patient_id')} = %s AND {q('member_id')} = %s"
        f" AND {q('revoked_at')} IS NULL ORDER BY {q('id')} LIMIT 1"
    )


def _active_link(patient_id: int, member_id: int) -> tuple[str, str] | None:
    with connection.cursor() as cursor:
        cursor.execute(_link_sql(), [patient_id, member_id])
        row = cursor.fetchone()
    return None if row is None else (str(row[0]), str(row[1]))


def link_grants(user: Any, permission: str | None, relation: str | None) -> frozenset[Action]:
    """What an active link with this permission and relation grants `user`.

    For lists that fetched each record's link in the same query (the caseload): the same
    rule as `allowed_actions`, without a query per record. The caller must have read the
    link through `CareLink.objects.active()` for this user; None means no link.
    """
    if permission is None or user is None or not getattr(user, "is_active", False):
        return frozenset()
    grants = LINK_GRANTS.get(permission, frozenset())
    if relation == "therapist" and user.role == "therapist":
        grants = grants | THERAPIST_EXTRA.get(permission, frozenset())
    else:
        grants = grants | NON_CLINICIAN_EXTRA.get(permission, frozenset())
    return grants


def correction_action(source: str) -> Action:
    """What correcting an ALSFRS-R record of this source takes. Anything but a
    self-report is treated as a clinician's rating (the stricter rule)."""
    return Action.CORRECT_SELF_REPORT if source == "self_report" else Action.RATE_AS_CLINICIAN


def can(user: Any, patient: Patient, action: Action) -> bool:
    return isinstance(action, Action) and action in allowed_actions(user, patient)


def visible_patients(user: Any) -> QuerySet[Patient]:
    """Every patient record the user may see, and no other."""
    if not _active(user):
        return Patient.objects.none()
    return _visible(user.pk)


def _active(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def _visible(user_pk: int) -> QuerySet[Patient]:
    return Patient.objects.filter(
        Q(user_id=user_pk) | Q(care_links__member_id=user_pk, care_links__revoked_at__isnull=True)
    ).distinct()


def compiled_visible(
    narrow: Callable[[QuerySet[Patient], int], QuerySet[Patient]],
) -> Callable[[Any], list[Patient]]:
    """`list(narrow(visible_patients(user), user.pk))` for any user, its SQL compiled by
    the ORM once (`kept.CompiledRead`) instead of on every page that lists records: the
    same records, no others. `narrow` may only add filters and annotations, using the
    key it is given as a parameter."""
    read = CompiledRead(Patient, lambda key: narrow(_visible(key), key))

    def visible(user: Any) -> list[Patient]:
        return read(user.pk) if _active(user) else []

    return visible


def visible_subquery(
    narrow: Callable[[QuerySet[Patient], int], QuerySet[Patient]],
) -> Callable[[Any], tuple[str, list[Any]] | None]:
    """The primary keys of `narrow(visible_patients(user), user.pk)` as SQL and its
    parameters, for a plain-SQL read to use as a subquery (the caseload), compiled by the
    ORM once per database like `compiled_visible`; None for a user who may see nothing.
    `narrow` may only add filters, using the key it is given as a parameter."""
    compiled: dict[str, tuple[str, list[Any], list[int]]] = {}

    def subquery(user: Any) -> tuple[str, list[Any]] | None:
        if not _active(user):
            return None
        alias = router.db_for_read(Patient)
        if alias not in compiled:
            read = narrow(_visible(STAND_IN), STAND_IN).using(alias).order_by().values("pk")
            compiled[alias] = compiled_sql(read, alias)
        sql, params, at = compiled[alias]
        return sql, with_value(params, at, user.pk)

    return subquery


def require(user: Any, patient_id: int | str, action: Action) -> Patient:
    """The patient if `user` may do `action`; otherwise 404 (cannot see it) or 403.

    Someone who may not see a record is told it does not exist, so ids cannot be probed.
    """
    return require_with_actions(user, patient_id, action)[0]


def require_with_actions(
    user: Any, patient_id: int | str, action: Action
) -> tuple[Patient, frozenset[Action]]:
    """`require`, and everything `user` may do on the record (`allowed_actions`, read in
    the same check), for a page that asks several questions of the reader's rights
    without reading their link again."""
    try:
        # Patient.objects.get(pk=…), compiled once (the same SQL, values and instance).
        patient = by_key(Patient, int(patient_id))
    except (Patient.DoesNotExist, ValueError, TypeError):
        raise Http404("No such record") from None
    actions, relation = _grants(user, patient)
    if Action.VIEW not in actions:
        record_refusal(user, action)
        raise Http404("No such record")
    if action not in actions:
        record_refusal(user, action)
        raise PermissionDenied("You do not have permission for this")
    # Granted: a page or API read of the record is in the person's trail (debounced;
    # a request that writes is recorded by its service, in its transaction).
    record_read(user, patient, relation)
    return patient, actions


def require_clinic(user: Any, action: Action) -> Any:
    """The user's own clinic if they may do `action` there; otherwise 403. Only a clinic
    administrator of an active account, for their own clinic, imports records."""
    if (
        not _active(user)
        or user.organisation_id is None
        or not isinstance(action, Action)
        or action not in CLINIC_GRANTS.get(user.role, frozenset())
    ):
        raise PermissionDenied("You do not have permission for this")
    return user.organisation
