"""The one-question-per-screen ALSFRS-R entry, kept as a draft in the session.

The draft survives a wrong click, a reload or a pause: nothing is written to the record
until the person presses Save on the review screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.sessions.backends.base import SessionBase

from alsmove.core.alsfrs import ITEMS_BY_ID, ItemSpec

ITEM_STEPS = ("1", "2", "3", "4", "tube", "5", "6", "7", "8", "9", "10", "11", "12")
STEPS = ("date", *ITEM_STEPS, "review")
QUESTION_COUNT = 12


@dataclass
class Draft:
    taken_on: date | None = None
    tube: bool | None = None
    answers: dict[str, int] = field(default_factory=dict)
    replaces: int | None = None

    @staticmethod
    def key(patient_id: int) -> str:
        return f"alsfrs-draft-{patient_id}"

    @classmethod
    def load(cls, session: SessionBase, patient_id: int) -> Draft:
        raw: dict[str, Any] = session.get(cls.key(patient_id)) or {}
        return cls(
            taken_on=date.fromisoformat(raw["taken_on"]) if raw.get("taken_on") else None,
            tube=raw.get("tube"),
            answers={str(k): int(v) for k, v in (raw.get("answers") or {}).items()},
            replaces=raw.get("replaces"),
        )

    def save(self, session: SessionBase, patient_id: int) -> None:
        session[self.key(patient_id)] = {
            "taken_on": self.taken_on.isoformat() if self.taken_on else None,
            "tube": self.tube,
            "answers": self.answers,
            "replaces": self.replaces,
        }

    @classmethod
    def clear(cls, session: SessionBase, patient_id: int) -> None:
        session.pop(cls.key(patient_id), None)

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
