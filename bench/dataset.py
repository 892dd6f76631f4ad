"""A realistic installation at a chosen scale, for the load benchmark and the growth tests.

Scale 1 is a clinic network: 2,000 people with ALS in 20 clinics, 100 therapists, half the
people with a caregiver, two years of assessments (about every three months) and
near-daily session logs, about 1.5 million exercise-log rows. `--scale 0.1` is a tenth
of everything (one clinic network's worth of data, not of clinics: the 20 clinics and
the therapists stay, the people and their logs shrink).

On top of the generated network it loads the demo (Sam, Tess and the others, with their
own nine months of logs), and links Tess, the demo therapist, to 200 of the generated
people as well: the caseload the budget asks for.

Bulk inserts throughout (no per-row signals, one password hash shared by every generated
account). Deterministic for a seed. Works on SQLite and PostgreSQL (`DATABASE_URL`).

Run: .venv/bin/python bench/dataset.py --scale 0.1 [--sqlite PATH] [--seed N]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = 2000  # at scale 1
CLINICS = 20
THERAPISTS = 100
CASELOAD = 200  # people on the demo therapist's caseload
HISTORY_DAYS = 730  # two years
LOG_CHANCE = 0.62  # share of days with a session after someone starts
BATCH = 5000
CLIENT_IDS = uuid.UUID("0b7e1c3a-2d4f-4e5a-9b6c-7d8e9f0a1b2c")

# A few functional profiles, as seen in clinic: the engine builds one routine for each and
# every person with that profile gets a copy (the engine runs per profile, not per person).
PROFILES: tuple[dict[str, Any], ...] = (
    {
        "standing": "independent",
        "walking": "independent",
        "sitting_balance": "good",
        "floor_transfer": True,
        "can_lie_down": True,
        "caregiver_available": False,
        "strength": {"knee_extensors": 4, "hip_flexors": 4, "shoulder": 4, "trunk": 4},
        "minutes": 25,
    },
    {
        "standing": "with_support",
        "walking": "with_aid",
        "sitting_balance": "good",
        "floor_transfer": False,
        "can_lie_down": True,
        "caregiver_available": True,
        "caregiver_days": [0, 2, 4, 5],
        "strength": {"knee_extensors": 3, "ankle_dorsiflexors": 2, "shoulder": 4},
        "minutes": 20,
    },
    {
        "standing": "with_support",
        "walking": "unable",
        "sitting_balance": "good",
        "floor_transfer": False,
        "can_lie_down": True,
        "caregiver_available": True,
        "painful_joints": ["right_shoulder"],
        "strength": {"knee_extensors": 2, "ankle_dorsiflexors": 1, "wrist_hand": 3},
        "minutes": 20,
    },
    {
        "standing": "unsafe",
        "walking": "unable",
        "sitting_balance": "needs_support",
        "floor_transfer": False,
        "can_lie_down": True,
        "caregiver_available": True,
        "strength": {"knee_extensors": 1, "shoulder": 2, "trunk": 2},
        "minutes": 15,
    },
    {
        "standing": "unsafe",
        "walking": "unable",
        "sitting_balance": "poor",
        "floor_transfer": False,
        "can_lie_down": True,
        "caregiver_available": True,
        "uses_niv": True,
        "strength": {"shoulder": 1, "trunk": 1},
        "minutes": 15,
    },
)
ALSFRS_ITEMS = ("1", "2", "3", "4", "5a", "6", "7", "8", "9", "10", "11", "12")


def setup_django(sqlite: str | None) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if sqlite:
        os.environ["ALSMOVE_SQLITE_PATH"] = sqlite
    import django

    django.setup()


@dataclass
class Counts:
    people: int = 0
    users: int = 0
    assessments: int = 0
    sessions: int = 0
    exercise_logs: int = 0
    alerts: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        return (
            f"{self.people} people, {self.users} accounts, {self.assessments} assessments, "
            f"{self.sessions} session logs, {self.exercise_logs} exercise-log rows, "
            f"{self.alerts} alerts, in {self.seconds:.0f} s"
        )


def _alsfrs(loss: int) -> dict[str, int]:
    """A record `loss` points below 48, the loss spread over the items in turn."""
    items = dict.fromkeys(ALSFRS_ITEMS, 4)
    for n in range(min(loss, 40)):
        items[ALSFRS_ITEMS[n % 12]] -= 1
    return items


def generate(
    scale: float = 1.0,
    *,
    seed: int = 20261201,
    today: date | None = None,
    tag: str = "",
    migrate: bool = True,
) -> Counts:
    """Fill an empty database (migrated first unless `migrate` is False); `tag` keeps the
    accounts of a second run apart from the first (the growth tests add data twice)."""
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from alsmove.accounts.models import Organisation, Role, User
    from alsmove.assessments.models import Assessment, Source
    from alsmove.core.i18n import Message
    from alsmove.demo.seed import seed_demo
    from alsmove.exercises.services import sync_library
    from alsmove.logbook.models import Alert, ExerciseLog, SessionLog
    from alsmove.patients.models import CareLink, FunctionalProfile, Patient
    from alsmove.routines.models import RoutinePlan, Status
    from alsmove.routines.services import WHY_FIRST, approve, propose

    started = time.perf_counter()
    rng = random.Random(seed)
    today = today or timezone.localdate()
    counts = Counts()
    if migrate:
        call_command("migrate", verbosity=0, interactive=False)
    sync_library()
    demo = seed_demo(today)
    password = make_password("alsmove-bench")
    now = timezone.now()
    people = max(1, round(PEOPLE * scale))

    with transaction.atomic():
        clinics = Organisation.objects.bulk_create(
            [Organisation(name=f"Bench clinic {n + 1}") for n in range(CLINICS)]
        )
        therapists = User.objects.bulk_create(
            [
                User(
                    email=f"bench-{tag}therapist-{n}@example.org",
                    full_name=f"Therapist {n}",
                    role=Role.THERAPIST,
                    organisation=clinics[n % CLINICS],
                    password=password,
                    disclaimer_accepted_at=now,
                )
                for n in range(THERAPISTS)
            ],
            batch_size=BATCH,
        )
        persons = User.objects.bulk_create(
            [
                User(
                    email=f"bench-{tag}person-{n}@example.org",
                    full_name=f"Person {n:05d}",
                    role=Role.PERSON,
                    organisation=clinics[n % CLINICS],
                    password=password,
                    disclaimer_accepted_at=now,
                )
                for n in range(people)
            ],
            batch_size=BATCH,
        )
        caregivers = User.objects.bulk_create(
            [
                User(
                    email=f"bench-{tag}caregiver-{n}@example.org",
                    full_name=f"Caregiver {n:05d}",
                    role=Role.CAREGIVER,
                    password=password,
                    disclaimer_accepted_at=now,
                )
                for n in range(0, people, 2)
            ],
            batch_size=BATCH,
        )
        counts.users = len(therapists) + len(persons) + len(caregivers)
        starts = [today - timedelta(days=rng.randint(30, HISTORY_DAYS)) for _ in range(people)]
        patients = Patient.objects.bulk_create(
            [
                Patient(
                    user=persons[n],
                    organisation=clinics[n % CLINICS],
                    display_name=persons[n].full_name,
                    onset_date=starts[n] - timedelta(days=rng.randint(120, 600)),
                    onset_region=rng.choice(["bulbar", "upper_limb", "lower_limb"]),
                    diagnosis_date=starts[n] - timedelta(days=rng.randint(0, 60)),
                )
                for n in range(people)
            ],
            batch_size=BATCH,
        )
        counts.people = len(patients)
        links = []
        for n, patient in enumerate(patients):
            clinic = n % CLINICS
            therapist = therapists[clinic + CLINICS * rng.randrange(THERAPISTS // CLINICS)]
            links.append(
                CareLink(
                    patient=patient,
                    member=therapist,
                    relation="therapist",
                    permission="edit_plan",
                    added_by=persons[n],
                )
            )
            if n % 2 == 0:
                links.append(
                    CareLink(
                        patient=patient,
                        member=caregivers[n // 2],
                        relation="caregiver",
                        permission="log",
                        added_by=persons[n],
                    )
                )
            if n < CASELOAD - 1:  # Tess's caseload: Sam plus 199 generated people
                links.append(
                    CareLink(
                        patient=patient,
                        member=demo.therapist,
                        relation="therapist",
                        permission="edit_plan",
                        added_by=persons[n],
                    )
                )
        CareLink.objects.bulk_create(links, batch_size=BATCH)
        kinds = [n % len(PROFILES) for n in range(people)]
        FunctionalProfile.objects.bulk_create(
            [
                FunctionalProfile(patient=patient, updated_by=demo.therapist, **PROFILES[kinds[n]])
                for n, patient in enumerate(patients)
            ],
            batch_size=BATCH,
        )

        # One engine run per profile; everyone with that profile gets an approved copy.
        templates: dict[int, RoutinePlan] = {}
        for kind in range(len(PROFILES)):
            first = patients[kinds.index(kind)] if kind in kinds else None
            if first is None:
                continue
            plan = propose(first, by=demo.therapist, why=Message(WHY_FIRST))
            if plan is not None:
                templates[kind] = approve(plan, by=demo.therapist)
        copies = []
        for n, patient in enumerate(patients):
            template = templates.get(kinds[n])
            if template is None or template.patient_id == patient.pk:
                continue
            copies.append(
                RoutinePlan(
                    patient=patient,
                    version=1,
                    status=Status.APPROVED,
                    stage=template.stage,
                    items=template.items,
                    excluded=template.excluded,
                    messages=template.messages,
                    why=template.why,
                    created_by=demo.therapist,
                    reviewed_by=demo.therapist,
                    reviewed_at=now,
                )
            )
        RoutinePlan.objects.bulk_create(copies, batch_size=BATCH)
        plan_ids = dict(
            RoutinePlan.objects.filter(status=Status.APPROVED, patient__in=patients).values_list(
                "patient_id", "pk"
            )
        )

        assessments = []
        for n, patient in enumerate(patients):
            loss = rng.randint(2, 14)
            day = starts[n]
            while day <= today:
                items = _alsfrs(loss)
                assessments.append(
                    Assessment(
                        patient=patient,
                        taken_on=day,
                        items=items,
                        total=sum(items.values()),
                        source=Source.CLINICIAN,
                        entered_by=demo.therapist,
                    )
                )
                loss += rng.randint(0, 4)
                day += timedelta(days=rng.randint(80, 100))
        Assessment.objects.bulk_create(assessments, batch_size=BATCH)
        counts.assessments = len(assessments)

    # Logs in chunks of people: each chunk its own transaction, so memory stays flat.
    for chunk in range(0, people, 100):
        with transaction.atomic():
            sessions: list[SessionLog] = []
            exercises: list[list[tuple[str, str, int]]] = []
            alerts: list[Alert] = []
            for n in range(chunk, min(chunk + 100, people)):
                patient = patients[n]
                template = templates.get(kinds[n])
                if template is None:
                    continue
                by_day = [template.items_for_day(d) for d in range(7)]
                day = starts[n]
                while day < today - timedelta(days=1):  # today and yesterday stay free
                    if rng.random() < LOG_CHANCE and by_day[day.weekday()]:
                        items = by_day[day.weekday()]
                        done = items if rng.random() < 0.8 else items[: max(1, len(items) // 2)]
                        pain = 0 if rng.random() < 0.9 else rng.randint(1, 4)
                        sessions.append(
                            SessionLog(
                                patient=patient,
                                client_id=uuid.uuid5(CLIENT_IDS, f"{tag}{patient.pk}-{day}"),
                                day=day,
                                plan_id=plan_ids.get(patient.pk),
                                pain=pain,
                                fatigue=rng.randint(0, 5),
                                entered_by_id=patient.user_id,
                                created_at=timezone.make_aware(
                                    datetime.combine(day, clock(10, rng.randint(0, 59)))
                                ),
                            )
                        )
                        exercises.append(
                            [
                                (i["exercise"], "done", pain if k == 0 else 0)
                                for k, i in enumerate(done)
                            ]
                        )
                    day += timedelta(days=1)
                for _ in range(rng.randint(0, 3)):  # a few alerts, the odd one still open
                    when = today - timedelta(days=rng.randint(2, 200))
                    is_open = rng.random() < 0.3
                    alerts.append(
                        Alert(
                            patient=patient,
                            day=when,
                            rule="OVERWORK-PAIN-01",
                            message={
                                "text": "Pain of {pain} out of 10 during {exercise}.",
                                "params": {"pain": 5, "exercise": "Ankle pumps"},
                            },
                            exercise=f"bench-{rng.randint(0, 10**9)}",
                            acknowledged_by=None if is_open else demo.therapist,
                            acknowledged_at=None if is_open else now,
                            acknowledgement="" if is_open else "Called; advised rest.",
                        )
                    )
            SessionLog.objects.bulk_create(sessions, batch_size=BATCH)
            ExerciseLog.objects.bulk_create(
                [
                    ExerciseLog(session=log, exercise=slug, status=status, pain=pain)
                    for log, rows in zip(sessions, exercises, strict=True)
                    for slug, status, pain in rows
                ],
                batch_size=BATCH,
            )
            Alert.objects.bulk_create(alerts, batch_size=BATCH)
            counts.sessions += len(sessions)
            counts.exercise_logs += sum(len(rows) for rows in exercises)
            counts.alerts += len(alerts)
    # A database that took its rows in bulk has no statistics yet, and the planner would
    # choose for empty tables (PostgreSQL's autovacuum gathers them only later); a
    # running installation has them, so the benchmark does too.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    counts.seconds = time.perf_counter() - started
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 2,000 people")
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--sqlite", help="SQLite file to create (default: DATABASE_URL)")
    args = parser.parse_args()
    if args.sqlite:
        Path(args.sqlite).unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(args.sqlite + suffix).unlink(missing_ok=True)
    elif not os.environ.get("DATABASE_URL"):
        parser.error("give --sqlite PATH or set DATABASE_URL (an empty database)")
    setup_django(args.sqlite)
    counts = generate(args.scale, seed=args.seed)
    print(f"scale {args.scale}: {counts.line()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
