"""Sam's nine months of session logs: ordinary weeks, quiet spells, a few hard days, and
what the care team did about them.

Deterministic: a fixed random seed, every date counted back from `today`. The hard days
raise their alerts the way the product does (the overwork rules judge the day, then
`raise_alerts`); older alerts are acknowledged by the therapist with a note, the newest
is left open. Today and yesterday stay free, so a visitor can do today's session, and
nothing still in force as of today takes exercises out of it.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from alsmove.accounts.models import User
from alsmove.exercises.services import exercise_library
from alsmove.logbook.alerts import acknowledge_alert
from alsmove.logbook.models import Alert, CheckIn, ExerciseLog, FlagReview, SessionLog
from alsmove.logbook.services import clear_flag, evaluate, raise_alerts
from alsmove.patients.models import FunctionalProfile, Patient
from alsmove.routines.models import RoutinePlan
from alsmove.routines.services import plan_in_use

SEED = 20250611
FIRST_DAY = 270  # days before today: the first assessment
FREE_DAYS = 2  # today and yesterday: no log
CLIENT_IDS = uuid.UUID("6f1d2b3c-4a5e-4f60-8a7b-9c0d1e2f3a4b")  # namespace for stable ids
# The hard days, in days before today.
PAIN_DAY = 226  # pain 5 during one exercise
CRAMPS_DAY = 163  # strong cramps
REPEAT_DAYS = (96, 89)  # the same exercise hurts twice, a week apart (same weekday)
REVIEW_DAY = 85  # the therapist reviews it at a home visit and clears it
WEAKER_DAY = 11  # weaker 30 minutes after the session; still open
# A cold in the winter and a family visit: no sessions, as in any real log.
QUIET = (*range(199, 206), *range(131, 137))
NOTES = (
    "Stiff this morning, easier after the warm-up.",
    "Did it after lunch with music on.",
    "Alex helped with the leg stretches.",
    "Tired today, took longer rests between exercises.",
    "Good session, shoulders felt looser afterwards.",
    "Short on time, did the main stretches only.",
)


@dataclass
class _Session:
    day: date
    items: list[str]
    statuses: dict[str, str]
    pains: dict[str, int]
    fatigue: int
    cramps: str = "none"
    note: str = ""
    by: User | None = None


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _session_days(rng: random.Random, today: date, forced: Iterable[int]) -> list[int]:
    """Days before today with a session: four or five a week, some weeks fewer."""
    chosen = set(forced)
    week: list[int] = []
    for ago in range(FIRST_DAY, FREE_DAYS - 1, -1):
        week.append(ago)
        if (today - timedelta(days=ago)).weekday() != 6 and ago != FREE_DAYS:
            continue
        open_days = [d for d in week if d not in QUIET]
        wanted = rng.choices((2, 3, 4, 5, 6), weights=(1, 2, 8, 9, 2))[0]
        wanted = min(len(open_days), round(wanted * len(week) / 7))
        chosen.update(rng.sample(open_days, wanted))
        week = []
    return sorted(chosen, reverse=True)


def _ordinary(rng: random.Random, day: date, items: list[str], ago: int) -> _Session:
    statuses = dict.fromkeys(items, "done")
    if items and rng.random() < 0.27:
        for slug in rng.sample(items, min(len(items), rng.choice((1, 1, 2)))):
            statuses[slug] = rng.choices(("partly", "skipped"), weights=(3, 2))[0]
    pains = dict.fromkeys(items, 0)
    pain = rng.choices((0, 1, 2), weights=(6, 3, 1))[0]
    if pain and items:
        pains[rng.choice(items)] = pain
    # A little more tired in recent months, as function changes; never near the limit.
    fatigue = rng.choices((2, 3, 4, 5), weights=(3, 4, 3, 1))[0]
    if ago < 120 and rng.random() < 0.3:
        fatigue += 1
    cramps = "mild" if rng.random() < 0.07 else "none"
    note = rng.choice(NOTES) if rng.random() < 0.06 else ""
    return _Session(day, items, statuses, pains, fatigue, cramps, note)


def _pick(items: list[str], skip: str = "") -> str:
    """An exercise from the middle of the session (not a warm-up or a breathing one)."""
    middle = [s for s in items[1:-1] if "breath" not in s and s != skip] or items
    return middle[len(middle) // 2]


def _episode(session: _Session, slug: str, *, pain: int, status: str, note: str) -> None:
    session.statuses[slug] = status
    session.pains = dict.fromkeys(session.items, 0) | {slug: pain}
    session.note = note


def _store(patient: Patient, plan: RoutinePlan, sessions: list[_Session]) -> dict[date, Any]:
    rng = random.Random(SEED + 1)
    logs = SessionLog.objects.bulk_create(
        SessionLog(
            patient=patient,
            client_id=uuid.uuid5(CLIENT_IDS, f"{patient.pk}:{s.day.isoformat()}"),
            day=s.day,
            plan=plan,
            pain=max(s.pains.values(), default=0),
            fatigue=s.fatigue,
            cramps=s.cramps,
            breathless_after=False,
            note=s.note,
            entered_by=s.by,
            created_at=_at(s.day, 9 + rng.randrange(4), rng.randrange(60)),
        )
        for s in sessions
    )
    ExerciseLog.objects.bulk_create(
        ExerciseLog(session=log, exercise=slug, status=s.statuses[slug], pain=s.pains[slug])
        for log, s in zip(logs, sessions, strict=True)
        for slug in s.items
    )
    return {log.day: log for log in logs}


def _raise(patient: Patient, day: date, at: datetime) -> list[Alert]:
    alerts = raise_alerts(patient, evaluate(patient, day), day)
    Alert.objects.filter(pk__in=[a.pk for a in alerts]).update(created_at=at)
    return alerts


def seed_logs(patient: Patient, person: User, caregiver: User, therapist: User, today: date) -> int:
    """Create the demo's logs, check-ins, alerts and review; returns the number of logs."""
    plan = plan_in_use(patient)
    if plan is None:
        return 0
    rng = random.Random(SEED)
    names = {e.id: e.name for e in exercise_library()}
    profile = FunctionalProfile.objects.filter(patient=patient).first()
    caregiver_days = set(profile.caregiver_days if profile else [])

    def day_of(ago: int) -> date:
        return today - timedelta(days=ago)

    def items_on(ago: int) -> list[str]:
        # Before the routine existed, the same exercises as the routine has on that weekday.
        return [item["exercise"] for item in plan.items_for_day(day_of(ago).weekday())]

    painful = _pick(items_on(PAIN_DAY))
    repeated = _pick(items_on(REPEAT_DAYS[0]), skip=painful)
    episodes = (PAIN_DAY, CRAMPS_DAY, *REPEAT_DAYS, WEAKER_DAY)
    sessions: list[_Session] = []
    for ago in _session_days(rng, today, episodes):
        items = items_on(ago)
        if REVIEW_DAY <= ago < REPEAT_DAYS[1]:
            # Taken out of the routine until the therapist has reviewed it.
            items = [s for s in items if s != repeated]
        session = _ordinary(rng, day_of(ago), items, ago)
        helped = day_of(ago).weekday() in caregiver_days and rng.random() < 0.6
        session.by = caregiver if helped else person
        if ago == PAIN_DAY:
            name = names.get(painful, painful)
            _episode(session, painful, pain=5, status="partly", note=f"Stopped {name}: it hurt.")
        elif ago == CRAMPS_DAY:
            session.cramps, session.fatigue = "severe", 5
            session.note = "Strong cramp in the left calf during the leg stretches. Rested."
        elif ago in REPEAT_DAYS:
            pain = 4 if ago == REPEAT_DAYS[0] else 5
            status = "partly" if ago == REPEAT_DAYS[0] else "skipped"
            note = f"{names.get(repeated, repeated)} hurt again." if pain == 5 else ""
            _episode(session, repeated, pain=pain, status=status, note=note)
        elif ago == WEAKER_DAY:
            session.fatigue = 6
        sessions.append(session)
    sessions.sort(key=lambda s: s.day)
    logs = _store(patient, plan, sessions)

    weaker_log = logs[day_of(WEAKER_DAY)]
    CheckIn.objects.create(
        patient=patient,
        session=weaker_log,
        client_id=uuid.uuid5(CLIENT_IDS, f"{patient.pk}:checkin:{WEAKER_DAY}"),
        kind="after_30_min",
        day=weaker_log.day,
        weaker=True,
        entered_by=person,
        created_at=weaker_log.created_at + timedelta(minutes=35),
    )

    notes = {
        PAIN_DAY: (
            f"Phoned Sam. {names.get(painful, painful)} can stay, done more gently and only "
            "as far as it feels comfortable. No pain since."
        ),
        CRAMPS_DAY: (
            "Talked it over with Alex: rest as soon as a cramp starts, warm up first and keep "
            "drinking water. Told the clinic doctor about the cramps."
        ),
        REPEAT_DAYS[0]: (
            f"Asked Sam to stop {names.get(repeated, repeated)} if it hurts again. I will "
            "check the technique at the next visit."
        ),
    }
    for ago in sorted(episodes, reverse=True):
        raised = _raise(patient, day_of(ago), logs[day_of(ago)].created_at)
        if ago in notes:
            for alert in raised:
                acknowledge_alert(
                    alert, by=therapist, note=notes[ago], at=_at(day_of(ago - 1), 14, 30)
                )
        if ago == REPEAT_DAYS[1]:
            review = day_of(REVIEW_DAY)
            waiting = [a.pk for a in Alert.objects.filter(patient=patient, acknowledged_at=None)]
            clear_flag(
                patient=patient,
                exercise=repeated,
                by=therapist,
                day=review,
                note=(
                    f"Home visit: {names.get(repeated, repeated)} was pushed too far at the end "
                    "of the movement. Cleared to come back with a smaller range."
                ),
            )
            # The review answers that exercise's alerts; dated the day of the visit.
            Alert.objects.filter(pk__in=waiting).exclude(acknowledged_at=None).update(
                acknowledged_at=_at(review, 16)
            )
            FlagReview.objects.filter(patient=patient, exercise=repeated, day=review).update(
                created_at=_at(review, 16)
            )
    return len(sessions)
