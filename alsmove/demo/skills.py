"""The demo caregiver has been taught two skills by the demo therapist."""

from __future__ import annotations

from datetime import date, timedelta

from alsmove.accounts.models import User
from alsmove.caregiving.models import SkillRecord, SkillTaught
from alsmove.caregiving.services import mark_taught, sync_skills
from alsmove.patients.models import Patient

# (skill, days ago): first standing up with a belt, later the board for tired days.
DEMO_TAUGHT = (("sit-to-stand-gait-belt", 75), ("transfer-board-bed-chair", 20))


def seed_skills_taught(patient: Patient, caregiver: User, therapist: User, today: date) -> None:
    if SkillTaught.objects.filter(patient=patient).exists():
        return
    if not SkillRecord.objects.exists():  # load_demo run before load_skills
        sync_skills()
    for skill, days_ago in DEMO_TAUGHT:
        mark_taught(
            patient=patient,
            by=therapist,
            caregiver_id=caregiver.pk,
            skill=skill,
            taught_on=today - timedelta(days=days_ago),
        )
