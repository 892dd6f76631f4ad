"""Caregiver skills in the database (each row keeps the validated skill as JSON) and the
marks a therapist makes when they have taught a skill to one of the person's helpers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language

from alsmove.content_translations import in_language
from alsmove.core.caregiving import Skill


class SkillRecord(models.Model):
    slug = models.SlugField(max_length=64, unique=True)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=30)
    position = models.PositiveIntegerField(default=0)  # the order of the content files
    data = models.JSONField()

    class Meta:
        ordering = ("position", "title")

    def __str__(self) -> str:
        return self.title

    def skill(self) -> Skill:
        """The entry in the active language (English where no translation exists)."""
        return Skill.model_validate(in_language("caregiving", self.data, get_language()))


class SkillTaught(models.Model):
    """A therapist taught `skill` to `caregiver` for this person, on `taught_on`.

    The skill is kept by its id (not a foreign key) so a mark survives the content being
    reloaded; marking the same skill again records the newer teaching over the old.
    """

    patient = models.ForeignKey(
        "patients.Patient", on_delete=models.CASCADE, related_name="skills_taught"
    )
    caregiver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="skills_learnt"
    )
    skill = models.SlugField(max_length=64)
    taught_on = models.DateField()
    taught_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-taught_on", "-recorded_at")
        constraints = [
            models.UniqueConstraint(
                fields=("patient", "caregiver", "skill"), name="one_mark_per_helper_and_skill"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill} taught on {self.taught_on}"
