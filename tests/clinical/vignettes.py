"""Named profiles an ALS clinic sees every week, as the routine engine reads them.

Each vignette is a person (a functional profile and a stage) and what a neuromuscular
physical therapist would check in the week the engine plans for them. The checks every
week must pass are in `test_vignettes.py`; the person-specific ones are listed here with
the vignette, as plain predicates over the week.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from alsmove.core.library import Exercise, Kind, Position, Stage
from alsmove.core.profile import FunctionalProfile
from alsmove.core.routine import Routine
from alsmove.exercises.loader import default_library

LIBRARY = {e.id: e for e in default_library()}

Week = Sequence[Routine]
Expectation = Callable[[Week], bool]


def person(**changes: Any) -> FunctionalProfile:
    base: dict[str, Any] = {
        "standing": "independent",
        "walking": "independent",
        "sitting_balance": "good",
        "floor_transfer": True,
        "can_lie_down": True,
        "caregiver_available": True,
        "minutes": 30,
    }
    base.update(changes)
    return FunctionalProfile(**base)


def items(week: Week) -> list[tuple[int, Any]]:
    return [(day, item) for day, routine in enumerate(week) for item in routine.items]


def exercise(item: Any) -> Exercise:
    return LIBRARY[item.exercise]


def never(predicate: Callable[[Exercise, Any], bool]) -> Expectation:
    return lambda week: not any(predicate(exercise(i), i) for _, i in items(week))


def some_day(predicate: Callable[[Exercise, Any], bool]) -> Expectation:
    return lambda week: any(predicate(exercise(i), i) for _, i in items(week))


def days_with(predicate: Callable[[Exercise, Any], bool]) -> Callable[[Week], set[int]]:
    return lambda week: {d for d, i in items(week) if predicate(exercise(i), i)}


def standing(e: Exercise, i: Any) -> bool:
    return i.position is Position.STANDING


def strengthening(e: Exercise, i: Any) -> bool:
    return e.is_strengthening


def aerobic(e: Exercise, i: Any) -> bool:
    return e.kind is Kind.AEROBIC


def self_done(e: Exercise, i: Any) -> bool:
    return e.performer.value == "self"


def uses(*groups: str) -> Callable[[Exercise, Any], bool]:
    return lambda e, i: any(g.value in groups for g in e.muscle_groups)


@dataclass(frozen=True)
class Vignette:
    name: str
    profile: FunctionalProfile
    stage: Stage
    expectations: dict[str, Expectation] = field(default_factory=dict)
    reviewed: bool = True


ARMS = ("shoulder", "elbow_flexors", "elbow_extensors", "wrist_hand")
LEGS = ("hip_flexors", "hip_extensors", "hip_abductors", "knee_extensors", "knee_flexors")
ANKLES = ("ankle_dorsiflexors", "ankle_plantarflexors")


def graded(value: int, groups: Sequence[str]) -> dict[str, int]:
    return dict.fromkeys(groups, value)


VIGNETTES: tuple[Vignette, ...] = (
    Vignette(
        "early limb onset, walks and stands alone",
        person(strength={**graded(4, ARMS + LEGS + ANKLES), "wrist_hand": 3}),
        Stage.EARLY,
        {
            "strengthening on two or three days": lambda w: (
                2 <= len(days_with(strengthening)(w)) <= 3
            ),
            "aerobic work on three days": lambda w: len(days_with(aerobic)(w)) >= 3,
            "some work standing": some_day(standing),
        },
    ),
    Vignette(
        "bulbar onset with good limbs",
        person(strength=graded(5, ARMS + LEGS + ANKLES), minutes=40),
        Stage.EARLY,
        {
            "walking kept": some_day(lambda e, i: e.id == "walking"),
            "strengthening kept": some_day(strengthening),
        },
    ),
    Vignette(
        "foot drop with an ankle-foot brace",
        person(foot_drop="right", afo_worn=True, walking="with_aid", standing="with_support"),
        Stage.MID,
        {
            "nothing on one leg": never(lambda e, i: e.single_leg and standing(e, i)),
            "the brace routine is offered": some_day(lambda e, i: e.id == "afo-on-and-skin-check"),
        },
    ),
    Vignette(
        "foot drop without a brace",
        person(foot_drop="both", afo_worn=False, strength=graded(2, ("ankle_dorsiflexors",))),
        Stage.EARLY,
        {
            "no walking on the feet": never(lambda e, i: aerobic(e, i) and standing(e, i)),
            "no brace routine": never(lambda e, i: e.id == "afo-on-and-skin-check"),
        },
    ),
    Vignette(
        "flail arm, strong legs",
        person(
            strength={**graded(1, ARMS), **graded(5, LEGS + ANKLES)},
            shoulder_subluxation=True,
            minutes=40,
        ),
        Stage.MID,
        {
            "walking and leg strengthening kept": lambda w: (
                some_day(lambda e, i: e.id == "walking")(w)
                and some_day(lambda e, i: strengthening(e, i) and uses(*LEGS)(e, i))(w)
            ),
            "no arm work done alone": never(lambda e, i: self_done(e, i) and uses(*ARMS)(e, i)),
            "shoulders moved by the helper": some_day(
                lambda e, i: e.performer.value == "caregiver" and uses("shoulder")(e, i)
            ),
        },
    ),
    Vignette(
        "flail leg, strong arms, wheelchair",
        person(
            standing="unsafe",
            walking="unable",
            floor_transfer=False,
            strength={**graded(1, LEGS + ANKLES), **graded(5, ARMS)},
        ),
        Stage.MID,
        {
            "nothing standing": never(standing),
            "arm strengthening kept": some_day(
                lambda e, i: strengthening(e, i) and uses(*ARMS)(e, i)
            ),
            "no leg work done alone": never(
                lambda e, i: self_done(e, i) and uses(*LEGS, *ANKLES)(e, i)
            ),
        },
    ),
    Vignette(
        "wheelchair user with good sitting balance",
        person(
            standing="unsafe", walking="unable", floor_transfer=False, caregiver_available=False
        ),
        Stage.MID,
        {
            "stays in the wheelchair (no helper to move)": lambda w: all(
                i.position is Position.IN_WHEELCHAIR for _, i in items(w)
            ),
        },
    ),
    Vignette(
        "poor sitting balance, wheelchair without supports",
        person(
            standing="unsafe",
            walking="unable",
            sitting_balance="poor",
            floor_transfer=False,
            base="wheelchair",
            strength=graded(2, ("trunk",)),
        ),
        Stage.ADVANCED,
        {
            "no self-done lean, twist, side bend or reach sitting": never(
                lambda e, i: (
                    self_done(e, i)
                    and i.position in (Position.IN_WHEELCHAIR, Position.SEATED)
                    and e.trunk.value != "none"
                )
            ),
        },
    ),
    Vignette(
        "reduced trunk control in a wheelchair with side supports and tilt",
        person(
            standing="unsafe",
            walking="unable",
            trunk_control="reduced",
            seat_lateral_supports=True,
            seat_tilt=True,
            floor_transfer=False,
        ),
        Stage.MID,
        {
            "no reaching away from the support": never(
                lambda e, i: self_done(e, i) and e.trunk.value == "reach"
            ),
            "upright work in the supported wheelchair": some_day(
                lambda e, i: i.position is Position.IN_WHEELCHAIR and e.trunk.value == "upright"
            ),
        },
    ),
    Vignette(
        "head drop",
        person(head_control="needs_support", strength=graded(2, ("neck",)), walking="with_aid"),
        Stage.MID,
        {
            "no head hanging or held forward": never(lambda e, i: e.neck.value == "flexion_hold"),
            "no self-held neck movement sitting or standing": never(
                lambda e, i: (
                    e.neck.value == "unsupported"
                    and i.position in (Position.SEATED, Position.IN_WHEELCHAIR, Position.STANDING)
                )
            ),
            "neck moved with the head supported": some_day(
                lambda e, i: e.neck.value == "supported"
            ),
        },
    ),
    Vignette(
        "painful right shoulder",
        person(painful_joints=("right_shoulder",)),
        Stage.EARLY,
        {
            "the right side stays out": never(
                lambda e, i: "shoulder" in [j.value for j in e.joints] and i.side != "left"
            ),
            "the left shoulder keeps moving": some_day(
                lambda e, i: "shoulder" in [j.value for j in e.joints] and i.side == "left"
            ),
        },
    ),
    Vignette(
        "subluxed left shoulder, arm hangs",
        person(arm_hangs="left", walking="with_aid", standing="with_support"),
        Stage.MID,
        {
            "the hanging arm is never loaded alone": never(
                lambda e, i: (
                    self_done(e, i)
                    and not e.arm_supported
                    and ("shoulder" in [j.value for j in e.joints])
                    and i.side != "right"
                )
            ),
        },
    ),
    Vignette(
        "on NIV and breathless lying flat",
        person(
            uses_niv=True,
            niv_daytime=True,
            lies_flat_comfortably=False,
            walking="with_aid",
            standing="with_support",
            alsfrs={"10": 2, "11": 1, "12": 2},
        ),
        Stage.MID,
        {
            "never on a floor mat": never(lambda e, i: i.position is Position.LYING),
            "bed work with the head raised": lambda w: all(
                any(r.rule == "SAFE-FLAT-01" for r in i.reasons)
                for _, i in items(w)
                if i.position is Position.IN_BED
            ),
            "breathing every day": lambda w: all(
                any(LIBRARY[i.exercise].kind is Kind.BREATHING for i in r.items) for r in w
            ),
        },
    ),
    Vignette(
        "bed-bound with a helper",
        person(
            standing="unsafe",
            walking="unable",
            sitting_balance="poor",
            floor_transfer=False,
            base="bed",
            strength=graded(1, ARMS + LEGS + ANKLES),
        ),
        Stage.ADVANCED,
        {
            "everything in bed": lambda w: all(i.position is Position.IN_BED for _, i in items(w)),
            "passive range of motion by the helper": some_day(
                lambda e, i: e.performer.value == "caregiver"
            ),
        },
    ),
    Vignette(
        "bed-bound without a helper",
        person(
            standing="unsafe",
            walking="unable",
            sitting_balance="poor",
            floor_transfer=False,
            base="bed",
            caregiver_available=False,
            strength=graded(1, LEGS + ANKLES),
        ),
        Stage.ADVANCED,
        {
            "everything in bed, nothing needing a helper": lambda w: all(
                i.position is Position.IN_BED and LIBRARY[i.exercise].performer.value == "self"
                for _, i in items(w)
            ),
            "the therapist is told passive range is missing": lambda w: all(
                any(n.rule == "ROUTINE-PASSIVE-01" for n in r.therapist_notes) for r in w
            ),
        },
    ),
    Vignette(
        "helper only on some days",
        person(
            standing="unsafe",
            walking="unable",
            floor_transfer=False,
            caregiver_days=(0, 3),
            strength=graded(1, ANKLES),
        ),
        Stage.MID,
        {
            "helper exercises only on the helper's days": lambda w: (
                {d for d, i in items(w) if LIBRARY[i.exercise].performer.value != "self"} <= {0, 3}
            ),
            "no transfer on days without the helper": lambda w: all(
                i.position is Position.IN_WHEELCHAIR for d, i in items(w) if d not in (0, 3)
            ),
        },
    ),
    Vignette(
        "high fatigue",
        person(typical_fatigue=8, minutes=40, walking="with_aid", standing="with_support"),
        Stage.MID,
        {
            "two sittings a day": lambda w: all(
                any(i.sitting == 2 for i in r.items) for r in w if r.minutes > 15
            ),
            "strengthening on at most two days": lambda w: len(days_with(strengthening)(w)) <= 2,
            "half an hour a day at most": lambda w: all(r.minutes <= 30 for r in w),
        },
    ),
    Vignette(
        "fell twice in the last three months",
        person(falls_last_3_months=2),
        Stage.EARLY,
        {"nothing standing until cleared": never(standing)},
    ),
    Vignette(
        "fell, and the therapist cleared standing again",
        person(falls_last_3_months=1, standing_cleared=True),
        Stage.EARLY,
        {"standing work back": some_day(standing)},
    ),
    Vignette(
        "cramps and spasticity",
        person(cramps="much", spasticity="some", walking="with_aid", standing="with_support"),
        Stage.MID,
        {
            "stretches say what to do on a cramp": lambda w: all(
                any(r.rule == "SAFE-TONE-01" for r in i.reasons)
                for _, i in items(w)
                if LIBRARY[i.exercise].kind is Kind.STRETCH
            ),
        },
    ),
    Vignette(
        "stands only with support",
        person(standing="with_support", walking="with_aid"),
        Stage.MID,
        {"nothing on one leg": never(lambda e, i: e.single_leg)},
    ),
    Vignette(
        "before the therapist's review",
        person(),
        Stage.EARLY,
        {
            "only gentle work": never(
                lambda e, i: strengthening(e, i) or aerobic(e, i) or standing(e, i)
            ),
        },
        reviewed=False,
    ),
    Vignette(
        "weak grip",
        person(grip="weak"),
        Stage.EARLY,
        {
            "nothing that needs a firm grip": never(
                lambda e, i: "grip" in [r.value for r in e.requires]
            )
        },
    ),
    Vignette(
        "three hours a day set aside",
        person(minutes=180),
        Stage.EARLY,
        {
            "at most an hour a day, in two sittings (and a walk of its own)": lambda w: all(
                r.minutes <= 60 and {i.sitting for i in r.items} <= {1, 2, 3} for r in w
            ),
        },
    ),
    Vignette(
        "ankles graded 0-1 with a helper",
        person(strength=graded(1, ANKLES), walking="with_aid", standing="with_support"),
        Stage.MID,
        {
            "no self-done ankle work": never(lambda e, i: self_done(e, i) and uses(*ANKLES)(e, i)),
            "ankles moved by the helper": some_day(
                lambda e, i: e.performer.value == "caregiver" and uses(*ANKLES)(e, i)
            ),
        },
    ),
    Vignette(
        "shoulders graded 2 with a helper",
        person(strength=graded(2, ("shoulder",)), walking="with_aid", standing="with_support"),
        Stage.MID,
        {
            "no shoulder work done alone against gravity": never(
                lambda e, i: (
                    self_done(e, i)
                    and e.kind is not Kind.ACTIVE_ASSISTED
                    and uses("shoulder")(e, i)
                )
            ),
            "assisted shoulder work": some_day(
                lambda e, i: e.performer.value == "assisted" and uses("shoulder")(e, i)
            ),
        },
    ),
    Vignette(
        "fifteen minutes a day, early",
        person(minutes=15),
        Stage.EARLY,
        {
            "calves and hamstrings every day": lambda w: all(
                {"calf", "hamstrings"}
                <= {c.value for i in r.items for c in LIBRARY[i.exercise].contracture}
                for r in w
            ),
        },
    ),
)
