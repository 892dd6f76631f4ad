"""The one-question-per-screen ALSFRS-R entry, kept as a draft on the server.

The draft survives a wrong click, a reload, a pause or another device: nothing is written
to the record until someone presses Save on the review screen. One draft per record and
kind of author, so a caregiver can finish what the person started (and sees whose it is).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from alsmove.assessments.models import AssessmentDraft
from alsmove.assessments.services import source_for
from alsmove.core.alsfrs import ITEMS_BY_ID, ItemSpec
from alsmove.patients.models import Patient

ITEM_STEPS = ("1", "2", "3", "4", "tube", "5", "6", "7", "8", "9", "10", "11", "12")
STEPS = ("date", *ITEM_STEPS, "review")
QUESTION_COUNT = 12


@dataclass
class Draft:
    taken_on: date | None = None
    tube: bool | None = None
    answers: dict[str, int] = field(default_factory=dict)
    replaces: int | None = None
    # Who began it and when (for "Continue where you stopped"); None for a new draft.
    started_by: Any = None
    updated_at: datetime | None = None

    @classmethod
    def load(cls, patient: Patient, user: Any) -> Draft:
        stored = (
            AssessmentDraft.objects.filter(patient=patient, source=source_for(user, patient))
            .select_related("started_by")
            .first()
        )
        if stored is None:
            return cls()
        return cls(
            taken_on=stored.taken_on,
            tube=stored.tube,
            answers={str(k): int(v) for k, v in (stored.answers or {}).items()},
            replaces=stored.replaces_id,
            started_by=stored.started_by,
            updated_at=stored.updated_at,
        )

    def save(self, patient: Patient, user: Any) -> None:
        AssessmentDraft.objects.update_or_create(
            patient=patient,
            source=source_for(user, patient),
            defaults={
                "taken_on": self.taken_on,
                "tube": self.tube,
                "answers": self.answers,
                "replaces_id": self.replaces,
                "updated_by": user,
                "updated_at": timezone.now(),
            },
            create_defaults={
                "taken_on": self.taken_on,
                "tube": self.tube,
                "answers": self.answers,
                "replaces_id": self.replaces,
                "started_by": user,
                "updated_by": user,
            },
        )

    @classmethod
    def clear(cls, patient: Patient, user: Any) -> None:
        AssessmentDraft.objects.filter(patient=patient, source=source_for(user, patient)).delete()

    @property
    def begun(self) -> bool:
        """Some answer was given (a draft with only a date is not worth offering)."""
        return bool(self.answers) or self.tube is not None

    def items(self) -> dict[str, int]:
        """The answers as a record: item 5 stored under 5a or 5b by the tube answer."""
        result = {k: v for k, v in self.answers.items() if k != "5"}
        if "5" in self.answers and self.tube is not None:
            result["5b" if self.tube else "5a"] = self.answers["5"]
        return result

    def first_missing(self) -> str | None:
        if self.taken_on is None:
            return "date"
        for step in ITEM_STEPS:
            if step == "tube" and self.tube is None:
                return step
            if step != "tube" and step not in self.answers:
                return step
        return None


def spec_for(step: str, tube: bool | None) -> ItemSpec:
    if step == "5":
        return ITEMS_BY_ID["5b" if tube else "5a"]
    return ITEMS_BY_ID[step]


def neighbours(step: str) -> tuple[str | None, str | None]:
    index = STEPS.index(step)
    before = STEPS[index - 1] if index > 0 else None
    after = STEPS[index + 1] if index + 1 < len(STEPS) else None
    return before, after


def question_number(step: str) -> int:
    """1-12 for the item screens (the tube question belongs to question 5)."""
    return 5 if step == "tube" else int(step)
