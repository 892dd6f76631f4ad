"""The equipment planner: for every catalogue item, needed now, likely soon (with the month
the sign is likely reached, its band, and a start-by date), or not yet.

The forecast (`alsmove.core.progression.forecast`) is of the ALSFRS-R total, while the
catalogue's signs are single items ("walking at 1 or below"). An item-level estimate is
derived, honestly rough (EQUIP-ITEMRATE-01, docs/clinical-rules.md):

- The total's rate of loss, points a month, comes from the forecast 12 months ahead,
  measured from the last record: central from the forecast, fast from the low edge of its
  band, slow from the high edge.
- An item's share of that loss is its own loss so far over the total's loss so far, never
  less than 1/12 (one item's even share), since ALS spreads to regions not yet touched.
- With three or more records over at least three months in the last year, the item's own
  least-squares slope is the central rate instead; its band is half to double that slope,
  widened further by the scaled band.
- Months to the sign = points left above the threshold / rate. The band uses the fast and
  slow rates. Integer items and non-linear decline make this a guide, not a date.

Start by (EQUIP-STARTBY-01) = estimated need date minus the long end of the lead time, or
today when that date has passed. Pure: no Django, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from alsmove.core.alsfrs import ITEMS_BY_ID, MAX_SCORE, MAX_TOTAL, AlsfrsError, Scores
from alsmove.core.equipment_catalogue import CatalogueItem, profile_value
from alsmove.core.equipment_texts import PROFILE_SIGN_TEXTS
from alsmove.core.i18n import Message, gettext_noop
from alsmove.core.profile import FunctionalProfile
from alsmove.core.progression import forecast, months_between
from alsmove.core.staging import DAYS_PER_MONTH

RULE_NOW = "EQUIP-NOW-01"  # a sign is reached at the latest record
RULE_NOW_PROJECTED = "EQUIP-NOW-02"  # the projection says it was reached since then
RULE_PROFILE = "EQUIP-PROFILE-01"  # a profile answer is a sign now
RULE_ITEM_RATE = "EQUIP-ITEMRATE-01"  # how an item's own rate is estimated
RULE_SOON = "EQUIP-SOON-01"  # start-by within the forecast's year
RULE_LATER = "EQUIP-LATER-01"
RULE_START_BY = "EQUIP-STARTBY-01"
RULE_DONE = "EQUIP-DONE-01"  # in use or declined: not suggested again
RULE_HEURISTIC = "EQUIP-HEURISTIC-01"  # the signs are our heuristic
RULE_POINTER = "EQUIP-POINTER-01"  # assessed by another professional
RULE_ALERT = "EQUIP-ALERT-01"  # a start-by moved much earlier: tell the therapist
RULE_OUTGROWN = "EQUIP-OUTGROWN-01"  # past the point where the item fits
RULE_FIRST = "EQUIP-FIRST-01"  # of the "start now" items, the longest to get come first

HORIZON_MONTHS = 12  # the forecast's reach: a start-by beyond it is "later"
OWN_SLOPE_MIN_RECORDS = 3
OWN_SLOPE_MIN_SPAN_MONTHS = 3.0
OWN_SLOPE_WINDOW_MONTHS = 12.0
OWN_SLOPE_LOW_FACTOR = 0.5
OWN_SLOPE_HIGH_FACTOR = 2.0
MIN_SHARE = 1.0 / 12.0
# EQUIP-FIRST-01: a short list of "start now" items (the home page's card) shows this many.
FIRST_COUNT = 3
# EQUIP-ALERT-01: a start-by at least this much earlier than before, and within this
# many weeks of today, is worth a therapist's look.
ALERT_EARLIER_WEEKS = 4
ALERT_WITHIN_WEEKS = 12

Status = Literal["now", "soon", "later"]

# EQUIP-ALERT-01's message in the therapist's alerts inbox (the dates are on the plan).
ALERT_TEXT = gettext_noop(
    "The new ALSFRS-R record brings forward when to start on: {names}. The new start-by "
    "dates and the reasons are on the equipment plan."
)


@dataclass(frozen=True)
class Reason:
    rule: str
    message: Message


@dataclass(frozen=True)
class Rates:
    """Points lost a month (0 or more): central estimate and its band."""

    central: float
    fast: float
    slow: float


@dataclass(frozen=True)
class Suggestion:
    item: CatalogueItem
    status: Status
    estimated_need: date | None
    need_earliest: date | None
    need_latest: date | None  # None: later than the estimate can reach
    start_by: date | None
    start_now: bool  # needed now, or its start-by has come
    reasons: tuple[Reason, ...]
    outgrown: bool = False  # EQUIP-OUTGROWN-01: status "later", no dates, not suggested

    @property
    def sources(self) -> tuple[str, ...]:
        return self.item.sources


def _add_months(day: date, months: float) -> date:
    return day + timedelta(days=round(months * DAYS_PER_MONTH))


def total_rates(onset: date, records: Sequence[tuple[date, Scores]], as_of: date) -> Rates:
    """The total's loss a month, from the forecast 12 months ahead of `as_of`."""
    points = [(day, scores.total) for day, scores in records]
    model = forecast(onset, points, as_of)
    last_day, last_total = max(points)
    twelve = model.forecast[-1]
    months = max(months_between(last_day, as_of), 0.0) + twelve.months_ahead
    central = max((last_total - twelve.total) / months, 0.0)
    fast = max((last_total - twelve.low) / months, central)
    slow = min(max((last_total - twelve.high) / months, 0.0), central)
    return Rates(central, fast, slow)


def _own_slope(records: Sequence[tuple[date, Scores]], position: int, as_of: date) -> float | None:
    """The item's own loss a month (least squares) over the last year, or None."""
    recent = [
        (months_between(as_of, day), float(scores.item(position)))
        for day, scores in records
        if 0.0 <= months_between(day, as_of) <= OWN_SLOPE_WINDOW_MONTHS
    ]
    if len(recent) < OWN_SLOPE_MIN_RECORDS:
        return None
    xs = [x for x, _ in recent]
    if max(xs) - min(xs) < OWN_SLOPE_MIN_SPAN_MONTHS:
        return None
    x_mean = sum(xs) / len(xs)
    y_mean = sum(y for _, y in recent) / len(recent)
    ss = sum((x - x_mean) ** 2 for x in xs)
    slope = sum((x - x_mean) * (y - y_mean) for x, y in recent) / ss
    return max(-slope, 0.0)


def item_rates(total: Rates, latest: Scores, position: int, own: float | None = None) -> Rates:
    """EQUIP-ITEMRATE-01: one item's loss a month, from the total's (and its own slope)."""
    lost_total = MAX_TOTAL - latest.total
    lost_item = MAX_SCORE - latest.item(position)
    share = max(lost_item / lost_total, MIN_SHARE) if lost_total > 0 else MIN_SHARE
    scaled = Rates(total.central * share, total.fast * share, total.slow * share)
    if own is None:
        return scaled
    # A slope of whole-number answers is coarse: its own band is half to double it.
    return Rates(
        own,
        max(own * OWN_SLOPE_HIGH_FACTOR, scaled.fast),
        min(own * OWN_SLOPE_LOW_FACTOR, scaled.slow),
    )


def months_to(points_left: int, rate: float) -> float | None:
    """Months until `points_left` more points are lost at `rate`; None if never."""
    if points_left <= 0:
        return 0.0
    if rate <= 1e-9:
        return None
    return points_left / rate


@dataclass(frozen=True)
class _Projection:
    need: date
    earliest: date
    latest: date | None
    position: int
    threshold: int


def _project(
    item: CatalogueItem,
    records: Sequence[tuple[date, Scores]],
    total: Rates,
    as_of: date,
) -> _Projection | None:
    """The earliest of the item's ALSFRS-R signs, projected; None if none is expected."""
    last_day, latest = records[-1]
    best: _Projection | None = None
    for sign in item.signs:
        left = latest.item(sign.item) - sign.at_or_below
        rates = item_rates(total, latest, sign.item, _own_slope(records, sign.item, as_of))
        central = months_to(left, rates.central)
        if central is None:
            continue
        fast = months_to(left, rates.fast)
        slow = months_to(left, rates.slow)
        projection = _Projection(
            need=_add_months(last_day, central),
            earliest=_add_months(last_day, fast if fast is not None else central),
            latest=None if slow is None else _add_months(last_day, slow),
            position=sign.item,
            threshold=sign.at_or_below,
        )
        if best is None or projection.need < best.need:
            best = projection
    return best


def _item_title(position: int, latest: Scores) -> str:
    key = str(position) if position != 5 else ("5b" if latest.gastrostomy else "5a")
    return ITEMS_BY_ID[key].title


def _reached_now(
    item: CatalogueItem, day: date, latest: Scores, profile: FunctionalProfile | None
) -> list[Reason]:
    reasons = []
    for sign in item.signs:
        score = latest.item(sign.item)
        if score <= sign.at_or_below:
            reasons.append(
                Reason(
                    RULE_NOW,
                    Message(
                        gettext_noop(
                            "On {day}, the answer to the question on {title} scored "
                            "{score} out of 4: {signs}"
                        ),
                        {
                            "day": day.isoformat(),
                            "title": _item_title(sign.item, latest),
                            "item": sign.item,
                            "score": score,
                            "threshold": sign.at_or_below,
                            "signs": item.sign_text,
                        },
                    ),
                )
            )
    if profile is not None:
        for profile_sign in item.profile_signs:
            value = profile_value(profile, profile_sign.field)
            if value in profile_sign.values:
                reasons.append(
                    Reason(
                        RULE_PROFILE,
                        _profile_message(profile_sign.field.value, value),
                    )
                )
    return reasons


def _profile_message(field: str, value: str) -> Message:
    text = PROFILE_SIGN_TEXTS.get((field, value))
    if text is not None:
        return Message(text)
    return Message(
        gettext_noop("The functional profile says {field}: {value}."),
        {"field": field.replace("_", " "), "value": value},
    )


def _outgrown(
    item: CatalogueItem, day: date, latest: Scores, profile: FunctionalProfile | None
) -> Reason | None:
    """EQUIP-OUTGROWN-01: the latest record (or the profile) is past the item's use."""
    past = any(latest.item(sign.item) <= sign.at_or_below for sign in item.outgrown)
    if profile is not None and not past:
        past = any(
            profile_value(profile, sign.field) in sign.values for sign in item.outgrown_profile
        )
    if not past or item.outgrown_text is None:
        return None
    return Reason(
        RULE_OUTGROWN,
        Message(
            gettext_noop("No longer the right fit after the record of {day}: {text}"),
            {"day": day.isoformat(), "text": item.outgrown_text},
        ),
    )


def _common_reasons(item: CatalogueItem) -> list[Reason]:
    reasons = []
    if item.heuristic:
        reasons.append(
            Reason(
                RULE_HEURISTIC,
                Message(
                    gettext_noop(
                        "These signs are a rule of thumb, not a published cut-off; the "
                        "therapist's judgement comes first."
                    )
                ),
            )
        )
    if item.pointer:
        reasons.append(Reason(RULE_POINTER, Message(item.pointer)))
    return reasons


def _start_by_reason(need: date, start_by: date, item: CatalogueItem, as_of: date) -> Reason:
    weeks = item.lead_time_weeks
    params: dict[str, str | int | float] = {
        "low": weeks.min,
        "high": weeks.max,
        "need": need.isoformat(),
        "start": start_by.isoformat(),
    }
    if start_by <= as_of:
        text = gettext_noop(
            "It usually takes {low} to {high} weeks to get, so to have it by {need} the "
            "steps should start now."
        )
    else:
        text = gettext_noop(
            "It usually takes {low} to {high} weeks to get, so start by {start} to have it "
            "by {need}."
        )
    return Reason(RULE_START_BY, Message(text, params))


def suggest_item(
    item: CatalogueItem,
    onset: date,
    records: Sequence[tuple[date, Scores]],
    as_of: date,
    profile: FunctionalProfile | None = None,
    total: Rates | None = None,
) -> Suggestion:
    """One item's status, dates and reasons (records sorted by date, at least one)."""
    if not records:
        raise AlsfrsError(Message(gettext_noop("no assessments: give at least one")))
    last_day, latest = records[-1]
    lead = timedelta(weeks=item.lead_time_weeks.max)
    gone = _outgrown(item, last_day, latest, profile)
    if gone is not None:
        return Suggestion(item, "later", None, None, None, None, False, (gone,), outgrown=True)
    reached = _reached_now(item, last_day, latest, profile)
    if reached:
        reasons = [*reached, _start_by_reason(as_of, as_of, item, as_of), *_common_reasons(item)]
        return Suggestion(item, "now", as_of, as_of, as_of, as_of, True, tuple(reasons))
    rates = total if total is not None else total_rates(onset, records, as_of)
    projection = _project(item, records, rates, as_of)
    rate_reason = Reason(
        RULE_ITEM_RATE,
        Message(
            gettext_noop(
                "Estimated from the pace of the ALSFRS-R so far (about {rate} points a month "
                "overall); a guide, not a date."
            ),
            {"rate": round(rates.central, 2)},
        ),
    )
    if projection is not None and projection.need <= as_of:
        reasons = [
            Reason(
                RULE_NOW_PROJECTED,
                Message(
                    gettext_noop(
                        "At the pace so far, {title} has probably reached {threshold} since "
                        "the assessment on {day}; a new assessment would tell. {signs}"
                    ),
                    {
                        "title": _item_title(projection.position, latest),
                        "threshold": projection.threshold,
                        "day": last_day.isoformat(),
                        "signs": item.sign_text,
                    },
                ),
            ),
            rate_reason,
            _start_by_reason(as_of, as_of, item, as_of),
            *_common_reasons(item),
        ]
        return Suggestion(item, "now", as_of, as_of, as_of, as_of, True, tuple(reasons))
    if projection is not None:
        start_by = max(projection.need - lead, as_of)
        if start_by <= _add_months(as_of, HORIZON_MONTHS):
            reasons = [
                Reason(
                    RULE_SOON,
                    Message(
                        gettext_noop(
                            "{title} is likely to reach {threshold} around {need} (likely "
                            "between {earliest} and {latest}). {signs}"
                        )
                        if projection.latest is not None
                        else gettext_noop(
                            "{title} is likely to reach {threshold} around {need} (possibly "
                            "as early as {earliest}, possibly much later). {signs}"
                        ),
                        {
                            "title": _item_title(projection.position, latest),
                            "threshold": projection.threshold,
                            "need": projection.need.isoformat(),
                            "earliest": projection.earliest.isoformat(),
                            "latest": projection.latest.isoformat() if projection.latest else "",
                            "signs": item.sign_text,
                        },
                    ),
                ),
                rate_reason,
                _start_by_reason(projection.need, start_by, item, as_of),
                *_common_reasons(item),
            ]
            return Suggestion(
                item,
                "soon",
                projection.need,
                projection.earliest,
                projection.latest,
                start_by,
                start_by <= as_of,
                tuple(reasons),
            )
    reasons = [
        Reason(
            RULE_LATER,
            Message(
                gettext_noop(
                    "Not expected within the next year at the pace so far. Watch for: {signs}"
                ),
                {"signs": item.sign_text},
            ),
        ),
        *_common_reasons(item),
    ]
    return Suggestion(item, "later", None, None, None, None, False, tuple(reasons))


def plan(
    catalogue: Iterable[CatalogueItem],
    onset: date,
    records: Sequence[tuple[date, Scores]],
    as_of: date,
    profile: FunctionalProfile | None = None,
    settled: frozenset[str] = frozenset(),
) -> list[Suggestion]:
    """Every catalogue item not `settled` (in use or declined: EQUIP-DONE-01), now first,
    then soon by start-by, then later; within a status in catalogue order."""
    ordered = sorted(records, key=lambda record: record[0])
    if not ordered:
        raise AlsfrsError(Message(gettext_noop("no assessments: give at least one")))
    rates = total_rates(onset, ordered, as_of)
    suggestions = [
        suggest_item(item, onset, ordered, as_of, profile, rates)
        for item in catalogue
        if item.id not in settled
    ]
    rank = {"now": 0, "soon": 1, "later": 2}
    return sorted(
        suggestions,
        key=lambda s: (rank[s.status], s.start_by or date.max, s.estimated_need or date.max),
    )


@dataclass(frozen=True)
class EarlierStart:
    item_id: str
    before: date | None
    after: date


def earlier_starts(
    before: Sequence[Suggestion], after: Sequence[Suggestion], as_of: date
) -> list[EarlierStart]:
    """EQUIP-ALERT-01: items whose start-by moved at least four weeks earlier (or appeared)
    and now falls within twelve weeks: a fast change the therapist should see."""
    old = {s.item.id: s.start_by for s in before}
    soon = as_of + timedelta(weeks=ALERT_WITHIN_WEEKS)
    moved = []
    for suggestion in after:
        new = suggestion.start_by
        if new is None or new > soon or suggestion.item.id not in old:
            continue
        previous = old[suggestion.item.id]
        if previous is None or previous - new >= timedelta(weeks=ALERT_EARLIER_WEEKS):
            moved.append(EarlierStart(suggestion.item.id, previous, new))
    return moved


def start_now_first(
    suggestions: Iterable[Suggestion], settled: frozenset[str] = frozenset()
) -> list[Suggestion]:
    """EQUIP-FIRST-01: the items to start now (needed now or their start-by has come), not
    settled, the longest lead time first (each week of waiting costs most there), then the
    earliest estimated need, then the order given. A person far along can have thirty such
    items at once; a short list shows the first `FIRST_COUNT` and says how many more."""
    due = [s for s in suggestions if s.start_now and s.item.id not in settled]
    return sorted(
        due,
        key=lambda s: (-s.item.lead_time_weeks.max, s.estimated_need or date.max),
    )
