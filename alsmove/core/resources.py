"""The resource schema: help beyond exercise (other therapies, emotional support, questions
to ask, finding care), as written in `alsmove/resources/content/*.yaml`.

Pure data definitions, closed like the exercise schema: a topic, audience or source key
that is not listed here fails validation. Two content rules are enforced here so no entry
can be loaded without them: every entry says in one line what is known, with a source it
lists, and no entry promises that anything slows ALS.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from alsmove.core.library import SOURCES as LIBRARY_SOURCES
from alsmove.core.library import Stage


class Topic(StrEnum):
    THERAPIES = "therapies"  # massage, aquatic therapy, yoga and tai chi, breathing
    EMOTIONAL = "emotional"  # emotional well-being and support
    QUESTIONS = "questions"  # questions to ask the care team
    FINDING_CARE = "finding_care"  # kinds of places and what to ask them


class Audience(StrEnum):
    PERSON = "person"  # the person living with ALS
    CAREGIVER = "caregiver"  # family, friends and paid helpers


SOURCES: dict[str, str] = {
    **LIBRARY_SOURCES,
    "medicare-bpm-15": "Medicare Benefit Policy Manual, chapter 15, section 220 (outpatient "
    "physical and occupational therapy; plan of care).",
    "jimmo-2013": "Jimmo v. Sebelius settlement (2013): maintenance therapy is covered when "
    "a therapist's skill is needed, whether or not the person improves.",
    "cochrane-cd005229": "Cochrane review CD005229 (2013): exercise for ALS, two small "
    "trials, low-quality evidence.",
    "clawson-2018": "Clawson L.L. et al., 2018: resistance, endurance and stretching "
    "exercise in ALS for 24 weeks; all safe, no difference in progression.",
}

NonEmptyText = Annotated[str, Field(min_length=3)]
ResourceId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{2,60}$")]
SourceKey = Annotated[str, Field(pattern=r"^[a-z0-9-]{3,40}$")]

# A promise that something slows, halts or reverses ALS. Our texts may say that nothing
# does ("does not slow ALS", "none slows the disease"); a sentence with the claim and no
# denial is refused. Deliberately broad: a false alarm is fixed by rewording.
_CLAIM = re.compile(
    r"\b(slow(?:s|ed|ing)?|halt(?:s|ed|ing)?|revers(?:e|es|ed|ing)|"
    r"delay(?:s|ed|ing)?|cure(?:s|d)?)\b[^.;:!?]*\b(ALS|disease|progression|decline)\b",
    re.IGNORECASE,
)
_DENIAL = re.compile(r"\b(not|no|none|nothing|never|cannot|neither|nor)\b|n't\b", re.I)
# The same claim in the translated content (Spanish, German), with its denials.
_CLAIM_OTHER = re.compile(
    r"\b(ralentiz\w*|frena\w*|frenar|detien\w*|revier\w*|retras\w*|cura\w*|"
    r"verlangsam\w*|aufh[aä]lt\w*|aufhalten|umkehr\w*|verz[öo]ger\w*)\b"
    r"[^.;:!?]*\b(ELA|ALS|enfermedad|progresi[óo]n|avance|Krankheit|Fortschreiten|Verlauf)\b",
    re.IGNORECASE,
)
_DENIAL_OTHER = re.compile(r"\b(no|nunca|ni|nada|ning[úu]n\w*|nicht|kein\w*|nie|weder)\b", re.I)


def promises_slowing(text: str) -> bool:
    """True when a sentence of `text` claims something slows (halts, reverses, cures) ALS
    without saying it does not."""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if _CLAIM.search(sentence) and not _DENIAL.search(sentence):
            return True
        if _CLAIM_OTHER.search(sentence) and not _DENIAL_OTHER.search(sentence):
            return True
    return False


class Section(BaseModel):
    """A heading with paragraphs and, when a list reads better, points."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    heading: NonEmptyText
    paragraphs: tuple[NonEmptyText, ...] = ()
    points: tuple[NonEmptyText, ...] = ()

    @model_validator(mode="after")
    def _has_words(self) -> Section:
        if not self.paragraphs and not self.points:
            raise ValueError(f"section {self.heading!r} needs paragraphs or points")
        return self


class Known(BaseModel):
    """The one line on evidence: what is known, and where it comes from."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    text: NonEmptyText
    source: SourceKey


class Resource(BaseModel):
    """One entry of the Resources section."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: ResourceId
    title: NonEmptyText
    summary: NonEmptyText
    topic: Topic
    audiences: Annotated[tuple[Audience, ...], Field(min_length=1)]
    stages: Annotated[tuple[Stage, ...], Field(min_length=1)]
    known: Known
    sections: Annotated[tuple[Section, ...], Field(min_length=1)]
    sources: Annotated[tuple[SourceKey, ...], Field(min_length=1)]
    last_reviewed: date
    related: tuple[ResourceId, ...] = ()
    keywords: tuple[str, ...] = ()  # extra words people may search for

    @model_validator(mode="after")
    def _content_rules(self) -> Resource:
        unknown = [s for s in (*self.sources, self.known.source) if s not in SOURCES]
        if unknown:
            raise ValueError(f"unknown source keys: {', '.join(unknown)}")
        if self.known.source not in self.sources:
            raise ValueError("the 'known' line's source must be one of the entry's sources")
        if self.id in self.related:
            raise ValueError("an entry cannot be related to itself")
        for text in self.texts():
            if promises_slowing(text):
                raise ValueError(f"promises that something slows ALS: {text!r}")
        return self

    def texts(self) -> tuple[str, ...]:
        """Every sentence people read, for the content rules and the search box."""
        parts = [self.title, self.summary, self.known.text]
        for section in self.sections:
            parts += [section.heading, *section.paragraphs, *section.points]
        return tuple(parts)
