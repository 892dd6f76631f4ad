"""A demo record with every part of the export filled (the demo lacks a few)."""

from __future__ import annotations

import copy
import uuid
from datetime import date, time
from typing import Any

from django.utils import timezone

from alsmove.demo.seed import Demo
from alsmove.equipment.models import PlanChange, PlanItem
from alsmove.logbook.models import FeelingCheckIn, ReminderSchedule, SessionLog, SessionLogRevision


def enrich(demo: Demo) -> None:
    """What the demo lacks, so every part of the schema is filled."""
    patient = demo.patient
    FeelingCheckIn.objects.create(
        patient=patient,
        client_id=uuid.uuid4(),
        day=date(2026, 1, 5),
        answer="low",
        tell_therapist=False,
    )
    ReminderSchedule.objects.update_or_create(
        patient=patient,
        defaults={
            "days": [1, 3],
            "time": time(9, 15),
            "time_zone": patient.time_zone,
            "updated_by": demo.caregiver,
        },
    )
    item = PlanItem.objects.create(
        patient=patient,
        slug="shower-chair",
        name="Shower chair",
        status="ordered",
        target_date=date(2026, 6, 1),
        note="=cmd|' /C calc'!A0",
    )
    PlanChange.objects.create(
        item=item,
        changed_by=demo.therapist,
        from_status="",
        to_status="ordered",
        target_date=date(2026, 6, 1),
        note="ordered",
    )
    log = SessionLog.objects.filter(patient=patient).order_by("day").first()
    assert log is not None
    SessionLogRevision.objects.create(
        log=log,
        number=1,
        content={"pain": 3, "note": "first"},
        entered_by=demo.person,
        entered_at=log.created_at,
        replaced_by=demo.caregiver,
        replaced_at=timezone.now(),
    )
    SessionLog.objects.filter(pk=log.pk).update(
        revision=2, changed_at=timezone.now(), changed_by=demo.caregiver
    )


def new_person(document: dict[str, Any], email: str) -> dict[str, Any]:
    """The same file for someone not here yet (fresh client ids too)."""
    moved = copy.deepcopy(document)
    moved["person"]["email"] = email
    renamed = {log["client_id"]: str(uuid.uuid4()) for log in moved["session_logs"]}
    for log in moved["session_logs"]:
        log["client_id"] = renamed[log["client_id"]]
    for c in moved["checkins"]:
        c["client_id"] = str(uuid.uuid4())
        c["session"] = renamed.get(c["session"]) if c["session"] else None
    for f in moved["feelings"]:
        f["client_id"] = str(uuid.uuid4())
    return moved
