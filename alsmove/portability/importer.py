"""Importing an exported record into this installation, for one clinic, in one transaction.

Everything is checked before anything is written (schema version, the schema itself,
ALSFRS-R items, references inside the file, addresses and client ids already used here),
and the writes run in one transaction, so a refused file leaves nothing behind. Each
refusal is one sentence naming the problem (`ImportRefused`).
"""

from __future__ import annotations

import json
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from pydantic import ValidationError

from alsmove.accounts.models import AuditEvent, Organisation, Role, User
from alsmove.assessments.models import Assessment
from alsmove.core.alsfrs import AlsfrsError, parse_items
from alsmove.equipment.models import PlanChange, PlanItem
from alsmove.formats import say
from alsmove.logbook.models import (
    Alert,
    CheckIn,
    ExerciseLog,
    FeelingCheckIn,
    FlagReview,
    ReminderSchedule,
    SessionLog,
    SessionLogRevision,
)
from alsmove.patients.clock import is_known_zone
from alsmove.patients.models import FunctionalProfile, Patient
from alsmove.portability.export import PREFERENCE_FIELDS
from alsmove.portability.models import ImportedRecord
from alsmove.portability.schema import SCHEMA_NAME, SCHEMA_VERSION, RecordExport
from alsmove.routines.models import RoutinePlan

MAX_BYTES = 20 * 1024 * 1024  # a record of many years is a few megabytes


class ImportRefused(Exception):
    """The file is not imported; the message names the problem. `conflict` is set when
    the file is sound but its person or entries are already here (the API's 409)."""

    def __init__(self, message: str, *, conflict: bool = False) -> None:
        super().__init__(message)
        self.conflict = conflict


def parse_file(raw: bytes | str) -> dict[str, Any]:
    if len(raw) > MAX_BYTES:
        raise ImportRefused(_("The file is larger than 20 MB; this is not an ALS Move export."))
    try:
        document = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise ImportRefused(_("The file is not JSON (%(error)s).") % {"error": error}) from None
    if not isinstance(document, dict):
        raise ImportRefused(_("The file is not an ALS Move record export (not a JSON object)."))
    return document


def _where(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or _("the file")


def validate(document: dict[str, Any]) -> RecordExport:
    """The file as the schema's model, or ImportRefused naming the first problem."""
    if document.get("schema") != SCHEMA_NAME:
        raise ImportRefused(
            _('The file is not an ALS Move record export (no "schema": "alsmove-record").')
        )
    version = document.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ImportRefused(
            _("Unknown schema version %(found)s: this installation reads version %(known)s.")
            % {"found": json.dumps(version), "known": SCHEMA_VERSION}
        )
    try:
        model = RecordExport.model_validate(document)
    except ValidationError as error:
        first = error.errors()[0]
        raise ImportRefused(
            _("%(where)s: %(problem)s") % {"where": _where(first["loc"]), "problem": first["msg"]}
        ) from None
    _check_inside(model)
    return model


def _check_inside(model: RecordExport) -> None:
    refs = {p.ref for p in model.people} | {"self"}
    if len(refs) != len(model.people) + 1:
        raise ImportRefused(_("people: a reference is listed twice."))

    def check_who(where: str, value: str | None) -> None:
        if value is not None and value not in refs:
            raise ImportRefused(
                _("%(where)s: %(ref)s is not in people.") % {"where": where, "ref": value}
            )

    for name in (model.record.time_zone, *([model.reminders.time_zone] if model.reminders else [])):
        if not is_known_zone(name):
            raise ImportRefused(_("Unknown time zone %(zone)s.") % {"zone": name})
    numbers = [a.id for a in model.assessments]
    if len(set(numbers)) != len(numbers):
        raise ImportRefused(_("assessments: an id is used twice."))
    for index, a in enumerate(model.assessments):
        where = f"assessments[{index}]"
        try:
            scores = parse_items(a.items)
        except AlsfrsError as error:
            raise ImportRefused(f"{where}.items: {say(error.message)}") from None
        if scores.total != a.total:
            raise ImportRefused(
                _("%(where)s.total: %(total)s, but the items add up to %(sum)s.")
                % {"where": where, "total": a.total, "sum": scores.total}
            )
        if a.replaces is not None and a.replaces not in numbers:
            raise ImportRefused(_("%(where)s.replaces: no such id.") % {"where": where})
        check_who(f"{where}.entered_by", a.entered_by)
    versions = [r.version for r in model.routines]
    if len(set(versions)) != len(versions):
        raise ImportRefused(_("routines: a version number is used twice."))
    for status in ("approved", "proposed"):
        if sum(1 for r in model.routines if r.status == status) > 1:
            raise ImportRefused(_("routines: more than one is %(status)s.") % {"status": status})
    for index, r in enumerate(model.routines):
        check_who(f"routines[{index}].created_by", r.created_by)
        check_who(f"routines[{index}].reviewed_by", r.reviewed_by)
    log_ids = [log.client_id for log in model.session_logs]
    client_ids = (
        log_ids + [c.client_id for c in model.checkins] + [f.client_id for f in model.feelings]
    )
    if len(set(client_ids)) != len(client_ids):
        raise ImportRefused(_("A client_id is used twice in the file."))
    for index, log in enumerate(model.session_logs):
        where = f"session_logs[{index}]"
        if log.routine_version is not None and log.routine_version not in versions:
            raise ImportRefused(_("%(where)s.routine_version: no such routine.") % {"where": where})
        if len({e.exercise for e in log.exercises}) != len(log.exercises):
            raise ImportRefused(
                _("%(where)s.exercises: an exercise is listed twice.") % {"where": where}
            )
        check_who(f"{where}.entered_by", log.entered_by)
        check_who(f"{where}.changed_by", log.changed_by)
        for n, version in enumerate(log.earlier_versions):
            check_who(f"{where}.earlier_versions[{n}].entered_by", version.entered_by)
            check_who(f"{where}.earlier_versions[{n}].replaced_by", version.replaced_by)
    known_logs = set(log_ids)
    for index, c in enumerate(model.checkins):
        if c.session is not None and c.session not in known_logs:
            raise ImportRefused(
                _("checkins[%(index)s].session: no such session.") % {"index": index}
            )
        check_who(f"checkins[{index}].entered_by", c.entered_by)
    for index, f in enumerate(model.feelings):
        if f.tell_therapist is not None and f.answer != "low":
            raise ImportRefused(
                _("feelings[%(index)s].tell_therapist: only a low answer is followed by it.")
                % {"index": index}
            )
    for index, a in enumerate(model.alerts):
        check_who(f"alerts[{index}].acknowledged_by", a.acknowledged_by)
    for index, r in enumerate(model.flag_reviews):
        check_who(f"flag_reviews[{index}].reviewed_by", r.reviewed_by)
    slugs = [item.slug for item in model.equipment]
    if len(set(slugs)) != len(slugs):
        raise ImportRefused(_("equipment: an item is listed twice."))
    for index, item in enumerate(model.equipment):
        for n, change in enumerate(item.changes):
            check_who(f"equipment[{index}].changes[{n}].changed_by", change.changed_by)
    for index, t in enumerate(model.skills_taught):
        check_who(f"skills_taught[{index}].caregiver", t.caregiver)
        check_who(f"skills_taught[{index}].taught_by", t.taught_by)
    for index, m in enumerate(model.care_team):
        check_who(f"care_team[{index}].member", m.member)
    if model.profile is not None:
        check_who("profile.updated_by", model.profile.updated_by)
        _check_profile_choices(model.profile.model_dump())
    if model.reminders is not None:
        check_who("reminders.updated_by", model.reminders.updated_by)


def _check_profile_choices(profile: dict[str, Any]) -> None:
    """The profile's answers are the ones the profile form offers (or blank where a
    question may stay unanswered)."""
    for field in FunctionalProfile._meta.get_fields():
        choices = getattr(field, "choices", None)
        if not choices or field.name not in profile:
            continue
        allowed = {str(key) for key, _label in choices}
        if getattr(field, "blank", False):
            allowed.add("")
        if str(profile[field.name]) not in allowed:
            raise ImportRefused(
                _("profile.%(field)s: %(value)s is not one of the answers (%(allowed)s).")
                % {
                    "field": field.name,
                    "value": json.dumps(profile[field.name]),
                    "allowed": ", ".join(sorted(a for a in allowed if a)),
                }
            )


def _check_not_here(model: RecordExport) -> None:
    email = model.person.email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ImportRefused(
            _(
                "An account with the address %(email)s already exists here: the record is not "
                "imported twice."
            )
            % {"email": email},
            conflict=True,
        )
    used = [
        *(log.client_id for log in model.session_logs),
        *(c.client_id for c in model.checkins),
        *(f.client_id for f in model.feelings),
    ]
    for table in (SessionLog, CheckIn, FeelingCheckIn):
        if table.objects.filter(client_id__in=used).exists():
            raise ImportRefused(
                _("Entries of this file are already stored here (their client ids are in use)."),
                conflict=True,
            )


class _Authors:
    """Maps the file's "who" fields: "self" to the new account; another person's
    reference is kept in `refs` for the row, since they have no account here."""

    def __init__(self, user: User) -> None:
        self.user = user
        self.refs: dict[str, str] = {}

    def user_for(self, value: str | None) -> User | None:
        return self.user if value == "self" else None

    def keep(self, value: str | None, table: str, pk: int, field: str) -> None:
        if value is not None and value != "self":
            self.refs[f"{table}:{pk}:{field}"] = value


def import_record(document: dict[str, Any], *, clinic: Organisation, by: User | None) -> Patient:
    """Create the person's account (no password: they choose one through "Forgot your
    password?") and their record in `clinic`. Refused files change nothing."""
    model = validate(document)
    try:
        with transaction.atomic():
            _check_not_here(model)
            patient = _write(model, clinic, by)
    except IntegrityError as error:
        raise ImportRefused(
            _("The file does not fit this installation's rules (%(error)s); nothing was imported.")
            % {"error": str(error).splitlines()[0][:200]}
        ) from None
    return patient


def _write(model: RecordExport, clinic: Organisation, by: User | None) -> Patient:
    person = model.person
    user = User.objects.create_user(
        email=person.email,
        password=None,
        full_name=person.full_name,
        role=Role.PERSON,
        date_joined=person.date_joined,
        disclaimer_accepted_at=person.disclaimer_accepted_at,
        **{f: getattr(person.preferences, f) for f in PREFERENCE_FIELDS},
    )
    record = model.record
    patient = Patient.objects.create(
        user=user,
        organisation=clinic,
        created_by=by,
        **record.model_dump(),
    )
    authors = _Authors(user)
    who = authors.user_for

    if model.profile is not None:
        fields = model.profile.model_dump(exclude={"updated_by"})
        profile = FunctionalProfile.objects.create(
            patient=patient, updated_by=who(model.profile.updated_by), **fields
        )
        authors.keep(model.profile.updated_by, "profile", profile.pk, "updated_by")

    by_number: dict[int, Assessment] = {}
    for a in sorted(model.assessments, key=lambda a: a.id):
        row = Assessment.objects.create(
            patient=patient,
            taken_on=a.taken_on,
            items=a.items,
            total=a.total,
            source=a.source,
            entered_by=who(a.entered_by),
            created_at=a.created_at,
            superseded_at=a.superseded_at,
        )
        authors.keep(a.entered_by, "assessment", row.pk, "entered_by")
        by_number[a.id] = row
    for a in model.assessments:
        if a.replaces is not None:
            Assessment.objects.filter(pk=by_number[a.id].pk).update(replaces=by_number[a.replaces])

    plans: dict[int, RoutinePlan] = {}
    for r in model.routines:
        plan = RoutinePlan.objects.create(
            patient=patient,
            created_by=who(r.created_by),
            reviewed_by=who(r.reviewed_by),
            **r.model_dump(exclude={"created_by", "reviewed_by"}),
        )
        authors.keep(r.created_by, "routine", plan.pk, "created_by")
        authors.keep(r.reviewed_by, "routine", plan.pk, "reviewed_by")
        plans[r.version] = plan

    logs: dict[Any, SessionLog] = {}
    for entry in model.session_logs:
        log = SessionLog.objects.create(
            patient=patient,
            plan=plans.get(entry.routine_version) if entry.routine_version else None,
            entered_by=who(entry.entered_by),
            changed_by=who(entry.changed_by),
            **entry.model_dump(
                exclude={
                    "routine_version",
                    "entered_by",
                    "changed_by",
                    "exercises",
                    "earlier_versions",
                }
            ),
        )
        authors.keep(entry.entered_by, "log", log.pk, "entered_by")
        authors.keep(entry.changed_by, "log", log.pk, "changed_by")
        ExerciseLog.objects.bulk_create(
            ExerciseLog(session=log, **e.model_dump()) for e in entry.exercises
        )
        for version in entry.earlier_versions:
            revision = SessionLogRevision.objects.create(
                log=log,
                entered_by=who(version.entered_by),
                replaced_by=who(version.replaced_by),
                **version.model_dump(exclude={"entered_by", "replaced_by"}),
            )
            authors.keep(version.entered_by, "revision", revision.pk, "entered_by")
            authors.keep(version.replaced_by, "revision", revision.pk, "replaced_by")
        logs[entry.client_id] = log

    for c in model.checkins:
        checkin = CheckIn.objects.create(
            patient=patient,
            session=logs[c.session] if c.session else None,
            entered_by=who(c.entered_by),
            **c.model_dump(exclude={"session", "entered_by"}),
        )
        authors.keep(c.entered_by, "checkin", checkin.pk, "entered_by")
    FeelingCheckIn.objects.bulk_create(
        FeelingCheckIn(patient=patient, **f.model_dump()) for f in model.feelings
    )
    for a in model.alerts:
        alert = Alert.objects.create(
            patient=patient,
            acknowledged_by=who(a.acknowledged_by),
            **a.model_dump(exclude={"acknowledged_by"}),
        )
        authors.keep(a.acknowledged_by, "alert", alert.pk, "acknowledged_by")
    for r in model.flag_reviews:
        review = FlagReview.objects.create(
            patient=patient, reviewed_by=who(r.reviewed_by), **r.model_dump(exclude={"reviewed_by"})
        )
        authors.keep(r.reviewed_by, "review", review.pk, "reviewed_by")
    if model.reminders is not None:
        rem = model.reminders
        schedule = ReminderSchedule.objects.create(
            patient=patient,
            updated_by=who(rem.updated_by),
            **rem.model_dump(exclude={"updated_by"}),
        )
        authors.keep(rem.updated_by, "reminders", schedule.pk, "updated_by")
    for item in model.equipment:
        row = PlanItem.objects.create(patient=patient, **item.model_dump(exclude={"changes"}))
        for change in item.changes:
            saved = PlanChange.objects.create(
                item=row,
                changed_by=who(change.changed_by),
                **change.model_dump(exclude={"changed_by"}),
            )
            authors.keep(change.changed_by, "change", saved.pk, "changed_by")

    dumped = model.model_dump(mode="json")
    ImportedRecord.objects.create(
        patient=patient,
        schema_version=model.schema_version,
        imported_by=by,
        people={p.ref: {"name": p.name, "role": p.role} for p in model.people},
        refs=authors.refs,
        # Skill marks and team members name accounts of the other installation: kept as
        # history, shown in the next export, granting nothing here.
        history={"skills_taught": dumped["skills_taught"], "care_team": dumped["care_team"]},
    )
    AuditEvent.objects.create(
        actor=by,
        patient=patient,
        action="record_imported",
        detail=(
            f"schema {model.schema_version}: {len(model.assessments)} assessments, "
            f"{len(model.session_logs)} logs, {len(model.routines)} routines"
        ),
    )
    return patient
