"""Proposing, editing and approving routines: each write is one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from alsmove.accounts.models import AuditEvent, User
from alsmove.assessments.services import current_records
from alsmove.core.adjustments import NO_ADJUSTMENTS, Adjustments
from alsmove.core.i18n import Message, gettext_noop
from alsmove.core.library import Exercise, Position, Stage
from alsmove.core.profile import FunctionalProfile as CoreProfile
from alsmove.core.routine import (
    DAY_SECONDS_CAP,
    DAYS_PER_WEEK,
    TIRED_DAY_SECONDS_CAP,
    RoutineItem,
    aerobic_day,
    build_week,
    gentle,
    kept_for_strong_muscles,
    position_preference,
    strength_day,
)
from alsmove.core.routine_flow import allowed_positions
from alsmove.core.safety import check, exclusion, only_side, safe_positions
from alsmove.core.staging import functional_stage, guide_stage, stage_from_profile
from alsmove.exercises.services import exercise_library
from alsmove.formats import WEEKDAY_NAMES, say
from alsmove.patients.models import FunctionalProfile, Patient
from alsmove.routines.models import RoutinePlan, Status

THERAPIST_ADD = "THERAPIST-ADD-01"
ADDED_TEXT = gettext_noop("Added by your therapist.")
EDITED_TEXT = gettext_noop("Edited by {name} from version {version}.")
WHY_FIRST = gettext_noop("The first routine, built from the profile.")
WHY_ASSESSMENT = gettext_noop("A new assessment was entered.")
WHY_PROFILE = gettext_noop("The functional profile changed.")
WHY_REQUESTED = gettext_noop("Asked for by {name}.")


class RoutineError(ValueError):
    """A change that cannot be made as asked (the API answers 400); the message is for
    the person."""


class RoutineConflict(RoutineError):
    """The version is not in the state the step needs: approving one that no longer waits
    for review, undoing an edit that is no longer the newest (the API answers 409)."""


def _message_json(message: Message) -> dict[str, Any]:
    return {"text": message.text, "params": dict(message.params)}


def latest_items(patient: Patient) -> dict[str, int] | None:
    """The latest ALSFRS-R record's items (10 and 11 tell whether lying flat is safe)."""
    records = current_records(patient)
    if not records:
        return None
    return {key: int(value) for key, value in records[-1][1].items.items()}


def core_profile_for(patient: Patient, profile: FunctionalProfile) -> CoreProfile:
    return profile.to_core(alsfrs=latest_items(patient))


def stage_for(patient: Patient, profile: FunctionalProfile) -> tuple[Stage, Message]:
    core = profile.to_core()
    records = current_records(patient)
    if records:
        return guide_stage(functional_stage(records[-1][1], core))
    return stage_from_profile(core)


def _item_json(item: RoutineItem) -> dict[str, Any]:
    return {
        "exercise": item.exercise,
        "name": item.name,
        "region": item.region.value,
        "position": item.position.value,
        "performer": item.performer.value,
        "sides": item.sides.value,
        "hold_seconds": list(item.hold_seconds) if item.hold_seconds else None,
        "reps": item.reps,
        "minutes": item.minutes,
        "phase": item.phase.value,
        "side": item.side,
        "gentle": item.gentle,
        "steps": {},  # day -> the steps for the position used that day
        "sitting": {},  # day -> 1 or 2
        "days": [],
        "order": {},  # day -> place in that day's session (warm-up first, cool-down last)
        "reasons": [{"rule": r.rule, **_message_json(r.text)} for r in item.reasons],
    }


def _lock(patient: Patient) -> None:
    """Hold the patient row until the transaction ends: two writers of one record's
    routine (two tabs, an assessment and a profile change) take turns, so version numbers
    and the one-proposal rule never collide. Every caller is inside transaction.atomic."""
    Patient.objects.select_for_update().filter(pk=patient.pk).values_list("pk").first()


def _next_version(patient: Patient) -> int:
    """The next version number; only call it with the patient row locked (`_lock`)."""
    latest = RoutinePlan.objects.filter(patient=patient).aggregate(v=Max("version"))["v"]
    return (latest or 0) + 1


_CONTENT = ("stage", "items", "excluded", "messages")


def _same_as_current(patient: Patient, content: dict[str, Any]) -> RoutinePlan | None:
    """The proposal waiting for review (else the routine in use) when `content` is what it
    already holds: asking again with nothing changed makes no new version."""
    approved, pending = current_plans(patient)
    for plan in (pending, approved):
        if plan is None:
            continue
        if all(getattr(plan, field) == content[field] for field in _CONTENT):
            plan.reused = True
            return plan
        return None  # the newest one differs: a new version is due
    return None


def _supersede_open_proposals(patient: Patient) -> None:
    RoutinePlan.objects.filter(patient=patient, status=Status.PROPOSED).update(
        status=Status.SUPERSEDED
    )


@transaction.atomic
def propose(
    patient: Patient,
    *,
    by: User | None,
    why: Message,
    adjustments: Adjustments = NO_ADJUSTMENTS,
) -> RoutinePlan | None:
    """A new proposal from the engine, for the therapist to review.

    The approved routine stays in use until the therapist approves this one. Returns None
    when the record has no functional profile yet (the engine needs one). When the engine
    builds exactly what the waiting proposal (or, with none, the routine in use) holds,
    that one is returned with `reused` set and no version is added.
    """
    _lock(patient)
    profile = FunctionalProfile.objects.filter(patient=patient).first()
    if profile is None:
        return None
    stage, stage_reason = stage_for(patient, profile)
    library = exercise_library()
    items: dict[str, dict[str, Any]] = {}
    excluded_by_day: list[dict[str, Any]] = []
    messages: dict[str, Any] = {}
    therapist: dict[str, Any] = {}
    week = build_week(core_profile_for(patient, profile), library, stage, adjustments)
    for day, routine in enumerate(week):
        for index, item in enumerate(routine.items):
            entry = items.setdefault(item.exercise, _item_json(item))
            entry["days"].append(day)
            entry["order"][str(day)] = index
            entry["sitting"][str(day)] = item.sitting
            if item.position.value != entry["position"]:
                entry.setdefault("positions", {})[str(day)] = item.position.value
            entry["steps"][str(day)] = list(item.steps)
        excluded_by_day.append({e.exercise: e for e in routine.excluded})
        if routine.message is not None:
            messages[str(day)] = {"rule": routine.message_rule, **_message_json(routine.message)}
        if routine.therapist_notes:
            therapist[str(day)] = [
                {"rule": n.rule, **_message_json(n.text)} for n in routine.therapist_notes
            ]
    never_chosen = set(excluded_by_day[0]).difference(items)
    names = {e.id: e.name for e in library}
    excluded = [
        {
            "exercise": ex.exercise,
            "name": names.get(ex.exercise, ex.exercise),
            "rule": ex.rule,
            **_message_json(ex.reason),
        }
        for ex in excluded_by_day[0].values()
        if ex.exercise in never_chosen
    ]
    content = {
        "stage": stage.value,
        "items": list(items.values()),
        "excluded": excluded,
        "messages": {"stage": _message_json(stage_reason), **messages, "therapist": therapist},
    }
    existing = _same_as_current(patient, content)
    if existing is not None:
        return existing
    _supersede_open_proposals(patient)
    plan = RoutinePlan.objects.create(
        patient=patient,
        version=_next_version(patient),
        status=Status.PROPOSED,
        why=_message_json(why),
        created_by=by,
        **content,
    )
    AuditEvent.objects.create(
        actor=by,
        patient=patient,
        action="routine_proposed",
        detail=f"v{plan.version}: {why.render()}",
    )
    return plan


def propose_after_assessment(patient: Patient, by: User) -> RoutinePlan | None:
    """The proposal new ALSFRS-R scores call for, for the therapist's review. Call it in
    the transaction that stored the records: the FHIR import calls it once a bundle, and
    entering a record (`assessments.recording.enter_assessment`, on the page or through
    the API) reaches it through `assessments.signals.assessment_entered`."""
    return propose(patient, by=by, why=Message(WHY_ASSESSMENT))


def proposal_on_entry(
    sender: object, *, patient: Patient, by: User, **_: Any
) -> RoutinePlan | None:
    """The receiver of `assessments.signals.assessment_entered`: its answer is the proposal
    `enter_assessment` returns."""
    return propose_after_assessment(patient, by)


def current_plans(patient: Patient) -> tuple[RoutinePlan | None, RoutinePlan | None]:
    """(the routine in use, a newer proposal waiting for review)."""
    approved = RoutinePlan.objects.filter(patient=patient, status=Status.APPROVED).first()
    pending = RoutinePlan.objects.filter(patient=patient, status=Status.PROPOSED).first()
    if approved is not None and pending is not None and pending.version < approved.version:
        pending = None
    return approved, pending


def plan_in_use(patient: Patient) -> RoutinePlan | None:
    """What the person exercises with: the approved routine, else the newest proposal."""
    approved, pending = current_plans(patient)
    return approved or pending


@transaction.atomic
def approve(plan: RoutinePlan, *, by: User) -> RoutinePlan:
    _lock(plan.patient)
    plan = RoutinePlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != Status.PROPOSED:
        raise RoutineConflict(_("Only a routine waiting for review can be approved."))
    RoutinePlan.objects.filter(patient=plan.patient, status=Status.APPROVED).update(
        status=Status.SUPERSEDED
    )
    plan.status = Status.APPROVED
    plan.reviewed_by = by
    plan.reviewed_at = timezone.now()
    plan.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    AuditEvent.objects.create(
        actor=by, patient=plan.patient, action="routine_approved", detail=f"v{plan.version}"
    )
    return plan


def _day_minutes(items: list[dict[str, Any]], day: int) -> float:
    return sum(float(i["minutes"]) for i in items if day in i.get("days", []))


def _added_item(
    plan: RoutinePlan,
    core: CoreProfile,
    add: Exercise,
    add_position: str | None,
    items: list[dict[str, Any]],
) -> dict[str, Any]:
    """THERAPIST-ADD-01: the added exercise, in a position the person can take, checked
    against every safety rule and the stage, on its kind's days, within the budget."""
    found = exclusion(add, core)
    if found is not None:
        # The therapist cannot override a safety rule here; the profile is where a
        # painful joint is cleared or a helper is recorded.
        raise RoutineError(f"{add.name}: {say(found.reason)}")
    stage = Stage(plan.stage)
    if stage not in add.stages and not kept_for_strong_muscles(add, core, stage):
        raise RoutineError(
            _(
                "%(name)s is meant for another stage, and the muscles it uses are not "
                "graded 3 or more."
            )
            % {"name": add.name}
        )
    reachable = allowed_positions(core)
    safe = [
        p
        for p in position_preference(stage, core)
        if p in safe_positions(add, core) and (reachable is None or p in reachable)
    ]
    if add_position:
        position = Position(add_position)
        if position not in add.positions:
            raise RoutineError(_("%(name)s is not done in that position.") % {"name": add.name})
        violation = check(add, position, core)
        if violation is not None:
            raise RoutineError(f"{add.name}: {say(violation.reason)}")
        if reachable is not None and position not in reachable:
            raise RoutineError(
                _("%(name)s: the person cannot be moved to that position without help.")
                % {"name": add.name}
            )
    elif safe:
        position = safe[0]
    else:
        raise RoutineError(
            _("%(name)s: none of its positions is safe for this person.") % {"name": add.name}
        )
    if add.is_strengthening:
        days = [d for d in range(DAYS_PER_WEEK) if strength_day(d, core)]
    elif add.kind.value == "aerobic":
        days = [d for d in range(DAYS_PER_WEEK) if aerobic_day(d)]
    else:
        days = list(range(DAYS_PER_WEEK))
    cap = TIRED_DAY_SECONDS_CAP if core.high_fatigue() else DAY_SECONDS_CAP
    budget = min(core.minutes, cap // 60)
    for day in days:
        total = _day_minutes(items, day) + add.minutes
        if total > budget + 1e-9:
            raise RoutineError(
                _(
                    "Adding %(name)s makes %(day)s %(total)s minutes, over the %(budget)s "
                    "minutes a day. Remove an exercise from that day first, or raise the "
                    "minutes in the profile."
                )
                % {
                    "name": add.name,
                    "day": WEEKDAY_NAMES[day],
                    "total": round(total, 1),
                    "budget": budget,
                }
            )
    return {
        "exercise": add.id,
        "name": add.name,
        "region": add.body_region.value,
        "position": position.value,
        "performer": add.performer.value,
        "sides": add.sides.value,
        "side": only_side(add, core),
        "hold_seconds": [add.hold_seconds.min, add.hold_seconds.max] if add.hold_seconds else None,
        "reps": add.reps,
        "minutes": add.minutes,
        "phase": "main" if "main" in [p.value for p in add.phases] else add.phases[0].value,
        "gentle": gentle(add) and position is not Position.STANDING,
        "days": days,
        "order": {str(d): 500 for d in days},
        "steps": {str(d): list(add.steps_for(position)) for d in days},
        "sitting": {str(d): 1 for d in days},
        "reasons": [{"rule": THERAPIST_ADD, "text": ADDED_TEXT, "params": {}}],
    }


@dataclass(frozen=True)
class ItemChange:
    exercise: str
    remove: bool
    reps: int
    hold_min: int | None
    hold_max: int | None


@transaction.atomic
def revise(
    plan: RoutinePlan,
    *,
    by: User,
    changes: list[ItemChange],
    add: Exercise | None = None,
    add_position: str | None = None,
) -> RoutinePlan:
    """The therapist's edit: a new proposed version; the one edited stays in the history."""
    _lock(plan.patient)
    profile = FunctionalProfile.objects.get(patient=plan.patient)
    core = core_profile_for(plan.patient, profile)
    by_id = {c.exercise: c for c in changes}
    items: list[dict[str, Any]] = []
    for item in plan.items:
        change = by_id.get(item["exercise"])
        if change is None:
            items.append(dict(item))
            continue
        if change.remove:
            continue
        new = dict(item, reps=change.reps)
        if item["hold_seconds"] is not None and change.hold_min and change.hold_max:
            if change.hold_min > change.hold_max:
                raise RoutineError(
                    _("%(name)s: the shortest hold is longer than the longest.")
                    % {"name": item["name"]}
                )
            new["hold_seconds"] = [change.hold_min, change.hold_max]
        items.append(new)
    if add is not None:
        if any(i["exercise"] == add.id for i in items):
            raise RoutineError(_("%(name)s is already in the routine.") % {"name": add.name})
        items.append(_added_item(plan, core, add, add_position, items))
    if items == plan.items:
        # An empty edit would only add a version that differs in nothing.
        raise RoutineError(_("Nothing was changed, so no new version was made."))
    _supersede_open_proposals(plan.patient)
    revised = RoutinePlan.objects.create(
        patient=plan.patient,
        version=_next_version(plan.patient),
        status=Status.PROPOSED,
        stage=plan.stage,
        items=items,
        excluded=plan.excluded,
        messages=plan.messages,
        why=_message_json(Message(EDITED_TEXT, {"name": by.full_name, "version": plan.version})),
        created_by=by,
    )
    AuditEvent.objects.create(
        actor=by,
        patient=plan.patient,
        action="routine_revised",
        detail=f"v{plan.version} -> v{revised.version}",
    )
    return revised


@transaction.atomic
def undo_revision(revised: RoutinePlan, *, by: User) -> RoutinePlan | None:
    """Take back the therapist's last edit while it still waits for approval: that
    version is set aside (kept in the history) and the version it was made from is as it
    was before (a proposal waiting again, or the approved routine still in use)."""
    _lock(revised.patient)
    locked = RoutinePlan.objects.select_for_update().get(pk=revised.pk)
    newer = RoutinePlan.objects.filter(patient=locked.patient, version__gt=locked.version)
    if locked.status != Status.PROPOSED or locked.why.get("text") != EDITED_TEXT or newer.exists():
        raise RoutineConflict(_("Only the newest edit, before it is approved, can be undone."))
    source = RoutinePlan.objects.filter(
        patient=locked.patient, version=locked.why.get("params", {}).get("version")
    ).first()
    locked.status = Status.SUPERSEDED
    locked.save(update_fields=["status"])
    if source is not None and source.status == Status.SUPERSEDED:
        source.status = Status.PROPOSED
        source.save(update_fields=["status"])
    AuditEvent.objects.create(
        actor=by,
        patient=locked.patient,
        action="routine_edit_undone",
        detail=f"v{locked.version} set aside"
        + (f", v{source.version} back" if source is not None else ""),
    )
    return source
