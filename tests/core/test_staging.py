"""King's, MiToS, progression rate, functional stage and the guide stage, as tables."""

from __future__ import annotations

from datetime import date

import pytest

from alsmove.core.alsfrs import ITEM_IDS, AlsfrsError, Scores, parse_items
from alsmove.core.i18n import Message
from alsmove.core.library import Stage
from alsmove.core.profile import FunctionalProfile, SittingBalance, Standing, Walking
from alsmove.core.staging import (
    ROMAN,
    RULE_FUNCTIONAL_STAGE,
    RULE_GUIDE_STAGE_PROFILE,
    FunctionalStage,
    functional_stage,
    guide_stage,
    kings_regions,
    kings_stage,
    mitos_domains_lost,
    mitos_stage,
    progression_category,
    progression_rate,
    stage_for_routine,
    stage_from_profile,
)


def scores(changes: dict[str, int] | None = None, tube: bool = False) -> Scores:
    ids = [i for i in ITEM_IDS if i != ("5a" if tube else "5b")]
    items = dict.fromkeys(ids, 4)
    items.update(changes or {})
    return parse_items(items)


# --- King's -------------------------------------------------------------------------------

KINGS = [
    ("no region involved", {}, False, "0"),
    ("speech alone is bulbar", {"1": 3}, False, "1"),
    ("saliva alone is bulbar", {"2": 3}, False, "1"),
    ("swallowing alone is bulbar", {"3": 3}, False, "1"),
    ("handwriting alone is upper limb", {"4": 3}, False, "1"),
    ("cutting food alone is upper limb", {"5a": 3}, False, "1"),
    ("walking alone is lower limb", {"8": 3}, False, "1"),
    ("stairs are not a King's criterion", {"9": 1}, False, "0"),
    ("turning in bed is not a King's criterion", {"7": 1}, False, "0"),
    ("dressing is not a King's criterion", {"6": 1}, False, "0"),
    ("orthopnoea is not a King's criterion", {"11": 0}, False, "0"),
    ("two items in one region count once", {"1": 2, "3": 1}, False, "1"),
    ("bulbar and upper limb", {"1": 3, "4": 3}, False, "2"),
    ("upper and lower limb", {"5a": 2, "8": 2}, False, "2"),
    ("all three regions", {"2": 3, "4": 2, "8": 1}, False, "3"),
    ("a feeding tube is 4A", {}, True, "4A"),
    ("a feeding tube overrides the region count", {"1": 3, "4": 3, "8": 3}, True, "4A"),
    ("breathlessness scored 0 is 4B", {"10": 0}, False, "4B"),
    ("breathlessness scored 1 is not 4B", {"10": 1}, False, "0"),
    ("intermittent NIV (item 12 = 3) is 4B", {"12": 3}, False, "4B"),
    ("invasive ventilation is 4B", {"12": 0}, False, "4B"),
    ("4B overrides the region count", {"1": 3, "8": 3, "12": 2}, False, "4B"),
    ("a tube and NIV together report 4B", {"12": 3}, True, "4B"),
    ("a tube and breathlessness 0 report 4B", {"10": 0}, True, "4B"),
]


@pytest.mark.parametrize(
    ("changes", "tube", "expected"), [c[1:] for c in KINGS], ids=[c[0] for c in KINGS]
)
def test_kings_stage_follows_balendra(changes: dict[str, int], tube: bool, expected: str) -> None:
    assert kings_stage(scores(changes, tube)) == expected


def test_with_5b_the_upper_limb_is_read_from_handwriting_only() -> None:
    assert "upper_limb" not in kings_regions(scores({"5b": 0}, tube=True))
    assert "upper_limb" in kings_regions(scores({"5b": 4, "4": 3}, tube=True))


def test_regions_are_listed_in_a_fixed_order() -> None:
    assert kings_regions(scores({"8": 3, "1": 3, "4": 3})) == (
        "bulbar",
        "upper_limb",
        "lower_limb",
    )


# --- MiToS --------------------------------------------------------------------------------

MITOS = [
    ("nothing lost", {}, 0, ()),
    ("walking 1 loses movement", {"8": 1}, 1, ("movement",)),
    ("walking 2 keeps movement", {"8": 2}, 0, ()),
    ("dressing 1 loses movement", {"6": 1}, 1, ("movement",)),
    ("dressing 2 keeps movement", {"6": 2}, 0, ()),
    ("walking and dressing lost count once", {"8": 0, "6": 0}, 1, ("movement",)),
    ("swallowing 1 loses swallowing", {"3": 1}, 1, ("swallowing",)),
    ("swallowing 2 keeps swallowing", {"3": 2}, 0, ()),
    ("speech and writing both 1 lose communication", {"1": 1, "4": 1}, 1, ("communication",)),
    ("speech 1 with writing 2 keeps communication", {"1": 1, "4": 2}, 0, ()),
    ("speech 0 with writing 2 keeps communication", {"1": 0, "4": 2}, 0, ()),
    ("writing 0 with speech 2 keeps communication", {"1": 2, "4": 0}, 0, ()),
    ("breathlessness 1 loses breathing", {"10": 1}, 1, ("breathing",)),
    ("breathlessness 2 keeps breathing", {"10": 2}, 0, ()),
    ("night-time NIV (item 12 = 2) loses breathing", {"12": 2}, 1, ("breathing",)),
    ("intermittent NIV (item 12 = 3) keeps breathing", {"12": 3}, 0, ()),
    (
        "all four domains",
        {"8": 1, "3": 0, "1": 0, "4": 1, "12": 0},
        4,
        ("movement", "swallowing", "communication", "breathing"),
    ),
]


@pytest.mark.parametrize(
    ("changes", "expected", "lost"), [c[1:] for c in MITOS], ids=[c[0] for c in MITOS]
)
def test_mitos_stage_counts_the_domains_chio_defines(
    changes: dict[str, int], expected: int, lost: tuple[str, ...]
) -> None:
    record = scores(changes)
    assert mitos_stage(record) == expected
    assert mitos_domains_lost(record) == lost


# --- Progression rate ---------------------------------------------------------------------

RATES = [
    ("full score loses nothing", 48, date(2023, 1, 1), date(2024, 1, 1), 0.0),
    # 2023 has 365 days: 11.99 mean months of 30.4375 days.
    ("12 points in a year", 36, date(2023, 1, 1), date(2024, 1, 1), 12 / (365 / 30.4375)),
    ("two weeks after onset counts as a month", 46, date(2024, 1, 1), date(2024, 1, 15), 2.0),
    ("on the onset day counts as a month", 47, date(2024, 1, 1), date(2024, 1, 1), 1.0),
]


@pytest.mark.parametrize(
    ("total", "onset", "on", "rate"), [c[1:] for c in RATES], ids=[c[0] for c in RATES]
)
def test_progression_rate_is_points_lost_per_month_since_onset(
    total: int, onset: date, on: date, rate: float
) -> None:
    assert progression_rate(total, onset, on) == pytest.approx(rate)


def test_progression_rate_refuses_a_date_before_onset() -> None:
    with pytest.raises(AlsfrsError, match="before the onset date"):
        progression_rate(40, date(2024, 1, 1), date(2023, 12, 31))


def test_progression_rate_refuses_a_total_out_of_range() -> None:
    with pytest.raises(AlsfrsError, match="out of range 0-48"):
        progression_rate(49, date(2023, 1, 1), date(2024, 1, 1))


@pytest.mark.parametrize(
    ("rate", "category"),
    [
        (0.0, "slow"),
        (0.49, "slow"),
        (0.5, "intermediate"),
        (0.9, "intermediate"),
        (1.0, "intermediate"),
        (1.01, "fast"),
        (3.0, "fast"),
    ],
)
def test_progression_category_uses_the_conventional_cut_offs(rate: float, category: str) -> None:
    assert progression_category(rate) == category


# --- Functional stage and guide stage -----------------------------------------------------


def profile(walking: Walking, standing: Standing = Standing.INDEPENDENT) -> FunctionalProfile:
    return FunctionalProfile(
        standing=standing,
        walking=walking,
        sitting_balance=SittingBalance.GOOD,
        floor_transfer=False,
        can_lie_down=True,
        caregiver_available=True,
    )


FUNCTIONAL = [
    ("a normal record is I", {}, None, 1),
    ("dressing with effort only is I", {"6": 3}, None, 1),
    ("slower on stairs only is I", {"9": 3}, None, 1),
    ("early walking trouble is II", {"8": 3}, None, 2),
    ("illegible words are II", {"4": 2}, None, 2),
    ("help cutting food is II", {"5a": 2}, None, 2),
    ("tiring on stairs is II", {"9": 2}, None, 2),
    ("hard work turning in bed is II", {"7": 2}, None, 2),
    ("walking with help is III", {"8": 2}, None, 3),
    ("help on stairs is III", {"9": 1}, None, 3),
    ("cannot write is III", {"4": 1}, None, 3),
    ("food cut by someone else is III", {"5a": 1}, None, 3),
    ("no longer walking is IV", {"8": 1}, None, 4),
    ("a helper for dressing is V", {"6": 1}, None, 5),
    ("cannot finish turning in bed is V", {"7": 1, "8": 2}, None, 5),
    ("no useful leg movement is V", {"8": 0, "7": 2}, None, 5),
    ("no leg movement and helpless in bed is VI", {"8": 0, "7": 1}, None, 6),
    ("bedbound with every limb item at 0 is VI", {"6": 0, "7": 0, "8": 0, "9": 0}, None, 6),
    ("a walking aid in the profile is III", {}, profile(Walking.WITH_AID), 3),
    (
        "standing with support in the profile is III",
        {},
        profile(Walking.INDEPENDENT, Standing.WITH_SUPPORT),
        3,
    ),
    ("unable to walk in the profile is IV", {}, profile(Walking.UNABLE), 4),
    ("unsafe standing in the profile is IV", {}, profile(Walking.WITH_AID, Standing.UNSAFE), 4),
    ("the later of record and profile wins", {"8": 1}, profile(Walking.INDEPENDENT), 4),
    ("a record's stage V beats a profile's IV", {"6": 1}, profile(Walking.UNABLE), 5),
]


@pytest.mark.parametrize(
    ("changes", "person", "number"),
    [c[1:] for c in FUNCTIONAL],
    ids=[c[0] for c in FUNCTIONAL],
)
def test_functional_stage_follows_our_sinaki_mulder_heuristics(
    changes: dict[str, int], person: FunctionalProfile | None, number: int
) -> None:
    stage = functional_stage(scores(changes), person)
    assert stage.number == number
    assert stage.roman == ROMAN[number - 1]
    assert stage.rule == RULE_FUNCTIONAL_STAGE
    assert isinstance(stage.reason, Message)
    assert str(stage.reason).startswith(f"Stage {stage.roman}:")
    assert str(stage.focus)


def test_every_functional_stage_has_its_own_focus() -> None:
    cases = [({}, 1), ({"8": 3}, 2), ({"8": 2}, 3), ({"8": 1}, 4), ({"6": 1}, 5)]
    cases.append(({"8": 0, "7": 0}, 6))
    focuses = {functional_stage(scores(changes)).focus.text for changes, _ in cases}
    assert len(focuses) == 6


GUIDE = [(1, Stage.EARLY), (2, Stage.EARLY), (3, Stage.MID), (4, Stage.MID)]
GUIDE += [(5, Stage.ADVANCED), (6, Stage.ADVANCED)]


@pytest.mark.parametrize(("number", "expected"), GUIDE)
def test_guide_stage_maps_i_ii_early_iii_iv_mid_v_vi_advanced(number: int, expected: Stage) -> None:
    functional = FunctionalStage(
        number=number, roman=ROMAN[number - 1], reason=Message("x"), focus=Message("y")
    )
    stage, reason = guide_stage(functional)
    assert stage is expected
    assert ROMAN[number - 1] in str(reason)


def test_stage_for_routine_reads_a_raw_record() -> None:
    raw = dict.fromkeys([i for i in ITEM_IDS if i != "5b"], 4)
    assert stage_for_routine(raw) is Stage.EARLY
    assert stage_for_routine({**raw, "8": 2}) is Stage.MID
    assert stage_for_routine({**raw, "8": 0}) is Stage.ADVANCED
    assert stage_for_routine(raw, profile(Walking.UNABLE)) is Stage.MID


PROFILE_STAGES = [
    (
        "walking and standing alone is early",
        Walking.INDEPENDENT,
        Standing.INDEPENDENT,
        "good",
        Stage.EARLY,
    ),
    ("standing with support is mid", Walking.INDEPENDENT, Standing.WITH_SUPPORT, "good", Stage.MID),
    ("walking with an aid is mid", Walking.WITH_AID, Standing.INDEPENDENT, "good", Stage.MID),
    ("not walking but sitting steadily is mid", Walking.UNABLE, Standing.UNSAFE, "good", Stage.MID),
    (
        "not walking, sitting with support is mid",
        Walking.UNABLE,
        Standing.UNSAFE,
        "needs_support",
        Stage.MID,
    ),
    (
        "not walking and sitting poorly is advanced",
        Walking.UNABLE,
        Standing.UNSAFE,
        "poor",
        Stage.ADVANCED,
    ),
]


@pytest.mark.parametrize(
    ("walking", "standing", "sitting", "expected"),
    [case[1:] for case in PROFILE_STAGES],
    ids=[case[0] for case in PROFILE_STAGES],
)
def test_without_a_record_the_stage_comes_from_the_profile(
    walking: Walking, standing: Standing, sitting: str, expected: Stage
) -> None:
    person = profile(walking, standing).model_copy(
        update={"sitting_balance": SittingBalance(sitting)}
    )
    stage, reason = stage_from_profile(person)
    assert stage is expected
    assert "No assessment yet" in reason.render()
    assert RULE_GUIDE_STAGE_PROFILE == "GUIDE-STAGE-02"


def test_stage_for_routine_refuses_an_invalid_record() -> None:
    raw = dict.fromkeys([i for i in ITEM_IDS if i not in ("5b", "9")], 4)
    with pytest.raises(AlsfrsError, match="item 9 is missing"):
        stage_for_routine(raw)
