"""The person's whole record as one JSON document (schema in `schema.py`), and as CSV.

`export_record(patient)` reads a fixed number of queries whatever the record's size and
validates what it built against the schema before returning it.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from alsmove.accounts.models import User
from alsmove.assessments.models import Assessment
from alsmove.caregiving.models import SkillTaught
from alsmove.equipment.models import PlanItem
from alsmove.logbook.models import (
    Alert,
    CheckIn,
    FeelingCheckIn,
    FlagReview,
    ReminderSchedule,
    SessionLog,
)
from alsmove.patients.models import FunctionalProfile, Patient
from alsmove.portability.models import ImportedRecord
from alsmove.portability.schema import SCHEMA_NAME, SCHEMA_VERSION, RecordExport
from alsmove.routines.models import RoutinePlan

PROFILE_FIELDS = tuple(
    f.name
    for f in FunctionalProfile._meta.get_fields()
    if f.concrete and f.name not in ("id", "patient", "updated_by")
)
PREFERENCE_FIELDS = (
    "text_size",
    "high_contrast",
    "large_targets",
    "speech_enabled",
    "show_forecast",
    "tone_enabled",
    "dwell_enabled",
    "dwell_ms",
    "language",
)


class People:
    """Hands out "self", "p1", "p2"... for the accounts a record names.

    An imported record keeps the references of the file it came from (`ImportedRecord`):
    a row stored without an author there gets its old reference back, and accounts of
    this installation are numbered after them.
    """

    def __init__(self, patient: Patient, imported: ImportedRecord | None) -> None:
        self.person_id = patient.user_id
        self.by_user: dict[int, str] = {}
        self.listed: dict[str, dict[str, str]] = dict(imported.people) if imported else {}
        self.refs: dict[str, str] = dict(imported.refs) if imported else {}
        self.users: dict[int, User] = {}

    def who(self, user_id: int | None, key: str) -> str | None:
        if user_id is None:
            return self.refs.get(key)
        if user_id == self.person_id:
            return "self"
        if user_id not in self.by_user:
            ref = f"p{self._next_number()}"
            self.by_user[user_id] = ref
            user = self.users[user_id]
            self.listed[ref] = {"name": user.full_name, "role": user.role}
        return self.by_user[user_id]

    def _next_number(self) -> int:
        return 1 + max((int(ref[1:]) for ref in self.listed), default=0)

    def listing(self) -> list[dict[str, str]]:
        return [
            {"ref": ref, **self.listed[ref]}
            for ref in sorted(self.listed, key=lambda r: int(r[1:]))
        ]


def _user_ids(rows: Iterable[Any], *fields: str) -> set[int]:
    return {getattr(row, f) for row in rows for f in fields if getattr(row, f) is not None}


def export_record(patient: Patient, now: datetime | None = None) -> dict[str, Any]:
    """The whole record of `patient` (who must have an account) as schema-valid JSON."""
    user = User.objects.get(pk=patient.user_id)
    imported = ImportedRecord.objects.filter(patient=patient).first()
    profile = FunctionalProfile.objects.filter(patient=patient).first()
    assessments = list(Assessment.objects.filter(patient=patient).order_by("created_at", "pk"))
    routines = list(RoutinePlan.objects.filter(patient=patient).order_by("version"))
    logs = list(
        SessionLog.objects.filter(patient=patient)
        .order_by("day", "created_at", "pk")
        .prefetch_related("exercises", "revisions")
    )
    checkins = list(CheckIn.objects.filter(patient=patient).order_by("day", "created_at", "pk"))
    feelings = list(FeelingCheckIn.objects.filter(patient=patient).order_by("day", "created_at"))
    alerts = list(Alert.objects.filter(patient=patient).order_by("day", "created_at", "pk"))
    reviews = list(FlagReview.objects.filter(patient=patient).order_by("day", "created_at", "pk"))
    reminders = ReminderSchedule.objects.filter(patient=patient).first()
    equipment = list(
        PlanItem.objects.filter(patient=patient).order_by("slug").prefetch_related("changes")
    )
    taught = list(SkillTaught.objects.filter(patient=patient).order_by("recorded_at", "pk"))
    team = list(patient.care_links.active().order_by("created_at", "pk"))

    ids = _user_ids(assessments, "entered_by_id")
    ids |= _user_ids(routines, "created_by_id", "reviewed_by_id")
    ids |= _user_ids(logs, "entered_by_id", "changed_by_id")
    ids |= _user_ids(
        (r for log in logs for r in log.revisions.all()), "entered_by_id", "replaced_by_id"
    )
    ids |= _user_ids(checkins, "entered_by_id")
    ids |= _user_ids(alerts, "acknowledged_by_id")
    ids |= _user_ids(reviews, "reviewed_by_id")
    ids |= _user_ids(taught, "caregiver_id", "taught_by_id")
    ids |= _user_ids(team, "member_id")
    ids |= _user_ids((c for item in equipment for c in item.changes.all()), "changed_by_id")
    if profile is not None and profile.updated_by_id:
        ids.add(profile.updated_by_id)
    if reminders is not None and reminders.updated_by_id:
        ids.add(reminders.updated_by_id)
    people = People(patient, imported)
    people.users = {u.pk: u for u in User.objects.filter(pk__in=ids - {user.pk})}
    who = people.who

    numbers = {a.pk: n for n, a in enumerate(assessments, start=1)}
    versions = {r.pk: r.version for r in routines}
    log_ids = {log.pk: log.client_id for log in logs}
    history = imported.history if imported else {}

    document: dict[str, Any] = {
        "schema": SCHEMA_NAME,
        "schema_version": SCHEMA_VERSION,
        "exported_at": now or timezone.now(),
        "person": {
            "email": user.email,
            "full_name": user.full_name,
            "date_joined": user.date_joined,
            "disclaimer_accepted_at": user.disclaimer_accepted_at,
            "preferences": {f: getattr(user, f) for f in PREFERENCE_FIELDS},
        },
        "record": {
            "display_name": patient.display_name,
            "onset_date": patient.onset_date,
            "onset_region": patient.onset_region,
            "diagnosis_date": patient.diagnosis_date,
            "time_zone": patient.time_zone,
            "created_at": patient.created_at,
        },
        "profile": None
        if profile is None
        else {
            **{f: getattr(profile, f) for f in PROFILE_FIELDS},
            "updated_by": who(profile.updated_by_id, f"profile:{profile.pk}:updated_by"),
        },
        "assessments": [
            {
                "id": numbers[a.pk],
                "taken_on": a.taken_on,
                "items": a.items,
                "total": a.total,
                "source": a.source,
                "entered_by": who(a.entered_by_id, f"assessment:{a.pk}:entered_by"),
                "created_at": a.created_at,
                "replaces": numbers.get(a.replaces_id) if a.replaces_id else None,
                "superseded_at": a.superseded_at,
            }
            for a in assessments
        ],
        "routines": [
            {
                "version": r.version,
                "status": r.status,
                "stage": r.stage,
                "items": r.items,
                "excluded": r.excluded,
                "messages": r.messages,
                "why": r.why,
                "created_by": who(r.created_by_id, f"routine:{r.pk}:created_by"),
                "created_at": r.created_at,
                "reviewed_by": who(r.reviewed_by_id, f"routine:{r.pk}:reviewed_by"),
                "reviewed_at": r.reviewed_at,
            }
            for r in routines
        ],
        "session_logs": [_log(log, versions, who) for log in logs],
        "checkins": [
            {
                "client_id": c.client_id,
                "session": log_ids.get(c.session_id) if c.session_id else None,
                "kind": c.kind,
                "day": c.day,
                "weaker": c.weaker,
                "soreness": c.soreness,
                "heaviness": c.heaviness,
                "entered_by": who(c.entered_by_id, f"checkin:{c.pk}:entered_by"),
                "created_at": c.created_at,
            }
            for c in checkins
        ],
        "feelings": [
            {
                "client_id": f.client_id,
                "day": f.day,
                "answer": f.answer,
                "tell_therapist": f.tell_therapist,
                "created_at": f.created_at,
            }
            for f in feelings
        ],
        "alerts": [
            {
                "day": a.day,
                "rule": a.rule,
                "message": a.message,
                "exercise": a.exercise,
                "created_at": a.created_at,
                "acknowledged_by": who(a.acknowledged_by_id, f"alert:{a.pk}:acknowledged_by"),
                "acknowledged_at": a.acknowledged_at,
                "acknowledgement": a.acknowledgement,
                "withdrawn_at": a.withdrawn_at,
            }
            for a in alerts
        ],
        "flag_reviews": [
            {
                "exercise": r.exercise,
                "day": r.day,
                "reviewed_by": who(r.reviewed_by_id, f"review:{r.pk}:reviewed_by"),
                "note": r.note,
                "created_at": r.created_at,
            }
            for r in reviews
        ],
        "reminders": None
        if reminders is None
        else {
            "days": reminders.days,
            "time": reminders.time,
            "time_zone": reminders.time_zone,
            "enabled": reminders.enabled,
            "caregivers_too": reminders.caregivers_too,
            "updated_by": who(reminders.updated_by_id, f"reminders:{reminders.pk}:updated_by"),
            "updated_at": reminders.updated_at,
        },
        "equipment": [
            {
                "slug": item.slug,
                "name": item.name,
                "status": item.status,
                "target_date": item.target_date,
                "note": item.note,
                "created_at": item.created_at,
                "updated_at": item.updated_at,
                "changes": [
                    {
                        "changed_by": who(c.changed_by_id, f"change:{c.pk}:changed_by"),
                        "changed_at": c.changed_at,
                        "from_status": c.from_status,
                        "to_status": c.to_status,
                        "target_date": c.target_date,
                        "note": c.note,
                    }
                    for c in sorted(item.changes.all(), key=lambda c: (c.changed_at, c.pk))
                ],
            }
            for item in equipment
        ],
        # Marks and team members of the installation the record came from have no
        # account here: an import keeps them as history and they are exported again.
        "skills_taught": list(history.get("skills_taught", []))
        + [
            {
                "skill": t.skill,
                "caregiver": who(t.caregiver_id, f"taught:{t.pk}:caregiver"),
                "taught_on": t.taught_on,
                "taught_by": who(t.taught_by_id, f"taught:{t.pk}:taught_by"),
                "recorded_at": t.recorded_at,
            }
            for t in taught
        ],
        "care_team": list(history.get("care_team", []))
        + [
            {
                "member": who(link.member_id, f"link:{link.pk}:member"),
                "relation": link.relation,
                "permission": link.permission,
                "since": link.created_at,
            }
            for link in team
        ],
    }
    document["people"] = people.listing()
    # The models define the schema: what leaves is checked against them.
    validated = RecordExport.model_validate(document)
    return validated.model_dump(mode="json", by_alias=True)


def _log(log: SessionLog, versions: dict[int, int], who: Any) -> dict[str, Any]:
    return {
        "client_id": log.client_id,
        "day": log.day,
        "routine_version": versions.get(log.plan_id) if log.plan_id else None,
        "pain": log.pain,
        "fatigue": log.fatigue,
        "cramps": log.cramps,
        "breathless_after": log.breathless_after,
        "note": log.note,
        "entered_by": who(log.entered_by_id, f"log:{log.pk}:entered_by"),
        "created_at": log.created_at,
        "revision": log.revision,
        "changed_at": log.changed_at,
        "changed_by": who(log.changed_by_id, f"log:{log.pk}:changed_by"),
        "exercises": [
            {"exercise": e.exercise, "status": e.status, "pain": e.pain}
            for e in sorted(log.exercises.all(), key=lambda e: e.pk)
        ],
        "earlier_versions": [
            {
                "number": r.number,
                "content": r.content,
                "entered_by": who(r.entered_by_id, f"revision:{r.pk}:entered_by"),
                "entered_at": r.entered_at,
                "replaced_by": who(r.replaced_by_id, f"revision:{r.pk}:replaced_by"),
                "replaced_at": r.replaced_at,
            }
            for r in sorted(log.revisions.all(), key=lambda r: r.number)
        ],
    }


def to_json_bytes(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()


def _cell(value: object) -> object:
    """A spreadsheet must not run a note as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def _csv(header: list[str], rows: Iterable[list[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue().encode("utf-8-sig")  # the BOM makes spreadsheets read UTF-8


ITEM_COLUMNS = ("1", "2", "3", "4", "5a", "5b", "6", "7", "8", "9", "10", "11", "12")


def csv_files(document: dict[str, Any]) -> dict[str, bytes]:
    """The logs, check-ins and assessments of an export as CSV tables."""
    names = {p["ref"]: p["name"] for p in document["people"]}
    names["self"] = document["person"]["full_name"]

    def name(ref: str | None) -> str:
        return names.get(ref or "", "")

    logs = document["session_logs"]
    return {
        "sessions.csv": _csv(
            [
                "day",
                "pain",
                "tiredness",
                "cramps",
                "breathless_after",
                "note",
                "done",
                "partly",
                "skipped",
                "entered_by",
                "created_at",
                "version",
            ],
            (
                [
                    log["day"],
                    log["pain"],
                    log["fatigue"],
                    log["cramps"],
                    log["breathless_after"],
                    log["note"],
                ]
                + [
                    sum(1 for e in log["exercises"] if e["status"] == s)
                    for s in ("done", "partly", "skipped")
                ]
                + [name(log["entered_by"]), log["created_at"], log["revision"]]
                for log in logs
            ),
        ),
        "exercises.csv": _csv(
            ["day", "exercise", "status", "pain"],
            (
                [log["day"], e["exercise"], e["status"], e["pain"]]
                for log in logs
                for e in log["exercises"]
            ),
        ),
        "checkins.csv": _csv(
            ["day", "kind", "weaker", "soreness", "heaviness", "entered_by", "created_at"],
            (
                [
                    c["day"],
                    c["kind"],
                    c["weaker"],
                    c["soreness"],
                    c["heaviness"],
                    name(c["entered_by"]),
                    c["created_at"],
                ]
                for c in document["checkins"]
            ),
        ),
        "assessments.csv": _csv(
            [
                "date",
                "source",
                "total",
                *(f"item_{i}" for i in ITEM_COLUMNS),
                "entered_by",
                "created_at",
                "current",
            ],
            (
                [
                    a["taken_on"],
                    a["source"],
                    a["total"],
                    *(a["items"].get(i, "") for i in ITEM_COLUMNS),
                    name(a["entered_by"]),
                    a["created_at"],
                    a["superseded_at"] is None,
                ]
                for a in document["assessments"]
            ),
        ),
    }


def export_zip(document: dict[str, Any]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("record.json", to_json_bytes(document))
        for filename, content in csv_files(document).items():
            archive.writestr(filename, content)
        archive.writestr(
            "README.txt",
            _(
                "record.json is your whole record (schema version %(version)s). The CSV "
                "files hold your sessions, exercises, check-ins and ALSFRS-R records, for "
                "a spreadsheet."
            )
            % {"version": document["schema_version"]}
            + "\n",
        )
    return buffer.getvalue()
