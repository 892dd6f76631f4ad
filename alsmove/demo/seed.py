"""The demo care teams. Loaded only on request (`make run`), never by settings.

Two clinics, so that a person can see for themselves that one clinic's therapist cannot
open another clinic's records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from alsmove.accounts.models import Organisation, Role, User
from alsmove.assessments.services import record_assessment
from alsmove.core.i18n import Message
from alsmove.demo.equipment import seed_equipment_plan
from alsmove.demo.logs import seed_logs
from alsmove.demo.skills import seed_skills_taught
from alsmove.patients.models import (
    CareLink,
    FunctionalProfile,
    OnsetRegion,
    Patient,
    Permission,
    Relation,
)
from alsmove.routines.services import WHY_FIRST, WHY_PROFILE, approve, propose

DEMO_PASSWORD = "alsmove-demo"
# Demo staff sign in in two steps like real staff, with one published authenticator secret
# (as public as the password above): add it to any authenticator app, or print the current
# code with `manage.py demo_code`. Hex of the 20 bytes "alsmove-demo-twostep".
DEMO_TOTP_KEY = b"alsmove-demo-twostep".hex()

# Sam's nine months of ALSFRS-R: leg onset, then hands, a little speech and breathing
# later. (days before today, who entered it, the changes from the previous record)
_BASELINE = {
    "1": 4,
    "2": 4,
    "3": 4,
    "4": 4,
    "5a": 4,
    "6": 3,
    "7": 3,
    "8": 2,
    "9": 2,
    "10": 4,
    "11": 4,
    "12": 4,
}
SAM_ASSESSMENTS: tuple[tuple[int, str, dict[str, int]], ...] = (
    (270, "therapist", {}),
    (225, "person", {"9": 1}),
    (180, "therapist", {"4": 3, "10": 3}),
    (135, "person", {"7": 2}),
    (90, "therapist", {"5a": 3, "6": 2}),
    (45, "person", {"1": 3, "8": 1}),
    (5, "caregiver", {"9": 0, "2": 3}),
)

# Sam today: uses a wheelchair, stands only holding on, Alex helps most days.
SAM_PROFILE: dict[str, object] = {
    "standing": "with_support",
    "walking": "unable",
    "sitting_balance": "good",
    "floor_transfer": False,
    "can_lie_down": True,
    "caregiver_available": True,
    "caregiver_days": [0, 1, 3, 4, 5, 6],
    "painful_joints": ["right_shoulder"],
    "strength": {
        "knee_extensors": 2,
        "ankle_dorsiflexors": 1,
        "hip_flexors": 3,
        "shoulder": 4,
        "elbow_flexors": 4,
        "wrist_hand": 3,
        "trunk": 3,
    },
    "minutes": 20,
    "preferences": "Mornings are best. Likes music during the session.",
}
# The position-safety questions (issue 8), answered at Sam's next visit: the routine was
# rebuilt under the new rules and approved again (version 2 in the history).
SAM_POSITION_ANSWERS: dict[str, object] = {
    "lies_flat": "yes",
    "head_control": "good",
    "trunk_control": "good",
    "arm_hangs": "none",
    "grip": "good",
    "foot_drop": "both",
    "afo_worn": False,
    "falls_last_3_months": 0,
    "typical_fatigue": 5,
    "cramps": "some",
    "spasticity": "none",
    "base": "wheelchair",
}


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    name: str


DEMO_LOGINS = (
    DemoLogin("person@example.org", "person with ALS", "Sam Rivera"),
    DemoLogin("caregiver@example.org", "caregiver of Sam", "Alex Rivera"),
    DemoLogin("therapist@example.org", "physical therapist, Riverside", "Tess Morgan"),
    DemoLogin("admin@example.org", "clinic administrator, Riverside", "Ada Brooks"),
    DemoLogin("other-person@example.org", "person with ALS, Hillside", "Priya Nair"),
    DemoLogin("other-therapist@example.org", "physical therapist, Hillside", "Omar Haddad"),
)


@dataclass(frozen=True)
class Demo:
    riverside: Organisation
    hillside: Organisation
    person: User
    caregiver: User
    therapist: User
    admin: User
    other_person: User
    other_therapist: User
    patient: Patient
    other_patient: Patient


def _user(email: str, name: str, role: str, organisation: Organisation | None) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=DEMO_PASSWORD,
            full_name=name,
            role=role,
            organisation=organisation,
        )
    if role in (Role.THERAPIST, Role.ADMIN):
        _demo_authenticator(user)
    # Demo people have already seen the disclaimer, so a tour starts on the real pages.
    if user.disclaimer_accepted_at is None:
        user.disclaimer_accepted_at = timezone.now()
        user.save(update_fields=["disclaimer_accepted_at"])
    return user


def _demo_authenticator(user: User) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(
            user=user, name="authenticator", key=DEMO_TOTP_KEY, confirmed=True
        )


def demo_secret() -> str:
    """The demo authenticator secret as an app asks for it (base32)."""
    import base64

    return base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode("ascii").rstrip("=")


def _link(patient: Patient, member: User, relation: str, permission: str, by: User) -> None:
    if not patient.care_links.active().filter(member=member).exists():
        CareLink.objects.create(
            patient=patient,
            member=member,
            relation=relation,
            permission=permission,
            added_by=by,
            consent_note="Demo: agreed at the first clinic visit.",
        )


@transaction.atomic
def seed_demo(today: date | None = None) -> Demo:
    today = today or date.today()
    riverside, _ = Organisation.objects.get_or_create(name="Riverside ALS Clinic")
    hillside, _ = Organisation.objects.get_or_create(name="Hillside Neuro Rehab")
    therapist = _user("therapist@example.org", "Tess Morgan", Role.THERAPIST, riverside)
    admin = _user("admin@example.org", "Ada Brooks", Role.ADMIN, riverside)
    person = _user("person@example.org", "Sam Rivera", Role.PERSON, riverside)
    caregiver = _user("caregiver@example.org", "Alex Rivera", Role.CAREGIVER, None)
    other_therapist = _user("other-therapist@example.org", "Omar Haddad", Role.THERAPIST, hillside)
    other_person = _user("other-person@example.org", "Priya Nair", Role.PERSON, hillside)

    patient, _ = Patient.objects.get_or_create(
        user=person,
        defaults={
            "display_name": person.full_name,
            "organisation": riverside,
            "onset_date": today - timedelta(days=540),
            "onset_region": OnsetRegion.LOWER_LIMB,
            "diagnosis_date": today - timedelta(days=300),
            "created_by": therapist,
        },
    )
    _link(patient, therapist, Relation.THERAPIST, Permission.EDIT_PLAN, person)
    _link(patient, caregiver, Relation.CAREGIVER, Permission.LOG, person)

    other_patient, _ = Patient.objects.get_or_create(
        user=other_person,
        defaults={
            "display_name": other_person.full_name,
            "organisation": hillside,
            "onset_date": today - timedelta(days=400),
            "onset_region": OnsetRegion.UPPER_LIMB,
            "diagnosis_date": today - timedelta(days=200),
            "created_by": other_therapist,
        },
    )
    _link(other_patient, other_therapist, Relation.THERAPIST, Permission.EDIT_PLAN, other_person)

    if not patient.assessments.exists():
        entrants = {"therapist": therapist, "person": person, "caregiver": caregiver}
        items = dict(_BASELINE)
        for days_ago, who, changes in SAM_ASSESSMENTS:
            items.update(changes)
            record_assessment(
                patient=patient,
                by=entrants[who],
                taken_on=today - timedelta(days=days_ago),
                items=items,
                equipment_alert=False,  # a history loaded at once, not a new record
            )
        record_assessment(
            patient=other_patient,
            by=other_therapist,
            taken_on=today - timedelta(days=30),
            items={**_BASELINE, "4": 2, "5a": 3, "8": 4, "9": 4, "6": 3},
            equipment_alert=False,
        )
    if not FunctionalProfile.objects.filter(patient=patient).exists():
        profile = FunctionalProfile.objects.create(
            patient=patient, updated_by=therapist, **SAM_PROFILE
        )
        plan = propose(patient, by=therapist, why=Message(WHY_FIRST))
        if plan is not None:
            approve(plan, by=therapist)
        for name, value in SAM_POSITION_ANSWERS.items():
            setattr(profile, name, value)
        profile.save()
        rebuilt = propose(patient, by=therapist, why=Message(WHY_PROFILE))
        if rebuilt is not None and rebuilt.status == "proposed":
            approve(rebuilt, by=therapist)
    if not patient.session_logs.exists():
        seed_logs(patient, person, caregiver, therapist, today)
    seed_skills_taught(patient, caregiver, therapist, today)
    seed_equipment_plan(patient, person, caregiver, therapist, today)
    return Demo(
        riverside,
        hillside,
        person,
        caregiver,
        therapist,
        admin,
        other_person,
        other_therapist,
        patient,
        other_patient,
    )
