"""The equipment planner: each item's signs, the start-by arithmetic against a known
forecast, faster progressors first, settled items left out, and the therapist alert."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from equipment_support import profile, record, scores

from alsmove.core.equipment import (
    RULE_DONE,
    RULE_HEURISTIC,
    RULE_NOW,
    RULE_PROFILE,
    RULE_SOON,
    RULE_START_BY,
    earlier_starts,
    item_rates,
    plan,
    suggest_item,
    total_rates,
)
from alsmove.core.equipment_catalogue import CatalogueItem, ProfileField
from alsmove.core.equipment_texts import PROFILE_SIGN_TEXTS
from alsmove.equipment.loader import default_catalogue

CATALOGUE = default_catalogue()
BY_ID = {item.id: item for item in CATALOGUE}
ONSET = date(2025, 1, 1)
DAY = date(2026, 1, 1)

# The profile value each field's sign is tested with, where the profile holds it directly.
PROFILE_FIELD = {
    ProfileField.WALKING: "walking",
    ProfileField.STANDING: "standing",
    ProfileField.SITTING_BALANCE: "sitting_balance",
    ProfileField.HEAD_CONTROL: "head_control",
    ProfileField.TRUNK_CONTROL: "trunk_control",
    ProfileField.GRIP: "grip",
    ProfileField.BASE: "base",
}


def _profile_for(field: ProfileField, value: str) -> dict[str, object]:
    if field is ProfileField.FOOT_DROP:
        return {"foot_drop": "left"}
    if field is ProfileField.ARM_HANGS:
        return {"arm_hangs": "right"}
    if field is ProfileField.FALLS:
        return {"falls_last_3_months": 1}
    return {PROFILE_FIELD[field]: value}


def _signs() -> list[tuple[str, int, int]]:
    return [(i.id, s.item, s.at_or_below) for i in CATALOGUE for s in i.signs]


def _profile_signs() -> list[tuple[str, ProfileField, str]]:
    return [(i.id, s.field, v) for i in CATALOGUE for s in i.profile_signs for v in s.values]


@pytest.mark.parametrize(("item_id", "position", "threshold"), _signs())
def test_each_alsfrs_sign_at_its_threshold_makes_the_item_needed_now(
    item_id: str, position: int, threshold: int
) -> None:
    records = [(DAY, scores(**{f"i{position}": threshold}))]
    suggestion = suggest_item(BY_ID[item_id], ONSET, records, DAY)
    assert suggestion.status == "now"
    assert suggestion.start_by == DAY and suggestion.start_now
    assert RULE_NOW in {r.rule for r in suggestion.reasons}


@pytest.mark.parametrize(("item_id", "position", "threshold"), _signs())
def test_one_point_above_the_threshold_is_not_needed_now_from_that_sign(
    item_id: str, position: int, threshold: int
) -> None:
    item = BY_ID[item_id]
    only_sign = item.model_copy(
        update={"signs": tuple(s for s in item.signs if s.item == position), "profile_signs": ()}
    )
    # Onset long ago: the decline is slow, so the projection does not reach the sign yet.
    records = [(DAY, scores(**{f"i{position}": threshold + 1}))]
    suggestion = suggest_item(only_sign, date(1990, 1, 1), records, DAY)
    assert suggestion.status != "now"


@pytest.mark.parametrize(("item_id", "field", "value"), _profile_signs())
def test_each_profile_sign_makes_the_item_needed_now(
    item_id: str, field: ProfileField, value: str
) -> None:
    answers = profile(**_profile_for(field, value))
    suggestion = suggest_item(BY_ID[item_id], ONSET, [(DAY, scores())], DAY, answers)
    assert suggestion.status == "now"
    assert RULE_PROFILE in {r.rule for r in suggestion.reasons}


def test_every_item_of_the_catalogue_can_be_triggered() -> None:
    triggered = {item_id for item_id, _, _ in _signs()} | {i for i, _, _ in _profile_signs()}
    assert triggered == set(BY_ID)


def test_all_items_normal_and_a_normal_profile_give_nothing_now_or_soon() -> None:
    suggestions = plan(CATALOGUE, ONSET, [record("2025-06-01"), (DAY, scores())], DAY, profile())
    assert {s.status for s in suggestions} == {"later"}
    assert len(suggestions) == len(CATALOGUE)


# A known forecast: one record 16 months after onset (487 days = 16 x 30.4375) with a total
# of 32, so the straight-line forecast (D50-02) loses exactly 1 point a month. Walking
# (item 8) is at 2: 2 of the 16 points lost, so walking's share is 1/8 point a month.
KNOWN_DAY = date(2026, 3, 1)
KNOWN_ONSET = KNOWN_DAY - timedelta(days=487)
KNOWN = scores(i1=2, i2=3, i3=3, i4=3, i5=3, i6=3, i7=3, i8=2, i9=2, i10=3, i11=3, i12=2)


def test_the_total_rate_is_read_from_the_known_forecast() -> None:
    assert KNOWN.total == 32
    rates = total_rates(KNOWN_ONSET, [(KNOWN_DAY, KNOWN)], KNOWN_DAY)
    assert rates.central == pytest.approx(1.0)
    # The line's band: rate x 2 plus 3 points, rate x 0.5 minus 3 points, over 12 months.
    assert rates.fast == pytest.approx(2.25)
    assert rates.slow == pytest.approx(0.25)
    assert item_rates(rates, KNOWN, 8).central == pytest.approx(0.125)


def test_the_power_chairs_start_by_is_its_need_date_minus_25_weeks() -> None:
    chair = suggest_item(BY_ID["power-wheelchair"], KNOWN_ONSET, [(KNOWN_DAY, KNOWN)], KNOWN_DAY)
    # One point left above 1 at 1/8 point a month: 8 months = 243.5 days, rounded to 244.
    need = KNOWN_DAY + timedelta(days=244)
    assert chair.status == "soon"
    assert chair.estimated_need == need == date(2026, 10, 31)
    assert chair.start_by == need - timedelta(weeks=25) == date(2026, 5, 9)
    assert not chair.start_now
    # The band: fast 2.25 x 1/8 a month (3.56 months), slow 0.25 x 1/8 (32 months).
    assert chair.need_earliest == KNOWN_DAY + timedelta(days=round(1 / (2.25 / 8) * 30.4375))
    assert chair.need_latest == KNOWN_DAY + timedelta(days=round(32 * 30.4375))
    rules = [r.rule for r in chair.reasons]
    assert RULE_SOON in rules and RULE_START_BY in rules and RULE_HEURISTIC in rules
    assert chair.sources == BY_ID["power-wheelchair"].sources


def test_a_start_by_already_passed_becomes_today_and_says_start_now() -> None:
    as_of = date(2026, 7, 1)  # past 9 May, before the need date
    chair = suggest_item(BY_ID["power-wheelchair"], KNOWN_ONSET, [(KNOWN_DAY, KNOWN)], as_of)
    assert chair.status == "soon" and chair.start_by == as_of and chair.start_now
    text = next(r.message for r in chair.reasons if r.rule == RULE_START_BY)
    assert "start now" in str(text)


def test_a_fast_progressor_gets_the_power_chair_raised_earlier_than_a_slow_one() -> None:
    walking_at_2 = scores(i8=2, i9=2, i7=3, i6=3)
    fast = suggest_item(
        BY_ID["power-wheelchair"], DAY - timedelta(days=120), [(DAY, walking_at_2)], DAY
    )
    slow = suggest_item(
        BY_ID["power-wheelchair"], DAY - timedelta(days=900), [(DAY, walking_at_2)], DAY
    )
    assert fast.start_by is not None
    assert slow.start_by is None or fast.start_by < slow.start_by
    assert fast.estimated_need is not None and slow.estimated_need != fast.estimated_need


def test_a_months_of_own_decline_on_an_item_drives_its_estimate() -> None:
    records = [
        record("2025-09-01", i8=4),
        record("2025-11-01", i8=3),
        record("2026-01-01", i8=2),
    ]
    chair = suggest_item(BY_ID["power-wheelchair"], ONSET, records, DAY)
    # Walking lost a point every two months: one more point in about two months.
    assert chair.status == "soon"
    assert chair.estimated_need is not None
    assert abs((chair.estimated_need - DAY).days - 61) <= 3


def test_items_in_use_or_declined_are_not_suggested_again() -> None:
    records = [(DAY, scores(i8=1))]
    settled = frozenset({"power-wheelchair", "cane"})
    ids = {s.item.id for s in plan(CATALOGUE, ONSET, records, DAY, settled=settled)}
    assert ids == set(BY_ID) - settled
    assert RULE_DONE == "EQUIP-DONE-01"


def test_the_plan_lists_now_first_then_soon_by_start_by_then_later() -> None:
    records = [record("2025-06-01", i8=3), (DAY, scores(i8=2, i9=3))]
    suggestions = plan(CATALOGUE, ONSET, records, DAY)
    statuses = [s.status for s in suggestions]
    assert statuses == sorted(statuses, key=["now", "soon", "later"].index)
    soon = [s.start_by for s in suggestions if s.status == "soon"]
    assert soon == sorted(soon)


def test_the_speech_device_is_a_pointer_to_the_speech_therapist() -> None:
    device = suggest_item(BY_ID["speech-generating-device"], ONSET, [(DAY, scores(i1=2))], DAY)
    assert device.status == "now"
    assert any("speech" in str(r.message) for r in device.reasons if r.rule == "EQUIP-POINTER-01")


def test_a_start_by_moved_much_earlier_raises_an_alert_and_a_small_move_does_not() -> None:
    chair: CatalogueItem = BY_ID["power-wheelchair"]
    before = suggest_item(chair, KNOWN_ONSET, [(KNOWN_DAY, KNOWN)], KNOWN_DAY)
    assert before.start_by == date(2026, 5, 9)
    # A month later walking has dropped to 1: the chair is needed now, weeks earlier.
    later_day = KNOWN_DAY + timedelta(days=30)
    worse = [(KNOWN_DAY, KNOWN), (later_day, scores(i8=1, i9=2, i7=3))]
    after = suggest_item(chair, KNOWN_ONSET, worse, later_day)
    assert after.status == "now" and after.start_by == later_day
    moved = earlier_starts([before], [after], later_day)
    assert [(m.item_id, m.before, m.after) for m in moved] == [
        ("power-wheelchair", date(2026, 5, 9), later_day)
    ]
    # The same plan again, or a start-by only days earlier, is no alert.
    assert earlier_starts([after], [after], later_day) == []
    nearly = suggest_item(chair, KNOWN_ONSET, [(KNOWN_DAY, KNOWN)], KNOWN_DAY + timedelta(days=1))
    assert earlier_starts([before], [nearly], KNOWN_DAY) == []


def test_every_profile_sign_in_the_catalogue_has_a_sentence_in_plain_words() -> None:
    signs = {
        (sign.field.value, value)
        for item in CATALOGUE
        for sign in (*item.profile_signs, *item.outgrown_profile)
        for value in sign.values
    }
    assert signs, "the catalogue reads the profile somewhere"
    assert signs <= set(PROFILE_SIGN_TEXTS), signs - set(PROFILE_SIGN_TEXTS)
