"""The person's own day: `today_for` follows the record's time zone, not the server's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from alsmove.patients.clock import is_known_zone, now_for, today_for


@dataclass
class Record:
    time_zone: str


AUCKLAND = Record("Pacific/Auckland")  # UTC+13 in December (daylight saving)
HONOLULU = Record("Pacific/Honolulu")  # UTC-10 all year


def test_a_person_at_utc_plus_13_is_already_in_tomorrow_when_the_server_is_not() -> None:
    moment = datetime(2026, 12, 1, 11, 30, tzinfo=UTC)  # 00:30 on 2 December in Auckland
    assert today_for(AUCKLAND, moment) == date(2026, 12, 2)
    assert today_for(AUCKLAND, datetime(2026, 12, 1, 10, 59, tzinfo=UTC)) == date(2026, 12, 1)


def test_a_person_at_utc_minus_10_is_still_in_yesterday_after_the_server_midnight() -> None:
    moment = datetime(2026, 12, 2, 9, 59, tzinfo=UTC)  # 23:59 on 1 December in Honolulu
    assert today_for(HONOLULU, moment) == date(2026, 12, 1)
    assert today_for(HONOLULU, datetime(2026, 12, 2, 10, 0, tzinfo=UTC)) == date(2026, 12, 2)


def test_the_local_clock_keeps_the_same_instant() -> None:
    moment = datetime(2026, 12, 1, 11, 30, tzinfo=UTC)
    local = now_for(AUCKLAND, moment)
    assert (local.hour, local.minute) == (0, 30)
    assert local == moment


def test_an_unknown_or_empty_zone_falls_back_to_the_server_clock() -> None:
    moment = datetime(2026, 12, 1, 23, 30, tzinfo=UTC)
    assert today_for(Record("Mars/Olympus"), moment) == date(2026, 12, 1)
    assert today_for(Record(""), moment) == date(2026, 12, 1)
    assert today_for(None, moment) == date(2026, 12, 1)
    assert not is_known_zone("Mars/Olympus")
    assert is_known_zone("Pacific/Auckland")
