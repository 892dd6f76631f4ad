"""What one record says, as plain data: the export reads only this.

`alsmove.interop.records` fills it from the database; tests can build one by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class AssessmentData:
    key: str  # stable within the record (the row's id)
    taken_on: date
    items: dict[str, int]  # item id -> score, "5a" or "5b"
    source: str  # "clinician" or "self_report"
    entered_by: str | None = None


@dataclass(frozen=True)
class ExerciseData:
    slug: str
    name: str
    days: tuple[int, ...]  # 0 = Monday
    reps: int | None = None
    hold_seconds: tuple[int, ...] | None = None
    sides: str | None = None
    minutes: float | None = None
    position: str | None = None
    performer: str | None = None


@dataclass(frozen=True)
class RoutineData:
    version: int
    approved: bool
    created_on: date
    exercises: tuple[ExerciseData, ...]


@dataclass(frozen=True)
class EquipmentData:
    slug: str
    name: str
    status: str  # equipment.models.Status values
    target_date: date | None = None
    note: str = ""
    added_on: date | None = None


@dataclass(frozen=True)
class GoalData:
    """A measurable goal of the therapist's plan of care."""

    key: str
    text: str
    start: date | None = None
    due: date | None = None
    status: str = "active"  # FHIR Goal.lifecycleStatus
    achievement: str = ""  # "", "met", "partly", "not_met": the therapist's review
    expressed_by: str | None = None  # the therapist who signed the plan


@dataclass(frozen=True)
class RecordData:
    key: str  # stable for this record in this installation
    name: str
    onset_date: date | None = None
    onset_region: str = ""  # words (already in the record's language)
    diagnosis_date: date | None = None
    organisation: str | None = None
    assessments: tuple[AssessmentData, ...] = ()
    routine: RoutineData | None = None
    equipment: tuple[EquipmentData, ...] = ()
    goals: tuple[GoalData, ...] = field(default=())
