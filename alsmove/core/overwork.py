"""Overwork rules: session logs and check-ins in, warnings, flags and easing out.

Pure functions over plain data (no Django, no I/O). Each rule has an id that shows in the
output and in docs/clinical-rules.md, which gives the source and the thresholds.

Judging is always "as of" one day: anything dated after it is ignored, so the same
history gives the same answer however late it is read.

What the rules read (the log records and their JSON parsing) is in `overwork_input`, whose
names are re-exported here; the sentences a person reads are in `overwork_texts`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import pairwise
from typing import Any, Literal

from alsmove.core import overwork_texts as texts
from alsmove.core.adjustments import Adjustments
from alsmove.core.i18n import Message

# What the rules read, re-exported: other code imports these names from here.
from alsmove.core.overwork_input import CHECKIN_KEYS as CHECKIN_KEYS
from alsmove.core.overwork_input import DATE_FORMAT as DATE_FORMAT
from alsmove.core.overwork_input import EXERCISE_ID as EXERCISE_ID
from alsmove.core.overwork_input import EXERCISE_KEYS as EXERCISE_KEYS
from alsmove.core.overwork_input import SESSION_KEYS as SESSION_KEYS
from alsmove.core.overwork_input import CheckIn as CheckIn
from alsmove.core.overwork_input import CheckInKind as CheckInKind
from alsmove.core.overwork_input import Cramps as Cramps
from alsmove.core.overwork_input import ExerciseLog as ExerciseLog
from alsmove.core.overwork_input import OverworkInputError as OverworkInputError
from alsmove.core.overwork_input import ReviewEvent as ReviewEvent
from alsmove.core.overwork_input import SessionLog as SessionLog
from alsmove.core.overwork_input import Status as Status
from alsmove.core.overwork_input import parse_input as parse_input

PAIN_01 = "OVERWORK-PAIN-01"
REPEAT_01 = "OVERWORK-REPEAT-01"
WEAKER_01 = "OVERWORK-WEAKER-01"
SORE_01 = "OVERWORK-SORE-01"
CRAMP_01 = "OVERWORK-CRAMP-01"
HEAVY_01 = "OVERWORK-HEAVY-01"
BREATH_01 = "OVERWORK-BREATH-01"
FATIGUE_01 = "OVERWORK-FATIGUE-01"
REASSESS_01 = "OVERWORK-REASSESS-01"
REST_01 = "OVERWORK-REST-01"
# Serious signs (issue 8): two or more at once give a rest day and a call today. Next-day
# soreness counts only together with heavy limbs.
SERIOUS_RULES = (WEAKER_01, CRAMP_01, BREATH_01, FATIGUE_01)
REST_MIN_SIGNS = 2
REST_WINDOW_DAYS = 1  # signs dated as_of or the day before count together
# The signs that ease the next sessions, in the order their ids are reported.
EASING_RULES = (WEAKER_01, SORE_01, CRAMP_01, HEAVY_01, BREATH_01, FATIGUE_01)

PAIN_THRESHOLD = 3  # pain of 3/10 or more during an exercise stops it for the day
FATIGUE_THRESHOLD = 8  # tiredness of 8/10 or more after a session eases the next ones
REPEAT_WINDOW_DAYS = 14  # two pain flags at most this many days apart remove the exercise
EASING_DAYS = 7  # easing lasts the day of the sign and this many days after it
REASSESS_WINDOW_DAYS = 30  # easing signs counted over this many days (as_of included)
REASSESS_MIN_DAYS = 3  # ... on this many separate days, or in two separate episodes
EASED_REPS_FACTOR = 0.7
EASED_HOLD_FACTOR = 0.75
FACTOR_FLOOR = 0.5  # however many signs, easing never goes below this
MIN_HOLD_SECONDS = 5
# (reps factor, hold factor) per sign; the same for every sign until a source says otherwise.
EASING_FACTORS = {rule: (EASED_REPS_FACTOR, EASED_HOLD_FACTOR) for rule in EASING_RULES}

FlagStatus = Literal["flagged", "removed_pending_review"]

# The text each rule gives a person (the wording is in overwork_texts).
TEXTS: dict[str, str] = {
    PAIN_01: texts.PAIN,
    REPEAT_01: texts.REPEAT,
    WEAKER_01: texts.WEAKER,
    SORE_01: texts.SORE,
    CRAMP_01: texts.CRAMP,
    HEAVY_01: texts.HEAVY,
    BREATH_01: texts.BREATH,
    FATIGUE_01: texts.FATIGUE,
    REASSESS_01: texts.REASSESS,
    REST_01: texts.REST,
}
WEAKER_NEXT_DAY = texts.WEAKER_NEXT_DAY


@dataclass(frozen=True)
class OverworkWarning:
    date: date
    rule: str
    text: Message


@dataclass(frozen=True)
class Flag:
    exercise: str
    rule: str
    status: FlagStatus


@dataclass(frozen=True)
class Easing:
    active: bool
    rules: tuple[str, ...]
    reps_factor: float
    hold_factor: float
    strengthening: bool

    def __post_init__(self) -> None:
        if not (0 < self.reps_factor <= 1 and 0 < self.hold_factor <= 1):
            raise ValueError("easing factors must be in (0, 1]")


NO_EASING = Easing(active=False, rules=(), reps_factor=1.0, hold_factor=1.0, strengthening=True)


@dataclass(frozen=True)
class OverworkResult:
    warnings: tuple[OverworkWarning, ...]
    flags: tuple[Flag, ...]
    easing: Easing
    reassess_suggested: bool
    alert_therapist: bool
    skip_today: frozenset[str]
    rest_day: bool = False  # OVERWORK-REST-01: no exercise today, call the therapist today


EMPTY_RESULT = OverworkResult((), (), NO_EASING, False, False, frozenset())


def _days(earlier: date, later: date) -> int:
    return (later - earlier).days


def _easing_signs(
    sessions: Iterable[SessionLog], checkins: Iterable[CheckIn]
) -> list[OverworkWarning]:
    """Every easing sign in the history, as the warning it would give (window not applied)."""
    days = {"days": EASING_DAYS}
    signs: list[OverworkWarning] = []
    for check in checkins:
        if check.weaker:
            text = TEXTS[WEAKER_01] if check.kind == "after_30_min" else WEAKER_NEXT_DAY
            signs.append(OverworkWarning(check.date, WEAKER_01, Message(text, days)))
        if check.soreness and check.kind == "next_day":
            signs.append(OverworkWarning(check.date, SORE_01, Message(TEXTS[SORE_01], days)))
        if check.heaviness:
            signs.append(OverworkWarning(check.date, HEAVY_01, Message(TEXTS[HEAVY_01], days)))
    for session in sessions:
        if session.cramps == "severe":
            signs.append(OverworkWarning(session.date, CRAMP_01, Message(TEXTS[CRAMP_01], days)))
        if session.breathless_after:
            signs.append(OverworkWarning(session.date, BREATH_01, Message(TEXTS[BREATH_01], days)))
        if session.fatigue >= FATIGUE_THRESHOLD:
            params = {**days, "fatigue": session.fatigue}
            signs.append(
                OverworkWarning(session.date, FATIGUE_01, Message(TEXTS[FATIGUE_01], params))
            )
    return signs


def _review_key(review: ReviewEvent) -> tuple[date, datetime]:
    return review.date, review.at or datetime.min.replace(tzinfo=UTC)


def _cleared_by(session: SessionLog, review: ReviewEvent) -> bool:
    """A review clears a flag dated strictly before its day; on its own day only a flag
    recorded before the review (when both times are known: with days alone, a same-day
    report may have come after the review, so it stays)."""
    if session.date != review.date:
        return session.date < review.date
    if session.recorded_at is None or review.at is None:
        return False
    return session.recorded_at <= review.at


def _pain_flags(
    sessions: Iterable[SessionLog], reviews: Iterable[ReviewEvent], as_of: date
) -> dict[str, list[tuple[date, int]]]:
    """Pain reports per exercise that no review has cleared yet, oldest first."""
    last_review: dict[str, ReviewEvent] = {}
    for review in reviews:
        if review.date > as_of:
            continue
        known = last_review.get(review.exercise)
        if known is None or _review_key(review) > _review_key(known):
            last_review[review.exercise] = review
    flags: dict[str, list[tuple[date, int]]] = {}
    for session in sessions:
        for log in session.exercises:
            # Pain counts whatever the status: a person may stop or skip because it hurt.
            if log.pain < PAIN_THRESHOLD:
                continue
            cleared = last_review.get(log.exercise)
            if cleared is not None and _cleared_by(session, cleared):
                continue
            flags.setdefault(log.exercise, []).append((session.date, log.pain))
    for reports in flags.values():
        reports.sort()
    return flags


def _removed_since(reports: Sequence[tuple[date, int]]) -> date | None:
    """The date of the flag that made two within the repeat window, if any."""
    for index in range(1, len(reports)):
        if _days(reports[index - 1][0], reports[index][0]) <= REPEAT_WINDOW_DAYS:
            return reports[index][0]
    return None


EXTRA_SIGN_STEP = 0.1  # each further kind of sign eases by this much more, to the floor


def _combined_easing(rules: set[str]) -> Easing:
    if not rules:
        return NO_EASING
    # Signs add up: the strongest easing asked for, then a step more for each further kind
    # of sign (never below the floor, however many signs).
    extra = EXTRA_SIGN_STEP * (len(rules) - 1)
    reps = max(FACTOR_FLOOR, min(EASING_FACTORS[rule][0] for rule in rules) - extra)
    hold = max(FACTOR_FLOOR, min(EASING_FACTORS[rule][1] for rule in rules) - extra)
    reps, hold = round(reps, 2), round(hold, 2)
    ordered = tuple(rule for rule in EASING_RULES if rule in rules)
    return Easing(True, ordered, min(reps, 1.0), min(hold, 1.0), strengthening=False)


def _reassess(sign_dates: set[date]) -> bool:
    days = sorted(sign_dates)
    separate_episodes = any(_days(a, b) > EASING_DAYS for a, b in pairwise(days))
    return len(days) >= REASSESS_MIN_DAYS or separate_episodes


def assess_overwork(
    sessions: Iterable[SessionLog],
    checkins: Iterable[CheckIn],
    as_of: date | None = None,
    reviews: Iterable[ReviewEvent] = (),
) -> OverworkResult:
    """Judge the history as of `as_of` (default: the last date in the input)."""
    sessions, checkins, reviews = list(sessions), list(checkins), list(reviews)
    if as_of is None:
        dates = [s.date for s in sessions] + [c.date for c in checkins]
        dates += [r.date for r in reviews]
        if not dates:
            return EMPTY_RESULT
        as_of = max(dates)
    sessions = [s for s in sessions if s.date <= as_of]
    checkins = [c for c in checkins if c.date <= as_of]

    warnings: list[OverworkWarning] = []
    flags: list[Flag] = []
    skip_today: set[str] = set()
    for exercise, reports in sorted(_pain_flags(sessions, reviews, as_of).items()):
        for day, pain in reports:
            if _days(day, as_of) <= REPEAT_WINDOW_DAYS:
                text = Message(TEXTS[PAIN_01], {"pain": pain, "exercise": exercise})
                warnings.append(OverworkWarning(day, PAIN_01, text))
            if day == as_of:
                skip_today.add(exercise)
        removed_on = _removed_since(reports)
        if removed_on is not None:
            flags.append(Flag(exercise, REPEAT_01, "removed_pending_review"))
            text = Message(TEXTS[REPEAT_01], {"exercise": exercise, "days": REPEAT_WINDOW_DAYS})
            warnings.append(OverworkWarning(removed_on, REPEAT_01, text))
        elif _days(reports[-1][0], as_of) <= REPEAT_WINDOW_DAYS:
            flags.append(Flag(exercise, PAIN_01, "flagged"))

    signs = _easing_signs(sessions, checkins)
    current = [s for s in signs if _days(s.date, as_of) <= EASING_DAYS]
    warnings.extend(current)
    easing = _combined_easing({s.rule for s in current})

    serious = serious_signs(s.rule for s in signs if _days(s.date, as_of) <= REST_WINDOW_DAYS)
    rest_day = len(serious) >= REST_MIN_SIGNS
    if rest_day:
        text = Message(TEXTS[REST_01], {"count": len(serious)})
        warnings.append(OverworkWarning(as_of, REST_01, text))
    recent = {s.date for s in signs if _days(s.date, as_of) < REASSESS_WINDOW_DAYS}
    reassess = _reassess(recent) or rest_day
    if reassess:
        text = Message(TEXTS[REASSESS_01], {"count": len(recent), "days": REASSESS_WINDOW_DAYS})
        warnings.append(OverworkWarning(max(recent), REASSESS_01, text))

    order = {rule: index for index, rule in enumerate((PAIN_01, REPEAT_01, *EASING_RULES))}
    order[REST_01] = len(order) + 1
    warnings.sort(key=lambda w: (w.date, order.get(w.rule, len(order))))
    return OverworkResult(
        warnings=tuple(warnings),
        flags=tuple(flags),
        easing=easing,
        reassess_suggested=reassess,
        alert_therapist=bool(flags) or easing.active or reassess,
        skip_today=frozenset(skip_today),
        rest_day=rest_day,
    )


def serious_signs(rules: Iterable[str]) -> tuple[str, ...]:
    """The serious signs among these rules (soreness only with heavy limbs)."""
    found = set(rules)
    serious = [rule for rule in SERIOUS_RULES if rule in found]
    if SORE_01 in found and HEAVY_01 in found:
        serious.append(SORE_01)
    return tuple(serious)


def to_adjustments(result: OverworkResult) -> Adjustments:
    """What the routine engine must change, from an overwork result."""
    removed = frozenset(f.exercise for f in result.flags if f.status == "removed_pending_review")
    rules = list(result.easing.rules)
    if removed:
        rules.append(REPEAT_01)
    if result.skip_today:
        rules.append(PAIN_01)
    if result.rest_day:
        rules.append(REST_01)
    return Adjustments(
        rest_day=result.rest_day,
        reps_factor=result.easing.reps_factor,
        hold_factor=result.easing.hold_factor,
        allow_strengthening=result.easing.strengthening,
        removed_pending_review=removed,
        skip_today=result.skip_today,
        rules=tuple(rules),
    )


def ease_prescription(
    reps: int, hold: tuple[int, int] | None, easing: Easing
) -> tuple[int, tuple[int, int] | None]:
    """Fewer repetitions (rounded down, at least 1) and shorter holds (at least 5 s);
    never more than prescribed."""
    if reps < 1 or (hold is not None and not 1 <= hold[0] <= hold[1]):
        raise ValueError("reps must be at least 1 and hold a (min, max) range of seconds")
    if not easing.active:
        return reps, hold

    def scaled(value: int, factor: float) -> int:
        # The small epsilon keeps 10 x 0.7 from flooring to 6 through rounding error.
        return min(value, max(1, math.floor(value * factor + 1e-9)))

    eased_reps = scaled(reps, easing.reps_factor)
    if hold is None:
        return eased_reps, None
    low, high = (min(s, max(MIN_HOLD_SECONDS, scaled(s, easing.hold_factor))) for s in hold)
    return eased_reps, (low, high)


def result_to_json(result: OverworkResult) -> dict[str, Any]:
    """The result as JSON-ready data, texts rendered in English."""
    easing = result.easing
    return {
        "warnings": [
            {"date": w.date.isoformat(), "rule": w.rule, "text": w.text.render()}
            for w in result.warnings
        ],
        "flags": [
            {"exercise": f.exercise, "rule": f.rule, "status": f.status} for f in result.flags
        ],
        "easing": {
            "active": easing.active,
            "rules": list(easing.rules),
            "reps_factor": easing.reps_factor,
            "hold_factor": easing.hold_factor,
            "strengthening": easing.strengthening,
        },
        "reassess_suggested": result.reassess_suggested,
        "rest_day": result.rest_day,
        "alert_therapist": result.alert_therapist,
        "skip_today": sorted(result.skip_today),
    }
