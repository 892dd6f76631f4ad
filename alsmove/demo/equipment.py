"""The demo person's equipment plan: an item at every status, each with its history, as
the care team built it over three months."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from alsmove.accounts.models import User
from alsmove.equipment.catalogue import sync_catalogue
from alsmove.equipment.models import CatalogueRecord, PlanChange, PlanItem
from alsmove.equipment.services import add_item, set_status
from alsmove.patients.models import Patient

# (item, days ago, who, status, target in days from today or None, note). The first line
# of an item puts it on the plan: "added" is the therapist adding it. Tests of other parts
# put a shower chair, a cane and an ankle-foot orthosis on the demo plan themselves: the
# demo leaves those out.
DEMO_PLAN: tuple[tuple[str, int, str, str, int | None, str], ...] = (
    ("manual-wheelchair", 95, "therapist", "added", None, "For longer distances first."),
    ("manual-wheelchair", 85, "person", "discussing", None, ""),
    ("manual-wheelchair", 70, "therapist", "ordered", -40, "Ordered through the clinic."),
    ("manual-wheelchair", 42, "caregiver", "delivered", None, ""),
    ("manual-wheelchair", 40, "person", "in_use", None, "Using it every day now."),
    ("walker", 60, "person", "not_needed", None, "The wheelchair replaced it."),
    ("gait-belt", 75, "therapist", "added", None, ""),
    ("gait-belt", 74, "caregiver", "in_use", None, "Alex was shown how to use it."),
    ("transfer-board", 21, "caregiver", "delivered", None, "Borrowed from the loan closet."),
    ("tub-transfer-bench", 30, "person", "discussing", None, ""),
    ("tub-transfer-bench", 8, "caregiver", "delivered", None, ""),
    (
        "power-wheelchair",
        35,
        "therapist",
        "added",
        None,
        "Seating evaluation booked. Ask for tilt, recline and seat elevation, and room for "
        "a ventilator tray later.",
    ),
    ("power-wheelchair", 25, "person", "discussing", None, ""),
    ("power-wheelchair", 12, "therapist", "ordered", 75, "Funding request sent."),
    ("ramp", 14, "person", "discussing", 45, "Getting two quotes for the front steps."),
    ("hospital-bed", 5, "therapist", "added", 30, "Talk about it at the next visit."),
)
WRITTEN_IN = ("Folding ramp for visits", 3, "A light ramp for the steps at family homes.")


def _at(today: date, days_ago: int) -> datetime:
    day = today - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def seed_equipment_plan(
    patient: Patient, person: User, caregiver: User, therapist: User, today: date
) -> None:
    if PlanItem.objects.filter(patient=patient).exists():
        return
    if not CatalogueRecord.objects.exists():  # load_demo run before load_equipment
        sync_catalogue()
    who = {"person": person, "caregiver": caregiver, "therapist": therapist}
    for slug, days_ago, by, status, target, note in DEMO_PLAN:
        target_date = today + timedelta(days=target) if target is not None else None
        if status == "added":
            item = add_item(
                patient=patient, by=who[by], slug=slug, target_date=target_date, note=note
            )
        else:
            item = set_status(
                patient=patient,
                by=who[by],
                slug=slug,
                status=status,
                target_date=target_date,
                note=note,
            )
        _back_date(item, days_ago, today)
    name, days_ago, note = WRITTEN_IN
    _back_date(add_item(patient=patient, by=therapist, name=name, note=note), days_ago, today)


def _back_date(item: PlanItem, days_ago: int, today: date) -> None:
    """The change just made happened `days_ago` (a demo's three months of history)."""
    when = _at(today, days_ago)
    latest = PlanChange.objects.filter(item=item).order_by("-pk").first()
    if latest is not None:
        PlanChange.objects.filter(pk=latest.pk).update(changed_at=when)
    PlanItem.objects.filter(pk=item.pk).update(updated_at=when)
    if latest is not None and not latest.from_status:
        PlanItem.objects.filter(pk=item.pk).update(created_at=when)
