"""The home page's "Equipment to start on now" (EQUIP-FIRST-01), planned once for each
state of its inputs.

Planning reads the whole catalogue (parsed and checked item by item) and runs the
planner over the person's records on every home page; the result changes only when an
input does. `start_now` keeps it per process (alsmove.kept), keyed by everything the plan
is made from: the catalogue rows' content, the record's assessments, the patient row
(the onset date), the functional profile, the plan items' slugs and statuses (settled
and started items are left out), the person's day and the active language (the item
names are in it). Every input is read on each request (four small queries, nothing
parsed: the catalogue's JSON is read as its stored text), and a new plan is made from
what was read (no further query), so a change shows at the next request and the page
makes as many queries either way. It plans as `plan_for(...).start_now()` does in
`equipment.services` (tests/equipment/test_home_card_kept.py).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils.translation import get_language

from alsmove.assessments.models import Assessment
from alsmove.assessments.services import counted_records
from alsmove.assessments.stamps import (
    patient_key,
    profile_values,
    record_rows,
    rows_key,
    values_key,
)
from alsmove.core import equipment as core
from alsmove.core.equipment import FIRST_COUNT
from alsmove.equipment.models import SETTLED, CatalogueRecord, PlanItem
from alsmove.equipment.services import STARTED
from alsmove.kept import Kept
from alsmove.patients.models import FunctionalProfile, Patient

_KEPT: Kept[dict[str, Any]] = Kept(256)


def start_now(patient: Patient, today: date) -> dict[str, Any]:
    """The first few items to start on now and how many more are on the plan."""
    # The rows' JSON as stored text: a key without decoding and encoding forty entries.
    catalogue = list(
        CatalogueRecord.objects.annotate(raw=Cast("data", TextField())).values_list(
            "pk", "slug", "position", "raw"
        )
    )
    records = record_rows(patient)
    profile = profile_values(patient)
    items = sorted(PlanItem.objects.filter(patient=patient).values_list("slug", "status"))
    key = (
        patient.pk,
        tuple(catalogue),
        rows_key(records),
        patient_key(patient),
        values_key(profile),
        tuple(items),
        today,
        get_language() or "",
    )

    def make() -> dict[str, Any]:
        due = _start_now(patient, today, catalogue, records, profile, items)
        return {"first": due[:FIRST_COUNT], "more": max(len(due) - FIRST_COUNT, 0)}

    return _KEPT.get_or_make(key, make)


def _start_now(
    patient: Patient,
    today: date,
    catalogue: list[tuple[Any, ...]],
    records: list[tuple[Any, ...]],
    profile: dict[str, Any] | None,
    items: list[tuple[str, str]],
) -> list[core.Suggestion]:
    """`plan_for(patient, today).start_now()`, from the rows already read."""
    # The catalogue in its own order (position, then slug), as CatalogueRecord's ordering.
    known = [
        CatalogueRecord(pk=pk, slug=slug, position=position, data=json.loads(raw)).item()
        for pk, slug, position, raw in sorted(catalogue, key=lambda row: (row[2], row[1]))
    ]
    current = sorted(
        (
            Assessment(
                pk=pk,
                patient=patient,
                taken_on=day,
                source=source,
                total=total,
                items=raw,
                created_at=created,
            )
            for pk, day, source, total, raw, created, superseded in records
            if superseded is None
        ),
        key=lambda a: (a.taken_on, a.created_at),
    )
    counted = [
        (a.taken_on, scores) for a, scores in counted_records([(a, a.scores()) for a in current])
    ]
    if patient.onset_date is None or not counted or not known:
        return []
    row = FunctionalProfile(**profile) if profile is not None else None
    latest = counted[-1][1]
    suggestions = core.plan(
        known,
        patient.onset_date,
        counted,
        max(today, counted[-1][0]),
        row.to_core(alsfrs={k: int(v) for k, v in latest.items.items()}) if row else None,
        frozenset(slug for slug, status in items if status in SETTLED),
    )
    return core.start_now_first(suggestions, frozenset(s for s, st in items if st in STARTED))


def forget_all() -> None:
    """Drop every kept plan (tests, to compare with a fresh one)."""
    _KEPT.clear()
