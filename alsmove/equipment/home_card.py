"""The home page's "Equipment to start on now" (EQUIP-FIRST-01), planned once for each
state of its inputs.

Planning reads the whole catalogue (parsed and checked item by item) and runs the
planner over the person's records on every home page; the result changes only when an
input does. `start_now` keeps it per process (alsmove.kept), keyed by everything the plan
is made from: the catalogue rows' content, the record's assessments, the patient row
(the onset date), the functional profile, the plan items' slugs and statuses (settled
and started items are left out), the person's day and the active language (the item
names are in it). Every input is read on each request (four small queries, nothing
parsed: plain SQL, JSON as its stored text, assessments.stamps), and a new plan is made from
what was read (no further query), so a change shows at the next request and the page
makes as many queries either way; `start_now_card` keeps the card drawn from it the same
way. It plans as `plan_for(...).start_now()` does in
`equipment.services` (tests/equipment/test_home_card_kept.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.translation import get_language

from alsmove.assessments.models import Assessment
from alsmove.assessments.services import counted_records
from alsmove.assessments.stamps import (
    day,
    json_value,
    patient_key,
    profile_from_row,
    profile_row,
    record_rows,
)
from alsmove.core import equipment as core
from alsmove.core.equipment import FIRST_COUNT
from alsmove.equipment.models import SETTLED, CatalogueRecord, PlanItem
from alsmove.equipment.services import STARTED
from alsmove.kept import Kept, rows
from alsmove.patients.models import Patient

_KEPT: Kept[dict[str, Any]] = Kept(256)
_DRAWN: Kept[str] = Kept(256)


def start_now(patient: Patient, today: date) -> dict[str, Any]:
    """The first few items to start on now and how many more are on the plan."""
    return _planned(patient, today)[1]


def start_now_card(patient: Patient, today: date, *, is_person: bool) -> str:
    """The home page's card (equipment/_start_now.html), drawn once per state of the
    plan's inputs and of what the card shows besides (whose it is, the person's name,
    the address prefix) and kept."""
    key, planned = _planned(patient, today)

    def draw() -> str:
        context = {"patient": patient, "equipment": planned, "is_person": is_person}
        return render_to_string("equipment/_start_now.html", context)

    shown = (key, is_person, patient.display_name, get_script_prefix())
    return _DRAWN.get_or_make(shown, draw)


def _planned(patient: Patient, today: date) -> tuple[tuple[Any, ...], dict[str, Any]]:
    catalogue = rows(CatalogueRecord, ("id", "slug", "position", "data"), ("id",))
    records = record_rows(patient)
    profile = profile_row(patient)
    items = rows(PlanItem, ("slug", "status"), ("slug", "status"), "patient", patient.pk)
    key = (
        patient.pk,
        catalogue,
        records,
        patient_key(patient),
        profile,
        items,
        today,
        get_language() or "",
    )

    def make() -> dict[str, Any]:
        due = _start_now(patient, today, catalogue, records, profile, items)
        return {"first": due[:FIRST_COUNT], "more": max(len(due) - FIRST_COUNT, 0)}

    return key, _KEPT.get_or_make(key, make)


def _start_now(
    patient: Patient,
    today: date,
    catalogue: tuple[tuple[Any, ...], ...],
    records: tuple[tuple[Any, ...], ...],
    profile: tuple[Any, ...] | None,
    items: tuple[tuple[Any, ...], ...],
) -> list[core.Suggestion]:
    """`plan_for(patient, today).start_now()`, from the rows already read."""
    # The catalogue in its own order (position, then slug), as CatalogueRecord's ordering.
    known = [
        CatalogueRecord(pk=pk, slug=slug, position=position, data=json_value(raw)).item()
        for pk, slug, position, raw in sorted(catalogue, key=lambda row: (row[2], row[1]))
    ]
    # The current records as `shown_records` orders them, then the counted ones.
    current = sorted(
        (
            Assessment(
                pk=pk,
                taken_on=day(taken_on),
                source=source,
                total=total,
                items=json_value(raw),
                created_at=made,
            )
            for pk, taken_on, source, total, raw, made, superseded in records
            if superseded is None
        ),
        key=lambda a: (a.taken_on, a.created_at),
    )
    shown = [(a, a.scores()) for a in current]
    counted = [(a.taken_on, scores) for a, scores in counted_records(shown)]
    if patient.onset_date is None or not counted or not known:
        return []
    row = profile_from_row(profile) if profile is not None else None
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
    """Drop every kept plan and card (tests, to compare with a fresh one)."""
    _KEPT.clear()
    _DRAWN.clear()
