"""EQUIP-ALERT-01 when a record is saved: if the new ALSFRS-R record moves an item's
start-by date much earlier, the therapist's alerts inbox says so.

Judged when `assessments.services.record_assessment` stores a record, inside its
transaction, with the records as they were before the save and as they are after; never
on a page read. The assessments app is below this one, so it sends
`assessments.signals.record_stored` and `judge_stored_record` receives it (connected in
`EquipmentConfig.ready`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from alsmove.accounts.models import AuditEvent
from alsmove.assessments.services import current_records, dated
from alsmove.core import equipment as core
from alsmove.core.alsfrs import Scores
from alsmove.core.equipment_catalogue import CatalogueItem
from alsmove.core.profile import FunctionalProfile
from alsmove.equipment.models import SETTLED, CatalogueRecord, PlanItem
from alsmove.logbook.models import Alert
from alsmove.patients.clock import today_for
from alsmove.patients.models import FunctionalProfile as ProfileRow
from alsmove.patients.models import Patient

Records = Sequence[tuple[date, Scores]]


def settled_slugs(patient: Patient) -> frozenset[str]:
    """EQUIP-DONE-01: the items in use or not needed are not suggested again."""
    return frozenset(
        PlanItem.objects.filter(patient=patient, status__in=SETTLED).values_list("slug", flat=True)
    )


def core_profile(patient: Patient, latest: Scores | None) -> FunctionalProfile | None:
    """The person's functional profile as the planner reads it, if there is one."""
    row = ProfileRow.objects.filter(patient=patient).first()
    if row is None:
        return None
    alsfrs = {k: int(v) for k, v in latest.items.items()} if latest is not None else None
    return row.to_core(alsfrs=alsfrs)


def _plan(
    catalogue: list[CatalogueItem],
    onset: date,
    records: Records,
    today: date,
    profile: FunctionalProfile | None,
    settled: frozenset[str],
) -> list[core.Suggestion]:
    if not records or records[-1][0] > today:
        return []
    return core.plan(catalogue, onset, records, today, profile, settled)


def raise_forecast_alert(
    patient: Patient,
    *,
    before: Records,
    after: Records,
    today: date,
    profile: FunctionalProfile | None,
    by: Any,
) -> Alert | None:
    """The alert for the items whose start-by the new records moved earlier (or None).

    One alert a day per person: a second fast change the same day is added to the open
    alert; once that alert is acknowledged, a new one is kept beside it.
    """
    if patient.onset_date is None or not before or not after:
        return None
    catalogue = [record.item() for record in CatalogueRecord.objects.all()]
    if not catalogue:
        return None
    settled = settled_slugs(patient)
    old = _plan(catalogue, patient.onset_date, before, today, profile, settled)
    new = _plan(catalogue, patient.onset_date, after, today, profile, settled)
    moved = core.earlier_starts(old, new, today)
    if not moved:
        return None
    names = {item.id: item.name for item in catalogue}
    entries = [
        {
            "slug": m.item_id,
            "name": names[m.item_id],
            "before": m.before.isoformat() if m.before else "",
            "after": m.after.isoformat(),
        }
        for m in moved
    ]
    alerts = Alert.objects.select_for_update().filter(
        patient=patient, day=today, rule=core.RULE_ALERT
    )
    alert = alerts.filter(acknowledged_at__isnull=True).first()
    if alert is not None:
        known = {entry["slug"]: entry for entry in alert.message.get("items", [])}
        known.update({entry["slug"]: entry for entry in entries})
        entries = list(known.values())
    message = {
        "text": core.ALERT_TEXT,
        "params": {"names": ", ".join(entry["name"] for entry in entries)},
        "items": entries,
    }
    if alert is None:
        key = "" if not alerts.exists() else f"again-{alerts.count() + 1}"
        alert = Alert.objects.create(
            patient=patient, day=today, rule=core.RULE_ALERT, exercise=key, message=message
        )
    else:
        alert.message = message
        alert.save(update_fields=["message"])
    AuditEvent.objects.create(
        actor=by if getattr(by, "is_authenticated", False) else None,
        patient=patient,
        action="equipment_alert",
        detail=f"#{alert.pk} " + " ".join(entry["slug"] for entry in entries),
    )
    return alert


def judge_stored_record(
    sender: object, *, patient: Patient, by: Any, before: Records, **_: Any
) -> None:
    """EQUIP-ALERT-01 for a record just stored: the receiver of
    `assessments.signals.record_stored`."""
    after = dated(current_records(patient))
    raise_forecast_alert(
        patient,
        before=before,
        after=after,
        today=today_for(patient),
        profile=core_profile(patient, after[-1][1] if after else None),
        by=by,
    )
