"""Staging from one ALSFRS-R record: King's, MiToS, progression rate, functional stage.

King's and MiToS follow their published ALSFRS-R definitions exactly (CLINICAL.md §2). The
Sinaki-Mulder-style functional stage is ours: the 1978 paper describes the six stages in
words, not as ALSFRS-R cut-offs, so the thresholds in `functional_stage` are our heuristics
and are labelled as such wherever they are shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from alsmove.core.alsfrs import MAX_TOTAL, AlsfrsError, Scores, parse_items
from alsmove.core.i18n import Message, gettext_noop
from alsmove.core.library import Stage
from alsmove.core.profile import FunctionalProfile, Standing, Walking

RULE_KINGS_REGIONS = "KINGS-01"
RULE_KINGS_UPPER_LIMB_5B = "KINGS-02"
RULE_KINGS_4A = "KINGS-03"
RULE_KINGS_4B = "KINGS-04"
RULE_KINGS_PRECEDENCE = "KINGS-05"
RULE_MITOS_MOVEMENT = "MITOS-01"
RULE_MITOS_SWALLOWING = "MITOS-02"
RULE_MITOS_COMMUNICATION = "MITOS-03"
RULE_MITOS_BREATHING = "MITOS-04"
RULE_MITOS_STAGE = "MITOS-05"
RULE_DFS = "DFS-01"
RULE_DFS_CATEGORY = "DFS-02"
RULE_DFS_MIN_MONTHS = "DFS-03"
RULE_FUNCTIONAL_STAGE = "FS-SM-01"
RULE_GUIDE_STAGE = "GUIDE-STAGE-01"

# A mean Gregorian month; used everywhere the product turns days into months.
DAYS_PER_MONTH = 30.4375

KINGS_STAGES = ("0", "1", "2", "3", "4A", "4B")


# --- King's (Roche 2012; ALSFRS-R estimation by Balendra 2014) ---------------------------


def kings_regions(scores: Scores) -> tuple[str, ...]:
    """The body regions involved: "bulbar", "upper_limb", "lower_limb" (in that order)."""
    regions: list[str] = []
    if min(scores.item(1), scores.item(2), scores.item(3)) < 4:
        regions.append("bulbar")
    # KINGS-02: Balendra's upper-limb rule reads item 5a (cutting food). Item 5b scores
    # handling a feeding tube's fastenings, a different task, so with 5b only handwriting
    # (item 4) counts. It cannot change the stage: a record with 5b is stage 4A or 4B.
    upper = scores.items["4"] < 4 or scores.items.get("5a", 4) < 4
    if upper:
        regions.append("upper_limb")
    if scores.item(8) < 4:
        regions.append("lower_limb")
    return tuple(regions)


def kings_stage(scores: Scores) -> str:
    """King's stage "0", "1", "2", "3", "4A" or "4B" (stage 5, death, is not recorded)."""
    # KINGS-04: item 10 = 0 (breathlessness at rest bad enough to consider support) or any
    # non-invasive or invasive ventilation (item 12 < 4) is the respiratory-failure stage.
    needs_ventilation = scores.item(10) == 0 or scores.item(12) < 4
    # KINGS-05: when a person has both a feeding tube and ventilation we report 4B: it is
    # the later milestone in the King's sequence, and 4A alone would hide the breathing
    # support a clinician most needs to see.
    if needs_ventilation:
        return "4B"
    if scores.gastrostomy:  # KINGS-03
        return "4A"
    return str(len(kings_regions(scores)))  # KINGS-01


def kings_is_stage_4(stage: str) -> bool:
    return stage in ("4A", "4B")


# --- MiToS (Chiò 2015, Table 1) -----------------------------------------------------------


def mitos_domains_lost(scores: Scores) -> tuple[str, ...]:
    """The MiToS domains lost: "movement", "swallowing", "communication", "breathing"."""
    lost: list[str] = []
    if scores.item(8) <= 1 or scores.item(6) <= 1:  # MITOS-01
        lost.append("movement")
    if scores.item(3) <= 1:  # MITOS-02
        lost.append("swallowing")
    # MITOS-03: speech AND handwriting both gone. Some public code uses "or", which
    # counts a person who still writes (or still speaks) as unable to communicate.
    if scores.item(1) <= 1 and scores.item(4) <= 1:
        lost.append("communication")
    if scores.item(10) <= 1 or scores.item(12) <= 2:  # MITOS-04
        lost.append("breathing")
    return tuple(lost)


def mitos_stage(scores: Scores) -> int:
    """MiToS stage 0-4: the number of functional domains lost (MITOS-05)."""
    return len(mitos_domains_lost(scores))


# --- Progression rate (Kimura 2006) -------------------------------------------------------


def months_between(a: date, b: date) -> float:
    """Months from `a` to `b` (negative if `b` is earlier), in mean calendar months."""
    return (b - a).days / DAYS_PER_MONTH


def progression_rate(total: int, onset: date, on: date) -> float:
    """ΔFS: points lost per month since symptom onset, (48 - total) / months (DFS-01).

    DFS-03: less than a month after onset counts as one month, so a record taken days
    after the first symptoms does not give a huge or infinite rate.
    """
    if isinstance(total, bool) or not 0 <= total <= MAX_TOTAL:
        raise AlsfrsError(
            Message(gettext_noop("total {total} is out of range 0-48"), {"total": total})
        )
    if on < onset:
        raise AlsfrsError(
            Message(
                gettext_noop("assessment on {on} is before the onset date {onset}"),
                {"on": on.isoformat(), "onset": onset.isoformat()},
            )
        )
    months = max(months_between(onset, on), 1.0)
    return (MAX_TOTAL - total) / months


def progression_category(rate: float) -> str:
    """Category of a rate: "slow" (< 0.5), "intermediate" (0.5-1.0), "fast" (> 1.0 a month).

    DFS-02: these cut-offs are a convention in the literature, not biological limits.
    """
    if rate < 0.5:
        return "slow"
    if rate <= 1.0:
        return "intermediate"
    return "fast"


# --- Sinaki-Mulder-style functional stage (our heuristic mapping) --------------------------

ROMAN = ("I", "II", "III", "IV", "V", "VI")

# What a physical therapist usually works on at each stage (Dal Bello-Haas 1998), in our
# words.
_FOCUS: tuple[str, ...] = (
    gettext_noop(
        "Keep every joint moving through its full range, use gentle resistance where "
        "muscles are still strong, and pace yourself to save energy."
    ),
    gettext_noop(
        "Stretch every day, strengthen only with care and never to exhaustion, and ask "
        "about aids such as ankle or wrist splints and adapted tools."
    ),
    gettext_noop(
        "Use a wheelchair for longer distances, make daily tasks simpler, adapt the home, "
        "and practise deep breathing."
    ),
    gettext_noop(
        "Support the arms to protect the shoulders, ask about a power wheelchair, ease "
        "aches with warmth and massage, keep swelling down, and keep joints moving, with "
        "help where needed."
    ),
    gettext_noop(
        "Teach carers safe transfers and lifting, think about a hoist, and change position "
        "often to protect the skin."
    ),
    gettext_noop(
        "A carer moves the joints gently, positions the body for comfort, looks after the "
        "skin and helps clear the chest. Comfort comes first."
    ),
)


@dataclass(frozen=True)
class FunctionalStage:
    number: int  # 1-6
    roman: str  # "I"-"VI"
    reason: Message
    focus: Message
    rule: str = RULE_FUNCTIONAL_STAGE


def _stage(number: int, text: str, **params: str | int | float) -> FunctionalStage:
    return FunctionalStage(
        number=number,
        roman=ROMAN[number - 1],
        reason=Message(text, params),
        focus=Message(_FOCUS[number - 1]),
    )


def functional_stage(scores: Scores, profile: FunctionalProfile | None = None) -> FunctionalStage:
    """Sinaki-Mulder-style stage I-VI from the limb items (6-9, and 4-5) and the profile.

    FS-SM-01. Sinaki and Mulder describe each stage in words (mild weakness; moderate focal
    weakness; severe focal weakness, tiring on long walks; wheelchair-dependent;
    increasingly dependent; bedbound). The ALSFRS-R thresholds below are our reading of
    those words, not published cut-offs. The first matching stage from VI down wins, so one
    severe sign is enough to place a person in the later stage.
    """
    writing = scores.item(4)
    utensils = scores.item(5)
    dressing = scores.item(6)
    turning = scores.item(7)
    walking = scores.item(8)
    stairs = scores.item(9)
    walks = profile.walking if profile is not None else None
    stands = profile.standing if profile is not None else None

    # VI: no useful leg movement and cannot turn in bed alone: in bed most of the day.
    if walking == 0 and turning <= 1:
        return _stage(
            6,
            gettext_noop(
                "Stage {roman}: the legs cannot move in a useful way and turning in bed "
                "needs help (walking {walking} of 4, turning in bed {turning} of 4)."
            ),
            roman="VI",
            walking=walking,
            turning=turning,
        )
    # V: more and more dependent on a helper for transfers, self-care or bed mobility.
    if walking == 0:
        return _stage(
            5,
            gettext_noop(
                "Stage {roman}: the legs cannot move in a useful way, so every transfer "
                "needs a helper (walking {walking} of 4)."
            ),
            roman="V",
            walking=walking,
        )
    if dressing <= 1:
        return _stage(
            5,
            gettext_noop(
                "Stage {roman}: dressing and washing need a helper (dressing and washing "
                "{dressing} of 4)."
            ),
            roman="V",
            dressing=dressing,
        )
    if turning <= 1:
        return _stage(
            5,
            gettext_noop(
                "Stage {roman}: turning in bed cannot be finished without help (turning in "
                "bed {turning} of 4)."
            ),
            roman="V",
            turning=turning,
        )
    # IV: no longer walking; a wheelchair is how the person gets about.
    if walking <= 1:
        return _stage(
            4,
            gettext_noop(
                "Stage {roman}: walking is no longer possible, so a wheelchair is needed to "
                "get about (walking {walking} of 4)."
            ),
            roman="IV",
            walking=walking,
        )
    if walks is Walking.UNABLE or stands is Standing.UNSAFE:
        return _stage(
            4,
            gettext_noop(
                "Stage {roman}: the profile says walking or standing is not possible or "
                "not safe, so a wheelchair is needed to get about."
            ),
            roman="IV",
        )
    # III: severe weakness in some muscles; walks, but with help, and tires on long walks.
    if walking == 2 or stairs <= 1:
        return _stage(
            3,
            gettext_noop(
                "Stage {roman}: walking or stairs need help, and long walks are tiring "
                "(walking {walking} of 4, stairs {stairs} of 4)."
            ),
            roman="III",
            walking=walking,
            stairs=stairs,
        )
    if walks is Walking.WITH_AID or stands is Standing.WITH_SUPPORT:
        return _stage(
            3,
            gettext_noop(
                "Stage {roman}: the profile says walking needs an aid or standing needs support."
            ),
            roman="III",
        )
    if writing <= 1 or utensils <= 1:
        return _stage(
            3,
            gettext_noop(
                "Stage {roman}: the hands are very weak: writing or handling food is no "
                "longer possible alone (writing {writing} of 4, food and cutlery "
                "{utensils} of 4)."
            ),
            roman="III",
            writing=writing,
            utensils=utensils,
        )
    # II: moderate weakness in some muscles. Early walking trouble (item 8 = 3) belongs
    # here because it is when an ankle-foot orthosis is usually considered, a stage II aid.
    lowest = min(writing, utensils, dressing, turning, stairs)
    if walking == 3 or lowest <= 2:
        return _stage(
            2,
            gettext_noop(
                "Stage {roman}: some arm or leg tasks have become harder or need a little "
                "help (lowest hand, arm or leg score {lowest} of 4, walking {walking} of 4)."
            ),
            roman="II",
            lowest=min(lowest, walking),
            walking=walking,
        )
    return _stage(
        1,
        gettext_noop(
            "Stage {roman}: weakness is mild at most; walking and daily tasks are done "
            "without help."
        ),
        roman="I",
    )


_GUIDE_REASONS: Mapping[Stage, str] = {
    Stage.EARLY: gettext_noop(
        "Functional stage {roman} (mild or moderate weakness) matches the early-stage "
        "stretches, which cover stages I and II."
    ),
    Stage.MID: gettext_noop(
        "Functional stage {roman} (severe weakness or using a wheelchair) matches the "
        "mid-stage stretches, which cover stages III and IV."
    ),
    Stage.ADVANCED: gettext_noop(
        "Functional stage {roman} (relying on others or in bed) matches the advanced-stage "
        "stretches, which cover stages V and VI."
    ),
}


def guide_stage(functional: FunctionalStage) -> tuple[Stage, Message]:
    """The stretching guide's stage for a functional stage (GUIDE-STAGE-01).

    CLINICAL.md §2: early = I-II, mid = III-IV, advanced = V-VI.
    """
    if functional.number <= 2:
        stage = Stage.EARLY
    elif functional.number <= 4:
        stage = Stage.MID
    else:
        stage = Stage.ADVANCED
    return stage, Message(_GUIDE_REASONS[stage], {"roman": functional.roman})


def stage_for_routine(items: Mapping[str, int], profile: FunctionalProfile | None = None) -> Stage:
    """The guide stage for a raw ALSFRS-R record; raises `AlsfrsError` if it is invalid."""
    return guide_stage(functional_stage(parse_items(items), profile))[0]


RULE_GUIDE_STAGE_PROFILE = "GUIDE-STAGE-02"

_PROFILE_REASONS: Mapping[Stage, str] = {
    Stage.EARLY: gettext_noop(
        "No assessment yet, so the stage comes from the profile: walking and standing "
        "without help suit the early-stage exercises."
    ),
    Stage.MID: gettext_noop(
        "No assessment yet, so the stage comes from the profile: needing support to walk or "
        "stand suits the mid-stage exercises."
    ),
    Stage.ADVANCED: gettext_noop(
        "No assessment yet, so the stage comes from the profile: not walking and not sitting "
        "steadily suit the advanced-stage exercises."
    ),
}


def stage_from_profile(profile: FunctionalProfile) -> tuple[Stage, Message]:
    """The guide stage when there is no ALSFRS-R record yet (GUIDE-STAGE-02).

    A cautious reading of the Sinaki-Mulder descriptions: independent walking and standing
    is stage I-II (early); not walking with poor sitting balance is V-VI (advanced);
    anything between is mid. Erring later is the safe side: later stages offer fewer
    standing and floor exercises.
    """
    if profile.walking == "independent" and profile.standing == "independent":
        stage = Stage.EARLY
    elif profile.walking == "unable" and profile.sitting_balance == "poor":
        stage = Stage.ADVANCED
    else:
        stage = Stage.MID
    return stage, Message(_PROFILE_REASONS[stage])
