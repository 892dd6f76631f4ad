"""Nothing is left out of the export by accident: every stored field of every exported
table is in the schema, or in the list of fields docs/data-export.md says are not."""

from __future__ import annotations

import pytest
from django.db import models

from alsmove.accounts.models import User
from alsmove.assessments.models import Assessment
from alsmove.caregiving.models import SkillTaught
from alsmove.equipment.models import PlanChange, PlanItem
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
from alsmove.patients.models import CareLink, FunctionalProfile, Patient
from alsmove.portability import schema
from alsmove.routines.models import RoutinePlan

# table: (its part of the schema, fields stored under another name, fields left out)
COVERED: list[tuple[type[models.Model], type, dict[str, str], set[str]]] = [
    (
        User,
        schema.Person,
        {f: "preferences" for f in schema.Preferences.model_fields},
        {
            "id",
            "password",
            "last_login",
            "is_superuser",
            "groups",
            "user_permissions",
            "role",
            "organisation",
            "is_active",
            "is_staff",
        },
    ),
    (Patient, schema.Record, {}, {"id", "user", "organisation", "created_by"}),
    (FunctionalProfile, schema.Profile, {}, {"id", "patient"}),
    (Assessment, schema.Assessment, {}, {"patient"}),
    (RoutinePlan, schema.Routine, {}, {"id", "patient"}),
    (SessionLog, schema.SessionLog, {"plan": "routine_version"}, {"id", "patient"}),
    (ExerciseLog, schema.ExerciseEntry, {}, {"id", "session"}),
    (SessionLogRevision, schema.LogVersion, {}, {"id", "log"}),
    (CheckIn, schema.CheckIn, {}, {"id", "patient"}),
    (FeelingCheckIn, schema.Feeling, {}, {"id", "patient"}),
    (Alert, schema.Alert, {}, {"id", "patient"}),
    (FlagReview, schema.FlagReview, {}, {"id", "patient"}),
    (ReminderSchedule, schema.Reminders, {}, {"id", "patient"}),
    (PlanItem, schema.EquipmentItem, {}, {"id", "patient"}),
    (PlanChange, schema.EquipmentChange, {}, {"id", "item"}),
    (SkillTaught, schema.SkillTaught, {}, {"id", "patient"}),
    (
        CareLink,
        schema.TeamMember,
        {"created_at": "since"},
        # Only the active team is exported; who added or removed whom is in the audit trail.
        {"id", "patient", "added_by", "consent_note", "revoked_at", "revoked_by"},
    ),
]


@pytest.mark.parametrize(
    ("table", "part", "renamed", "left_out"), COVERED, ids=lambda v: getattr(v, "__name__", "")
)
def test_every_stored_field_is_exported_or_documented_as_left_out(
    table: type[models.Model], part: type, renamed: dict[str, str], left_out: set[str]
) -> None:
    stored = {f.name for f in table._meta.get_fields() if f.concrete or f.many_to_many} - {
        f.name for f in table._meta.get_fields() if f.auto_created and not f.concrete
    }
    exported = set(part.model_fields)  # type: ignore[attr-defined]
    missing = {name for name in stored - left_out if renamed.get(name, name) not in exported}
    assert not missing, f"{table.__name__}: add {sorted(missing)} to the export (schema.py)"
