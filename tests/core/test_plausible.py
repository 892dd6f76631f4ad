"""PLAUSIBLE-DATE-01 and PLAUSIBLE-ONSET-01: the one date check every door applies."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alsmove.core.plausible import (
    EARLIEST,
    PLAUSIBLE_DATE_01,
    PLAUSIBLE_ONSET_01,
    ImplausibleDate,
    check_date,
    date_problem,
    onset_problems,
    record_problems,
)

TODAY = date(2026, 12, 1)


@given(st.dates(), st.dates(min_value=date(1901, 1, 1), max_value=date(2100, 1, 1)))
def test_a_date_is_accepted_exactly_from_1900_to_today(day: date, today: date) -> None:
    problem = date_problem(day, today)
    assert (problem is None) == (EARLIEST <= day <= today)
    if problem is not None:
        assert problem.rule == PLAUSIBLE_DATE_01
        assert day.isoformat() in problem.message.render()


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(1, 3, 1), "before 1900"),
        (date(1, 1, 1), "before 1900"),
        (date(1850, 6, 1), "before 1900"),
        (TODAY + timedelta(days=1), "in the future"),
    ],
)
def test_year_1_1850_and_tomorrow_are_refused_in_words(day: date, words: str) -> None:
    with pytest.raises(ImplausibleDate) as raised:
        check_date(day, TODAY, field="taken_on")
    assert words in str(raised.value)
    assert raised.value.problem.field == "taken_on"


def test_the_first_day_of_1900_and_today_are_accepted() -> None:
    assert check_date(EARLIEST, TODAY) == EARLIEST
    assert check_date(TODAY, TODAY) == TODAY


def test_an_onset_after_stored_records_is_refused_naming_each_of_them() -> None:
    problems = onset_problems(
        onset=date(2025, 6, 1),
        diagnosis=None,
        assessment_days=[date(2025, 3, 1), date(2025, 5, 2), date(2025, 6, 1), date(2025, 9, 9)],
        today=TODAY,
    )
    assert [p.field for p in problems] == ["onset_date"]
    text = problems[0].message.render()
    assert "2025-03-01" in text and "2025-05-02" in text
    # A record on the onset day or later fits; only the earlier ones are named.
    assert problems[0].message.params["days"] == "2025-03-01, 2025-05-02"
    assert problems[0].rule == PLAUSIBLE_ONSET_01


def test_an_onset_after_the_diagnosis_in_the_future_or_before_1900_is_refused() -> None:
    def fields(onset: date, diagnosis: date | None = None) -> list[str]:
        found = onset_problems(onset=onset, diagnosis=diagnosis, assessment_days=(), today=TODAY)
        return [p.field for p in found]

    assert fields(date(2025, 6, 1), date(2025, 1, 1)) == ["diagnosis_date"]
    assert fields(TODAY + timedelta(days=1)) == ["onset_date"]
    assert fields(date(1850, 1, 1)) == ["onset_date"]
    assert fields(date(2024, 1, 1), date(2024, 5, 1)) == []


def test_a_stored_record_reports_every_date_that_does_not_fit() -> None:
    problems = record_problems(
        onset=date(2025, 6, 1),
        diagnosis=date(2025, 7, 1),
        assessment_days=[date(1850, 1, 1), date(2025, 8, 1)],
        today=TODAY,
    )
    assert {p.field for p in problems} == {"onset_date", "taken_on"}
    assert (
        record_problems(
            onset=date(2025, 6, 1), diagnosis=None, assessment_days=[date(2025, 8, 1)], today=TODAY
        )
        == []
    )
