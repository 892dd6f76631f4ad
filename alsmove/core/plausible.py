"""Plausible dates: the one check every door (pages, API, CLI) applies before storing.

- PLAUSIBLE-DATE-01: a session log, check-in or ALSFRS-R record is dated from 1 January
  1900 to today (the person's today). Year 1 or 1850 is a typing slip, not a history.
- PLAUSIBLE-ONSET-01: the first symptoms are not in the future, not before 1900, not after
  the diagnosis and not after the first ALSFRS-R record. A change of the onset date that
  would put stored records before it is refused, naming those records.

`record_problems` tells whether a stored record (older data, imported rows) is
consistent; the pages show "not enough data" for one that is not, instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from alsmove.core.i18n import Message, gettext_noop

PLAUSIBLE_DATE_01 = "PLAUSIBLE-DATE-01"
PLAUSIBLE_ONSET_01 = "PLAUSIBLE-ONSET-01"

EARLIEST = date(1900, 1, 1)
# Named records in a refusal: enough to find them, not a wall of dates.
MAX_NAMED = 5


@dataclass(frozen=True)
class Problem:
    field: str  # the form or payload field the message is about
    message: Message
    rule: str


class ImplausibleDate(ValueError):
    """A date no door may store; `problem.message` says why, `problem.field` where."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message.render())
        self.problem = problem


def date_problem(day: date, today: date, *, field: str = "date") -> Problem | None:
    """PLAUSIBLE-DATE-01 for one log, check-in or assessment date."""
    if day < EARLIEST:
        text = gettext_noop("The date {day} is before 1900. Check the year.")
        return Problem(field, Message(text, {"day": day.isoformat()}), PLAUSIBLE_DATE_01)
    if day > today:
        text = gettext_noop("The date {day} is in the future (today is {today}).")
        params = {"day": day.isoformat(), "today": today.isoformat()}
        return Problem(field, Message(text, params), PLAUSIBLE_DATE_01)
    return None


def check_date(day: date, today: date, *, field: str = "date") -> date:
    """`day` if PLAUSIBLE-DATE-01 holds; raises ImplausibleDate otherwise."""
    problem = date_problem(day, today, field=field)
    if problem is not None:
        raise ImplausibleDate(problem)
    return day


def _listed(days: list[date]) -> str:
    shown = ", ".join(d.isoformat() for d in days[:MAX_NAMED])
    return shown if len(days) <= MAX_NAMED else f"{shown} …"


def onset_problems(
    *,
    onset: date | None,
    diagnosis: date | None,
    assessment_days: Iterable[date],
    today: date,
) -> list[Problem]:
    """PLAUSIBLE-ONSET-01 (and PLAUSIBLE-DATE-01 for the diagnosis); empty when it holds."""
    problems: list[Problem] = []
    if diagnosis is not None:
        found = date_problem(diagnosis, today, field="diagnosis_date")
        if found is not None:
            problems.append(found)
    if onset is None:
        return problems
    if onset < EARLIEST:
        text = gettext_noop("The first symptoms on {day} are before 1900. Check the year.")
        problems.append(
            Problem("onset_date", Message(text, {"day": onset.isoformat()}), PLAUSIBLE_ONSET_01)
        )
    if onset > today:
        text = gettext_noop("The first symptoms cannot be in the future (today is {today}).")
        params = {"today": today.isoformat()}
        problems.append(Problem("onset_date", Message(text, params), PLAUSIBLE_ONSET_01))
    if diagnosis is not None and diagnosis < onset:
        text = gettext_noop("Diagnosis cannot come before the first symptoms.")
        problems.append(Problem("diagnosis_date", Message(text), PLAUSIBLE_ONSET_01))
    earlier = sorted({d for d in assessment_days if d < onset})
    if earlier:
        text = gettext_noop(
            "The first symptoms cannot come after an ALSFRS-R record already saved. These "
            "records are dated before {onset}: {days}. Choose an earlier date, or correct "
            "those records first."
        )
        params = {"onset": onset.isoformat(), "days": _listed(earlier)}
        problems.append(Problem("onset_date", Message(text, params), PLAUSIBLE_ONSET_01))
    return problems


def record_problems(
    *,
    onset: date | None,
    diagnosis: date | None,
    assessment_days: Iterable[date],
    today: date,
) -> list[Problem]:
    """Everything implausible about a stored record: its onset and each record's date."""
    days = list(assessment_days)
    problems = onset_problems(onset=onset, diagnosis=diagnosis, assessment_days=days, today=today)
    for day in days:
        found = date_problem(day, today, field="taken_on")
        if found is not None:
            problems.append(found)
    return problems
