"""A person's equipment plan: the planner's suggestions read from the record, and the
plan items with every change kept (who, when, from what to what).

Every write asks the access policy again (a page is not the only door), runs in one
transaction with the patient row locked (two changes to one plan take turns), keeps a
PlanChange and an audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from alsmove.accounts.models import AuditEvent
from alsmove.assessments.services import current_records
from alsmove.core import equipment as core
from alsmove.core.equipment_catalogue import CatalogueItem
from alsmove.equipment.forecast_alerts import core_profile, settled_slugs
from alsmove.equipment.models import CatalogueRecord, PlanChange, PlanItem, Status
from alsmove.patients.clock import today_for
from alsmove.patients.models import Patient
from alsmove.patients.policy import Action, require

NOTE_MAX = 1000
NAME_MAX = 120
# A target date is a plan: from a year back (when it came) to three years ahead.
TARGET_PAST_DAYS = 366
TARGET_FUTURE_DAYS = 3 * 366
OWN_PREFIX = "own-"  # the slug of an item the therapist wrote in
# Ordered, delivered, in use or not needed: the steps have started (or are not wanted),
# so the item is not on a "start now" list.
STARTED = frozenset({Status.ORDERED, Status.DELIVERED, Status.IN_USE, Status.NOT_NEEDED})


class PlanError(ValueError):
    """A change that cannot be made: `field` names the form field; the message says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class PlanConflict(PlanError):
    """The item is already on the plan (the API answers 409)."""


@dataclass(frozen=True)
class PlanView:
    """What the plan page, the home card and the API read: the suggestions (None when
    the record cannot be planned from yet, with the reason) and the plan's items."""

    suggestions: list[core.Suggestion] | None
    missing: str  # why there are no suggestions ("" when there are)
    items: list[PlanItem]
    catalogue: dict[str, CatalogueItem]
    today: date

    def item_for(self, slug: str) -> PlanItem | None:
        return next((item for item in self.items if item.slug == slug), None)

    def start_now(self) -> list[core.Suggestion]:
        """EQUIP-FIRST-01: to start now, longest lead time first; items whose steps have
        started (ordered, delivered...) are left out."""
        started = frozenset(i.slug for i in self.items if i.status in STARTED)
        return core.start_now_first(self.suggestions or [], started)


def catalogue() -> dict[str, CatalogueItem]:
    return {record.slug: record.item() for record in CatalogueRecord.objects.all()}


def plan_items(patient: Patient) -> list[PlanItem]:
    """The plan's items with their history and who made each change (three queries)."""
    return list(
        PlanItem.objects.filter(patient=patient)
        .prefetch_related("changes__changed_by")
        .order_by("name", "pk")
    )


def plan_for(patient: Patient, today: date | None = None, *, with_items: bool = True) -> PlanView:
    """The planner's suggestions for this record (EQUIP-DONE-01: the settled items are
    left out) and, with `with_items`, the plan's items."""
    today = today or today_for(patient)
    items = plan_items(patient) if with_items else []
    known = catalogue()
    records = [(a.taken_on, scores) for a, scores in current_records(patient)]
    missing = ""
    suggestions: list[core.Suggestion] | None = None
    if patient.onset_date is None:
        missing = _("The date of the first symptoms is needed to plan ahead.")
    elif not records:
        missing = _("An ALSFRS-R record is needed to plan ahead.")
    elif not known:
        missing = _("The equipment catalogue is not loaded.")
    else:
        settled = (
            frozenset(i.slug for i in items if i.status in (Status.IN_USE, Status.NOT_NEEDED))
            if with_items
            else settled_slugs(patient)
        )
        suggestions = core.plan(
            known.values(),
            patient.onset_date,
            records,
            max(today, records[-1][0]),
            core_profile(patient, records[-1][1]),
            settled,
        )
    return PlanView(suggestions, missing, items, known, today)


def _check_target(patient: Patient, target_date: date | None) -> None:
    if target_date is None:
        return
    today = today_for(patient)
    earliest = today - timedelta(days=TARGET_PAST_DAYS)
    latest = today + timedelta(days=TARGET_FUTURE_DAYS)
    if not earliest <= target_date <= latest:
        raise PlanError(
            "target_date",
            _("Choose a date from a year ago to three years ahead."),
        )


def _check_note(note: str) -> str:
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise PlanError(
            "note", _("Keep the note to %(max)d characters or fewer.") % {"max": NOTE_MAX}
        )
    return note


def _lock(patient: Patient) -> None:
    Patient.objects.select_for_update().filter(pk=patient.pk).values_list("pk").first()


def _audit(by: Any, patient: Patient, action: str, detail: str) -> None:
    AuditEvent.objects.create(actor=by, patient=patient, action=action, detail=detail[:255])


@transaction.atomic
def set_status(
    *,
    patient: Patient,
    by: Any,
    slug: str,
    status: str,
    target_date: date | None = None,
    note: str = "",
) -> PlanItem:
    """Change an item's status (with a target date and a note about the change).

    A catalogue item that is not on the plan yet is put on it by its first status (a
    person may say "not needed" about a suggestion). A change that changes nothing is
    not kept.
    """
    require(by, patient.pk, Action.CHANGE_EQUIPMENT)
    if status not in Status.values:
        raise PlanError("status", _("Choose one of the statuses on the list."))
    _check_target(patient, target_date)
    note = _check_note(note)
    _lock(patient)
    item = PlanItem.objects.filter(patient=patient, slug=slug).first()
    now = timezone.now()
    if item is None:
        record = CatalogueRecord.objects.filter(slug=slug).first()
        if record is None:
            raise PlanError("slug", _("That item is not in the catalogue or on the plan."))
        item = PlanItem.objects.create(
            patient=patient,
            slug=slug,
            name=record.name,
            status=status,
            target_date=target_date,
            created_at=now,
            updated_at=now,
        )
        from_status = ""
    else:
        from_status = item.status
        if from_status == status and target_date == item.target_date and not note:
            return item
        item.status = status
        item.target_date = target_date
        item.updated_at = now
        item.save(update_fields=["status", "target_date", "updated_at"])
    PlanChange.objects.create(
        item=item,
        changed_by=by,
        changed_at=now,
        from_status=from_status,
        to_status=status,
        target_date=target_date,
        note=note,
    )
    _audit(by, patient, "equipment_status", f"{slug} {from_status or '-'} -> {status}")
    return item


def written_in_slug(name: str) -> str:
    return OWN_PREFIX + (slugify(name)[:50].strip("-") or "item")


@transaction.atomic
def add_item(
    *,
    patient: Patient,
    by: Any,
    slug: str = "",
    name: str = "",
    target_date: date | None = None,
    note: str = "",
) -> PlanItem:
    """The therapist puts an item on the plan: a catalogue item by `slug`, or one they
    write in by `name`. It starts as suggested; the note is the item's own note."""
    require(by, patient.pk, Action.ADD_EQUIPMENT)
    name = name.strip()
    if bool(slug) == bool(name):
        raise PlanError("slug", _("Choose an item from the catalogue, or write one in."))
    if len(name) > NAME_MAX:
        raise PlanError(
            "name", _("Keep the name to %(max)d characters or fewer.") % {"max": NAME_MAX}
        )
    _check_target(patient, target_date)
    note = _check_note(note)
    _lock(patient)
    if slug:
        record = CatalogueRecord.objects.filter(slug=slug).first()
        if record is None:
            raise PlanError("slug", _("Choose an item from the catalogue."))
        name = record.name
    else:
        slug = written_in_slug(name)
    if PlanItem.objects.filter(patient=patient, slug=slug).exists():
        raise PlanConflict("slug", _("That item is already on the plan."))
    now = timezone.now()
    item = PlanItem.objects.create(
        patient=patient,
        slug=slug,
        name=name,
        status=Status.SUGGESTED,
        target_date=target_date,
        note=note,
        created_at=now,
        updated_at=now,
    )
    PlanChange.objects.create(
        item=item,
        changed_by=by,
        changed_at=now,
        from_status="",
        to_status=Status.SUGGESTED,
        target_date=target_date,
        note=note,
    )
    _audit(by, patient, "equipment_added", slug)
    return item


@transaction.atomic
def write_note(*, patient: Patient, by: Any, slug: str, note: str) -> PlanItem:
    """The therapist's note on an item (replacing the last one; the history keeps both)."""
    require(by, patient.pk, Action.ADD_EQUIPMENT)
    note = _check_note(note)
    _lock(patient)
    item = PlanItem.objects.filter(patient=patient, slug=slug).first()
    if item is None:
        raise PlanError("slug", _("That item is not on the plan."))
    if note == item.note:
        return item
    now = timezone.now()
    item.note = note
    item.updated_at = now
    item.save(update_fields=["note", "updated_at"])
    PlanChange.objects.create(
        item=item,
        changed_by=by,
        changed_at=now,
        from_status=item.status,
        to_status=item.status,
        target_date=item.target_date,
        note=note,
    )
    _audit(by, patient, "equipment_note", slug)
    return item
