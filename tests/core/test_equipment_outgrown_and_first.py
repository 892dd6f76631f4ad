"""EQUIP-OUTGROWN-01 (walking aids once walking is gone) and EQUIP-FIRST-01 (the items
to start now, the longest to get first)."""

from __future__ import annotations

from datetime import date

import pytest
from equipment_support import profile, scores

from alsmove.core.equipment import (
    FIRST_COUNT,
    RULE_OUTGROWN,
    plan,
    start_now_first,
    suggest_item,
)
from alsmove.equipment.loader import default_catalogue

CATALOGUE = default_catalogue()
BY_ID = {item.id: item for item in CATALOGUE}
ONSET = date(2025, 1, 1)
DAY = date(2026, 1, 1)
WALKING_AIDS = ("cane", "rollator", "walker")


@pytest.mark.parametrize("item_id", WALKING_AIDS)
@pytest.mark.parametrize("walking", [1, 0])
def test_a_walking_aid_is_outgrown_once_walking_is_gone(item_id: str, walking: int) -> None:
    suggestion = suggest_item(BY_ID[item_id], ONSET, [(DAY, scores(i8=walking))], DAY)
    assert suggestion.outgrown and suggestion.status == "later"
    assert not suggestion.start_now and suggestion.start_by is None
    assert [r.rule for r in suggestion.reasons] == [RULE_OUTGROWN]


@pytest.mark.parametrize("item_id", WALKING_AIDS)
def test_a_profile_saying_walking_is_not_possible_outgrows_it_too(item_id: str) -> None:
    answers = profile(walking="unable")
    suggestion = suggest_item(BY_ID[item_id], ONSET, [(DAY, scores(i8=2))], DAY, answers)
    assert suggestion.outgrown


@pytest.mark.parametrize("item_id", WALKING_AIDS)
def test_walking_with_help_still_needs_the_aid_now(item_id: str) -> None:
    suggestion = suggest_item(BY_ID[item_id], ONSET, [(DAY, scores(i8=2))], DAY)
    assert suggestion.status == "now" and not suggestion.outgrown


def test_the_wheelchair_is_not_outgrown_when_walking_is_gone() -> None:
    suggestion = suggest_item(BY_ID["manual-wheelchair"], ONSET, [(DAY, scores(i8=0))], DAY)
    assert suggestion.status == "now" and not suggestion.outgrown


def test_start_now_puts_the_longest_lead_time_first_and_leaves_out_settled_items() -> None:
    records = [(DAY, scores(i8=1, i9=0, i6=2, i7=2, i4=2, i5=2))]
    suggestions = plan(CATALOGUE, ONSET, records, DAY)
    first = start_now_first(suggestions)
    leads = [s.item.lead_time_weeks.max for s in first]
    assert leads == sorted(leads, reverse=True)
    assert all(s.start_now for s in first)
    assert len(first) > FIRST_COUNT  # a person far along has many: the card shows three
    top = first[0].item.id
    assert top not in {s.item.id for s in start_now_first(suggestions, frozenset({top}))}


def test_nothing_to_start_now_when_all_items_are_normal() -> None:
    assert start_now_first(plan(CATALOGUE, ONSET, [(DAY, scores())], DAY)) == []
