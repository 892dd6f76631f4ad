"""The full-record export, schema version 1, as pydantic models: they define the schema.

`docs/record-export.schema.json` is generated from `RecordExport` (run
`python -m alsmove.portability.schema > docs/record-export.schema.json`); a test fails when
the file and the models disagree, and every export is validated against the models before
it leaves. docs/data-export.md describes every field.

People other than the person are named once in `people` (`p1`, `p2`... with their name
and role, never their email) and every "who" field holds `"self"` (the person), such a
reference, or null (nobody recorded, or an account since removed).
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime, time
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_NAME = "alsmove-record"
SCHEMA_VERSION = 1

Who = str | None  # "self", "p<n>", or null
Pain = Field(ge=0, le=10)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Preferences(Strict):
    text_size: Literal["normal", "large", "larger"]
    high_contrast: bool
    large_targets: bool
    speech_enabled: bool
    show_forecast: bool
    tone_enabled: bool
    dwell_enabled: bool
    dwell_ms: int = Field(ge=500, le=2000)
    # Added with Spanish and German; a file written before it follows the browser ("").
    language: Literal["", "en", "es", "de"] = ""


class Person(Strict):
    email: str = Field(min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")
    full_name: str = Field(max_length=200)
    date_joined: datetime
    disclaimer_accepted_at: datetime | None
    preferences: Preferences


class OtherPerson(Strict):
    ref: str = Field(pattern=r"^p[0-9]+$")
    name: str = Field(max_length=200)
    role: Literal["person", "caregiver", "therapist", "admin"]


class Record(Strict):
    display_name: str = Field(min_length=1, max_length=200)
    onset_date: date | None
    onset_region: Literal["", "bulbar", "upper_limb", "lower_limb", "respiratory", "other"]
    diagnosis_date: date | None
    time_zone: str = Field(min_length=1, max_length=64)
    created_at: datetime


class Profile(Strict):
    standing: str = Field(max_length=20)
    walking: str = Field(max_length=20)
    sitting_balance: str = Field(max_length=20)
    floor_transfer: bool
    can_lie_down: bool
    caregiver_available: bool
    caregiver_days: list[int]
    painful_joints: list[str]
    approved_painful_joints: list[str]
    strength: dict[str, int]
    shoulder_subluxation: bool
    breathless_at_rest: bool
    uses_niv: bool
    minutes: int = Field(ge=0, le=600)
    lies_flat: str = Field(max_length=10)
    niv_daytime: bool
    head_control: str = Field(max_length=20)
    trunk_control: str = Field(max_length=20)
    seat_lateral_supports: bool
    seat_tilt: bool
    arm_hangs: str = Field(max_length=10)
    grip: str = Field(max_length=10)
    foot_drop: str = Field(max_length=10)
    afo_worn: bool
    falls_last_3_months: int = Field(ge=0, le=1000)
    typical_fatigue: int | None = Field(ge=0, le=10)
    cramps: str = Field(max_length=10)
    spasticity: str = Field(max_length=10)
    base: str = Field(max_length=20)
    standing_cleared: bool
    breath_stacking: bool
    assisted_cough: bool
    preferences: str
    updated_at: datetime
    updated_by: Who


class Assessment(Strict):
    id: int = Field(ge=1, description="This record's number in the file (1, 2, ...).")
    taken_on: date
    items: dict[str, int]
    total: int = Field(ge=0, le=48)
    source: Literal["self_report", "clinician"]
    entered_by: Who
    created_at: datetime
    replaces: int | None = Field(description="The `id` in this file of the version it replaced.")
    superseded_at: datetime | None


class Routine(Strict):
    version: int = Field(ge=1)
    status: Literal["proposed", "approved", "superseded"]
    stage: str = Field(max_length=20)
    items: list[dict[str, Any]]
    excluded: list[dict[str, Any]]
    messages: dict[str, Any]
    why: dict[str, Any]
    created_by: Who
    created_at: datetime
    reviewed_by: Who
    reviewed_at: datetime | None


class ExerciseEntry(Strict):
    exercise: str = Field(min_length=1, max_length=64)
    status: Literal["done", "partly", "skipped"]
    pain: int = Pain


class LogVersion(Strict):
    number: int = Field(ge=1)
    content: dict[str, Any]
    entered_by: Who
    entered_at: datetime
    replaced_by: Who
    replaced_at: datetime


class SessionLog(Strict):
    client_id: UUID
    day: date
    routine_version: int | None
    pain: int | None = Pain
    fatigue: int | None = Pain
    cramps: Literal["none", "mild", "severe"]
    breathless_after: bool
    note: str
    entered_by: Who
    created_at: datetime
    revision: int = Field(ge=1)
    changed_at: datetime | None
    changed_by: Who
    exercises: list[ExerciseEntry]
    earlier_versions: list[LogVersion]


class CheckIn(Strict):
    client_id: UUID
    session: UUID | None = Field(description="The `client_id` of the session it follows.")
    kind: Literal["after_30_min", "next_day"]
    day: date
    weaker: bool
    soreness: bool
    heaviness: bool
    entered_by: Who
    created_at: datetime


class Feeling(Strict):
    client_id: UUID
    day: date
    answer: Literal["good", "mixed", "low", "skipped"]
    tell_therapist: bool | None
    created_at: datetime


class Alert(Strict):
    day: date
    rule: str = Field(min_length=1, max_length=40)
    message: dict[str, Any]
    exercise: str = Field(max_length=64)
    created_at: datetime
    acknowledged_by: Who
    acknowledged_at: datetime | None
    acknowledgement: str
    withdrawn_at: datetime | None


class FlagReview(Strict):
    exercise: str = Field(min_length=1, max_length=64)
    day: date
    reviewed_by: Who
    note: str
    created_at: datetime


class Reminders(Strict):
    days: list[int]
    time: time
    time_zone: str = Field(min_length=1, max_length=64)
    enabled: bool
    caregivers_too: bool
    updated_by: Who
    updated_at: datetime


class EquipmentChange(Strict):
    changed_by: Who
    changed_at: datetime
    from_status: str = Field(max_length=20)
    to_status: str = Field(max_length=20)
    target_date: date | None
    note: str


class EquipmentItem(Strict):
    slug: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=200)
    status: Literal["suggested", "discussing", "ordered", "delivered", "in_use", "not_needed"]
    target_date: date | None
    note: str
    created_at: datetime
    updated_at: datetime
    changes: list[EquipmentChange]


class SkillTaught(Strict):
    skill: str = Field(min_length=1, max_length=64)
    caregiver: Who
    taught_on: date
    taught_by: Who
    recorded_at: datetime


class TeamMember(Strict):
    member: Who
    relation: Literal["caregiver", "therapist"]
    permission: Literal["view", "log", "edit_plan"]
    since: datetime


class RecordExport(Strict):
    """A person's whole record, as the person downloads it and a clinic imports it."""

    schema_: Literal["alsmove-record"] = Field(alias="schema")
    schema_version: Literal[1]
    exported_at: datetime
    person: Person
    people: list[OtherPerson]
    record: Record
    profile: Profile | None
    assessments: list[Assessment]
    routines: list[Routine]
    session_logs: list[SessionLog]
    checkins: list[CheckIn]
    feelings: list[Feeling]
    alerts: list[Alert]
    flag_reviews: list[FlagReview]
    reminders: Reminders | None
    equipment: list[EquipmentItem]
    skills_taught: list[SkillTaught]
    care_team: list[TeamMember]

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def json_schema() -> dict[str, Any]:
    schema = RecordExport.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://alsmove.example/schemas/{SCHEMA_NAME}-{SCHEMA_VERSION}.json"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":  # pragma: no cover
    sys.stdout.write(json_schema_text())
