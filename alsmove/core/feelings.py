"""The optional "How have you been feeling?" question: when it is offered, what an
answer shows, and when the therapist is told.

Three rules, each a plain function:

- FEELING-WEEKLY-01: offered at most once in seven days (counted on the person's own
  clock from the last time it was answered or set aside), and never required.
- FEELING-LOW-01: a low answer shows that feeling low is common and worth raising, the
  emotional-support resources, a line for a crisis (the local emergency number; we name
  no hotline, since numbers differ by country and go stale), and asks whether the
  therapist should know.
- FEELING-SHARED-01: the therapist is told only when the person, after a low answer,
  says yes. Nothing else tells anyone: not a "no", not an unanswered ask, not any other
  answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

FEELING_WEEKLY_01 = "FEELING-WEEKLY-01"
FEELING_LOW_01 = "FEELING-LOW-01"
FEELING_SHARED_01 = "FEELING-SHARED-01"

OFFER_EVERY_DAYS = 7


class Feeling(StrEnum):
    GOOD = "good"
    MIXED = "mixed"  # "Up and down"
    LOW = "low"
    SKIPPED = "skipped"  # "Not now": set aside without an answer


def offer_due(last_asked: date | None, today: date) -> bool:
    """FEELING-WEEKLY-01: offer the question when it has never been asked, or the last
    answer (or "Not now") is at least seven days old. A date after today (a record whose
    clock was changed) counts as just asked, so a clock change never brings it back early."""
    if last_asked is None:
        return True
    return (today - last_asked).days >= OFFER_EVERY_DAYS


@dataclass(frozen=True)
class Support:
    """What the page after an answer shows."""

    emotional_support: bool  # links to the emotional-support resources
    crisis_line: bool  # "call your local emergency number"
    ask_to_share: bool  # "Would you like your therapist to know?"


def support_for(answer: Feeling) -> Support:
    """FEELING-LOW-01. "Up and down" links to support as well, without the crisis line or
    the ask: it is not a low answer, and asking then would feel like a fuss."""
    if answer is Feeling.LOW:
        return Support(emotional_support=True, crisis_line=True, ask_to_share=True)
    if answer is Feeling.MIXED:
        return Support(emotional_support=True, crisis_line=False, ask_to_share=False)
    return Support(emotional_support=False, crisis_line=False, ask_to_share=False)


def tells_therapist(answer: Feeling, person_said_yes: bool | None) -> bool:
    """FEELING-SHARED-01: only a low answer followed by the person's own yes."""
    return answer is Feeling.LOW and person_said_yes is True
