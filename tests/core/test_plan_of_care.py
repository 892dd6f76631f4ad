"""The plan-of-care rules: recertification 90 days after certification (POC-RECERT-01),
suggested wording built only from what the records hold (POC-SKILLED-01), and a decline
statement that never claims the programme slows ALS (POC-DECLINE-01)."""

from __future__ import annotations

from datetime import date

from alsmove.core import plan_of_care_texts
from alsmove.core.plan_of_care import (
    RecordFacts,
    decline_suggestion,
    recertify_by,
    skilled_need_points,
)
from alsmove.core.resources import promises_slowing


def test_a_plan_is_recertified_90_days_after_it_is_certified() -> None:
    assert recertify_by(date(2026, 1, 1)) == date(2026, 4, 1)
    assert recertify_by(date(2024, 12, 15)) == date(2025, 3, 15)
    assert recertify_by(None) is None


def test_with_no_records_the_wording_says_only_what_is_always_true() -> None:
    points = skilled_need_points(RecordFacts())
    assert [p.text for p in points] == [
        plan_of_care_texts.SKILLED_OPENING,
        plan_of_care_texts.SKILLED_PROGRESSIVE,
    ]


def test_each_fact_the_records_hold_adds_its_point_with_its_numbers() -> None:
    facts = RecordFacts(
        first_total=40,
        last_total=33,
        first_day=date(2026, 3, 1),
        last_day=date(2026, 6, 1),
        revisions=2,
        overwork_events=3,
        helper_exercises=4,
        painful_joints=1,
    )
    rendered = [p.render() for p in skilled_need_points(facts)]
    assert "changed from 40 to 33 between 2026-03-01 and 2026-06-01" in rendered[2]
    assert "revised 2 times" in rendered[3]
    assert "3 possible signs of overwork" in rendered[4]
    assert "in 4 of the exercises" in rendered[5]
    assert "records 1 painful joints" in rendered[6]


def test_a_single_record_gives_no_change_of_score() -> None:
    day = date(2026, 3, 1)
    facts = RecordFacts(first_total=40, last_total=40, first_day=day, last_day=day)
    assert all("changed from" not in p.render() for p in skilled_need_points(facts))


def test_the_wording_is_the_therapists_to_make_and_never_promises_slowing() -> None:
    every = [getattr(plan_of_care_texts, n) for n in dir(plan_of_care_texts) if n.isupper()]
    assert every and not [t for t in every if promises_slowing(t)]
    assert decline_suggestion().render().startswith("In my assessment")
    assert "does not slow ALS" in decline_suggestion().render()
