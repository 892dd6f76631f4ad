"""Loading the caregiver skills into the database, reading them back, and the taught
marks a therapist records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from alsmove.accounts.audit import record_change
from alsmove.accounts.models import AuditEvent, User
from alsmove.caregiving.loader import default_skills
from alsmove.caregiving.models import SkillRecord, SkillTaught
from alsmove.content_rows import LoadResult, sync_rows
from alsmove.content_translations import name_in_language
from alsmove.core.caregiving import Skill
from alsmove.core.plausible import date_problem
from alsmove.formats import say
from alsmove.patients.clock import today_for
from alsmove.patients.models import Patient, Relation
from alsmove.patients.policy import Action, require


def sync_skills(skills: Sequence[Skill] | None = None) -> LoadResult:
    """Make the rows match the YAML files. Safe to run again and again; a skill taken out
    of the files is taken off the list (its taught marks stay, by id)."""
    skills = default_skills() if skills is None else skills
    return sync_rows(
        SkillRecord,
        (
            (
                skill.id,
                {
                    "title": skill.title,
                    "kind": skill.kind.value,
                    "position": position,
                    "data": skill.model_dump(mode="json"),
                },
            )
            for position, skill in enumerate(skills)
        ),
    )


def all_skills() -> list[Skill]:
    return [record.skill() for record in SkillRecord.objects.all()]


def find_skill(slug: str) -> Skill | None:
    record = SkillRecord.objects.filter(slug=slug).first()
    return record.skill() if record is not None else None


def skill_titles() -> dict[str, str]:
    return dict(SkillRecord.objects.values_list("slug", "title"))


def helpers(patient: Patient) -> list[User]:
    """The caregivers on the person's team now: the people a skill is taught to."""
    return list(
        User.objects.filter(
            care_links__patient=patient,
            care_links__relation=Relation.CAREGIVER,
            care_links__revoked_at__isnull=True,
        )
        .distinct()
        .order_by("full_name", "pk")
    )


class NotTeachable(ValueError):
    """The mark cannot be made: `field` names the form field, the message says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@transaction.atomic
def mark_taught(
    *, patient: Patient, by: Any, caregiver_id: int, skill: str, taught_on: date
) -> SkillTaught:
    """Record that `by` taught `skill` to a caregiver on the person's team.

    Asks the access policy again (a page is not the only door), locks the patient row so
    two marks for the same helper and skill take turns, and keeps one mark per helper and
    skill: a later teaching replaces the date and the teacher.
    """
    require(by, patient.pk, Action.TEACH_SKILLS)
    Patient.objects.select_for_update().filter(pk=patient.pk).first()
    if not SkillRecord.objects.filter(slug=skill).exists():
        raise NotTeachable("skill", _("Choose one of the skills on the list."))
    caregiver = next((h for h in helpers(patient) if h.pk == caregiver_id), None)
    if caregiver is None:
        raise NotTeachable("caregiver", _("Choose a caregiver on this person's care team."))
    problem = date_problem(taught_on, today_for(patient), field="taught_on")
    if problem is not None:
        raise NotTeachable("taught_on", say(problem.message))
    mark, _created = SkillTaught.objects.update_or_create(
        patient=patient,
        caregiver=caregiver,
        skill=skill,
        defaults={"taught_on": taught_on, "taught_by": by},
    )
    record_change(by, patient, "skill_taught", detail=skill)
    return mark


@transaction.atomic
def unmark_taught(*, patient: Patient, by: Any, mark_id: int) -> SkillTaught:
    """Take back a taught mark made by mistake (or for the wrong helper); audited with
    what it said, so the record of it stays. Only a therapist who may mark may unmark."""
    require(by, patient.pk, Action.TEACH_SKILLS)
    Patient.objects.select_for_update().filter(pk=patient.pk).first()
    mark = (
        SkillTaught.objects.select_related("caregiver").filter(patient=patient, pk=mark_id).first()
    )
    if mark is None:
        raise NotTeachable("mark", _("That mark is not on this person's list any more."))
    AuditEvent.objects.create(
        actor=by,
        patient=patient,
        action="skill_unmarked",
        detail=f"{mark.skill} caregiver #{mark.caregiver_id} taught {mark.taught_on.isoformat()}"[
            :255
        ],
    )
    mark.delete()
    return mark


def marks_for(patient: Patient) -> list[SkillTaught]:
    return list(
        SkillTaught.objects.filter(patient=patient).select_related("caregiver", "taught_by")
    )


@dataclass(frozen=True)
class Taught:
    """A skill a caregiver was taught, for their home page."""

    skill: str
    title: str
    taught_on: date
    taught_by: str  # the therapist's name; empty if their account is gone


def taught_to(caregiver: Any, patient: Patient) -> list[Taught]:
    """What this caregiver has been taught for this person, newest first (skills still
    on the list only), each title in the page's language (the rows keep the English)."""
    titles = skill_titles()
    language = get_language()
    marks = SkillTaught.objects.filter(patient=patient, caregiver=caregiver).select_related(
        "taught_by"
    )
    return [
        Taught(
            mark.skill,
            name_in_language("caregiving", mark.skill, titles[mark.skill], language),
            mark.taught_on,
            mark.taught_by.full_name if mark.taught_by is not None else "",
        )
        for mark in marks
        if mark.skill in titles
    ]
