"""The rules of the optional "How have you been feeling?" (alsmove/core/feelings.py)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alsmove.core.feelings import Feeling, offer_due, support_for, tells_therapist

DAY = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("last", "today", "due"),
    [
        (None, DAY, True),
        (DAY, DAY, False),
        (DAY - timedelta(days=6), DAY, False),
        (DAY - timedelta(days=7), DAY, True),
        (DAY - timedelta(days=40), DAY, True),
        (DAY + timedelta(days=3), DAY, False),  # a clock moved back never re-asks early
    ],
)
def test_the_question_is_offered_at_most_once_in_seven_days(
    last: date | None, today: date, due: bool
) -> None:
    assert offer_due(last, today) is due


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    gaps=st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=30),
)
def test_a_person_who_answers_every_offer_is_never_asked_twice_within_a_week(
    start: date, gaps: list[int]
) -> None:
    """Walk day by day; whenever it is offered, it is answered (or set aside) that day."""
    last: date | None = None
    asked: list[date] = []
    day = start
    for gap in gaps:
        day += timedelta(days=gap)
        if offer_due(last, day):
            asked.append(day)
            last = day
    assert all((b - a).days >= 7 for a, b in itertools.pairwise(asked))


def test_a_low_answer_shows_support_a_crisis_line_and_asks_about_the_therapist() -> None:
    low = support_for(Feeling.LOW)
    assert low.emotional_support and low.crisis_line and low.ask_to_share


def test_up_and_down_links_to_support_without_asking() -> None:
    mixed = support_for(Feeling.MIXED)
    assert mixed.emotional_support and not mixed.crisis_line and not mixed.ask_to_share


@pytest.mark.parametrize("answer", [Feeling.GOOD, Feeling.SKIPPED])
def test_good_or_not_now_asks_nothing_more(answer: Feeling) -> None:
    assert support_for(answer) == support_for(Feeling.GOOD)
    assert not support_for(answer).ask_to_share


@given(answer=st.sampled_from(Feeling), said=st.sampled_from([None, False, True]))
def test_the_therapist_is_told_only_after_a_low_answer_and_the_persons_yes(
    answer: Feeling, said: bool | None
) -> None:
    assert tells_therapist(answer, said) is (answer is Feeling.LOW and said is True)
